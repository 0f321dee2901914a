/**
 * Sending and editing text. Every message goes through one outbox, kept in the chat cache so it
 * survives a restart: it shows at once, then is sent in the order written, each under the
 * random_id it got when written (a resend after a lost answer is not a second message: Telegram
 * knows the id). No connection (or one lost mid-send) and Telegram's waits (FLOOD_WAIT,
 * SLOWMODE_WAIT) keep it queued, to be sent when the connection is back or the wait is over;
 * a refusal (the chat is gone, writing is forbidden) marks it failed, for Retry or Delete.
 */
import { Api, errors } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import type { Clock, TimerHandle } from '../clock.js';
import { AppError } from '../errors.js';
import { toAppError } from '../telegram/rpc-errors.js';
import type { ChatCache, OutboxRow } from './cache.js';
import type { ChatMessage } from './model.js';
import { normaliseMessage } from './normalise.js';
import type { ChatPeers } from './peers.js';

/** How the service reaches Telegram: TelegramSession.invoke (bounded, errors mapped) in the app. */
export interface ChatsTransport {
  invoke<R extends Api.AnyRequest>(request: R): Promise<R['__response']>;
  /** Connect (again) if the connection was lost: the outbox asks before each try. */
  connect?(): Promise<void>;
}

export const MAX_TEXT = 4096;
/** The longest wait between two tries while Telegram cannot be reached. */
export const RETRY_MAX_MS = 5 * 60_000;

/** A message's text: some, and no longer than Telegram takes. */
export function checkText(text: string): void {
  if (!text.trim()) throw new AppError('INVALID_ARGUMENT', 'A message needs some text.');
  if (text.length > MAX_TEXT) throw new AppError('INVALID_ARGUMENT', `A message can be at most ${MAX_TEXT} characters.`);
}

export const defaultRandomId = () => BigInt.asIntN(64, BigInt(Math.floor(Math.random() * 2 ** 32)) * 2n ** 32n + BigInt(Math.floor(Math.random() * 2 ** 32)));

export interface OutboxDeps {
  transport: ChatsTransport;
  cache: ChatCache;
  peers: ChatPeers;
  now: () => number;
  randomId: () => bigint;
  clock: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  /** The first wait before trying again without a connection; it doubles up to RETRY_MAX_MS. */
  retryBaseMs: number;
  /** The chat's view changed (an echo appeared, is being sent, queued, failed or deleted). */
  changed(key: string): void;
  /** A message was stored: the open chat re-reads its window. */
  stored(key: string): void;
  /** Telegram has the message already (RANDOM_ID_DUPLICATE): the open chat refetches to show it. */
  refetch(key: string): void;
  /** An answer's users, chats and updates, applied as if pushed. */
  applyAnswer(result: Api.Updates | Api.UpdatesCombined): void;
}

type Waiter = { resolve(message: ChatMessage): void; reject(error: unknown): void };
type Reason = NonNullable<ChatMessage['error']>;

export class Outbox {
  /** The message being sent now: it can no longer be deleted. */
  #inFlight: string | undefined;
  #flushing: Promise<void> | undefined;
  #again = false;
  /** Why the line waits (no connection, or Telegram's wait), said on its first message; unset once a try gets through. */
  #stall: Reason | undefined;
  #timer: TimerHandle | undefined;
  /** Tries in a row that found no connection: the backoff's exponent. */
  #misses = 0;
  /** The callers of send and retry, answered once their message is sent, queued or failed. */
  readonly #waiters = new Map<string, Waiter[]>();
  #stopped = false;

  constructor(private readonly deps: OutboxDeps) {}

  /** Write a message: it shows at once, and is sent after those written before it. */
  async send(key: string, text: string, options: { replyToId?: number } = {}): Promise<ChatMessage> {
    checkText(text);
    this.deps.peers.require(key);
    const randomId = this.deps.randomId().toString();
    const { cache } = this.deps;
    const row = { randomId, chat: key, text, date: Math.floor(this.deps.now() / 1000), ...(options.replyToId ? { replyToId: options.replyToId } : {}) };
    cache.addOutgoing(row);
    cache.setChatInfo(key, { draft: '' });
    const answer = this.#answerFor(randomId);
    // Without a connection it waits its turn (the next try is already set): the caller hears it is queued.
    if (this.#stall) this.#settle(randomId, { message: this.#echo({ ...row, seq: 0, failed: false }, this.#head()) });
    else this.#flush();
    this.deps.changed(key);
    return answer;
  }

  /** Try a failed or queued message now, under its own random_id: if an earlier try did reach Telegram, it will not post twice. */
  async retry(key: string, randomId: string): Promise<ChatMessage> {
    const row = this.#row(key, randomId);
    if (row.failed) this.deps.cache.markOutgoing(randomId, { failed: false, requeue: true });
    const answer = this.#answerFor(randomId);
    this.#tryNow();
    this.deps.changed(key);
    return answer;
  }

  /** Delete a queued or failed message before it is sent. */
  cancel(key: string, randomId: string): void {
    this.#row(key, randomId);
    if (this.#inFlight === randomId) throw new AppError('INVALID_ARGUMENT', 'This message is being sent right now and can no longer be deleted.');
    this.deps.cache.removeOutgoing(randomId);
    this.#settle(randomId, { error: new AppError('INVALID_ARGUMENT', 'The message was deleted before it was sent.') });
    this.deps.changed(key);
  }

  /** Edit an own message (Up in the composer); the answer's updateEditMessage updates the view. */
  async edit(key: string, id: number, text: string): Promise<void> {
    checkText(text);
    const result = await this.deps.transport.invoke(new Api.messages.EditMessage({ peer: this.deps.peers.require(key), id, message: text }));
    if (result instanceof Api.Updates || result instanceof Api.UpdatesCombined) this.deps.applyAnswer(result);
  }

  /** Send what was kept (a restart) or wait for the connection. */
  start(): void {
    this.#flush();
  }

  /** The connection is back (the session reached Telegram): a line waiting for it goes now, else at its backoff. */
  connectionBack(): void {
    if (!this.#stall || this.#flushing || this.#stopped) return;
    const retryAt = this.#stall.retryAt;
    if (retryAt !== undefined && retryAt > this.deps.now()) return; // Telegram's wait still runs: its timer is set
    this.#tryNow();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) this.deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#answerQueued();
  }

  /** The chat's unsent messages as echoes, newest first: pending (being sent), queued or failed. */
  *pendingFor(key: string): Iterable<ChatMessage> {
    if (this.#stopped) return;
    const head = this.#head();
    for (const row of this.deps.cache.outgoing(key).reverse()) yield this.#echo(row, head);
  }

  /** The first message of the line: the one the next try sends, which says why the line waits. */
  #head(): string | undefined {
    return this.deps.cache.outgoing().find((row) => !row.failed)?.randomId;
  }

  #echo(row: OutboxRow, head: string | undefined): ChatMessage {
    const base = { id: 0, randomId: row.randomId, date: row.date, out: true, text: row.text, entities: [], ...(row.replyToId ? { replyToId: row.replyToId } : {}) };
    if (row.failed) return { ...base, state: 'failed', ...(row.error ? { error: row.error } : {}) };
    if (this.#stall && this.#inFlight !== row.randomId) {
      return { ...base, state: 'queued', ...(head === row.randomId ? { error: this.#stall } : {}) };
    }
    return { ...base, state: 'pending' };
  }

  #row(key: string, randomId: string): OutboxRow {
    const row = this.deps.cache.outgoing(key).find((candidate) => candidate.randomId === randomId);
    if (!row) throw new AppError('INVALID_ARGUMENT', 'No such unsent message.');
    return row;
  }

  #tryNow(): void {
    if (this.#timer) this.deps.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#misses = 0;
    this.#flush();
  }

  /** One sender at a time, down the line in the order written. */
  #flush(): void {
    if (this.#stopped) return;
    if (this.#flushing) {
      this.#again = true;
      return;
    }
    this.#flushing = this.#run().finally(() => {
      this.#flushing = undefined;
      if (this.#again && !this.#stall) {
        this.#again = false;
        this.#flush();
      }
      this.#again = false;
    });
  }

  async #run(): Promise<void> {
    for (;;) {
      const next = this.#stopped ? undefined : this.deps.cache.outgoing().find((row) => !row.failed);
      if (!next) {
        this.#stall = undefined;
        return;
      }
      if (!(await this.#attempt(next))) {
        this.#answerQueued();
        return;
      }
    }
  }

  /** Try one message; false when the line must wait (no connection, Telegram's wait, stopped). */
  async #attempt(row: OutboxRow): Promise<boolean> {
    const { cache, transport } = this.deps;
    this.#inFlight = row.randomId;
    this.deps.changed(row.chat);
    try {
      const peer = this.deps.peers.require(row.chat);
      await transport.connect?.();
      const result = await transport.invoke(
        new Api.messages.SendMessage({
          peer,
          message: row.text,
          randomId: returnBigInt(row.randomId),
          ...(row.replyToId ? { replyTo: new Api.InputReplyToMessage({ replyToMsgId: row.replyToId }) } : {}),
        }),
      );
      this.#inFlight = undefined;
      if (this.#stopped) return false;
      const sent = this.#sentMessage(row.chat, row.randomId, row.text, result);
      this.#delivered(row);
      if (sent) cache.put(row.chat, [sent]);
      this.deps.stored(row.chat);
      this.#settle(row.randomId, { message: sent ?? this.#sentEcho(row) });
      return true;
    } catch (error) {
      this.#inFlight = undefined;
      return this.#failedTry(row, error);
    }
  }

  #failedTry(row: OutboxRow, error: unknown): boolean {
    const appError = toAppError(error, this.deps.now());
    // Logged out (the cache is going) or shutting down: nothing more is written.
    if (this.#stopped || appError.code === 'NOT_LOGGED_IN') {
      this.#settle(row.randomId, { error: appError });
      return false;
    }
    const cause = (appError.cause as { errorMessage?: string } | undefined)?.errorMessage ?? '';
    if (cause === 'RANDOM_ID_DUPLICATE') {
      // An earlier try reached Telegram after all: the message exists; the next fetch shows it.
      this.#delivered(row);
      this.deps.refetch(row.chat);
      this.#settle(row.randomId, { message: this.#sentEcho(row) });
      return true;
    }
    const slowMode = appError.cause instanceof errors.SlowModeWaitError || cause.startsWith('SLOWMODE_WAIT');
    const message = slowMode ? `Slow mode: wait until ${new Date(appError.retryAt ?? 0).toISOString()} to send again.` : appError.message;
    const reason: Reason = { ...appError.toIpc(), message };
    if (appError.code === 'RATE_LIMITED' && appError.retryAt !== undefined) {
      // Telegram's wait (the call gate holds it too): the line keeps its order and goes when it ends.
      this.#wait(reason, appError.retryAt - this.deps.now());
      return false;
    }
    if (appError.code === 'NETWORK' || appError.code === 'TIMEOUT') {
      this.#wait(reason, Math.min(this.deps.retryBaseMs * 2 ** this.#misses, RETRY_MAX_MS));
      this.#misses += 1;
      return false;
    }
    this.deps.cache.markOutgoing(row.randomId, { failed: true, error: reason });
    this.deps.changed(row.chat);
    this.#settle(row.randomId, { error: new AppError(appError.code, message, appError.retryAt, { cause: error }) });
    return true;
  }

  #wait(reason: Reason, ms: number): void {
    this.#stall = reason;
    if (this.#timer) this.deps.clock.clearTimeout(this.#timer);
    this.#timer = this.deps.clock.setTimeout(() => {
      this.#timer = undefined;
      this.#flush();
    }, Math.max(0, ms));
    for (const chat of new Set(this.deps.cache.outgoing().map((queued) => queued.chat))) this.deps.changed(chat);
  }

  #delivered(row: OutboxRow): void {
    this.deps.cache.removeOutgoing(row.randomId);
    this.#stall = undefined;
    this.#misses = 0;
  }

  #answerFor(randomId: string): Promise<ChatMessage> {
    return new Promise((resolve, reject) => this.#waiters.set(randomId, [...(this.#waiters.get(randomId) ?? []), { resolve, reject }]));
  }

  #settle(randomId: string, outcome: { message: ChatMessage } | { error: unknown }): void {
    const waiters = this.#waiters.get(randomId) ?? [];
    this.#waiters.delete(randomId);
    for (const waiter of waiters) {
      if ('message' in outcome) waiter.resolve(outcome.message);
      else waiter.reject(outcome.error);
    }
  }

  /** The line waits: whoever waits for a queued message hears it is queued. */
  #answerQueued(): void {
    if (this.#waiters.size === 0) return;
    const rows = this.#stopped ? [] : this.deps.cache.outgoing();
    const head = rows.find((row) => !row.failed)?.randomId;
    for (const randomId of [...this.#waiters.keys()]) {
      if (randomId === this.#inFlight) continue;
      const row = rows.find((candidate) => candidate.randomId === randomId);
      if (row && !row.failed) this.#settle(randomId, { message: this.#echo(row, head) });
      else if (this.#stopped) this.#settle(randomId, { error: new AppError('NETWORK', 'TopSwitch is shutting down; the message stays queued.') });
    }
  }

  #sentEcho(row: OutboxRow): ChatMessage {
    return { id: 0, randomId: row.randomId, state: 'sent', date: Math.floor(this.deps.now() / 1000), out: true, text: row.text, entities: [] };
  }

  #sentMessage(key: string, randomId: string, text: string, result: Api.TypeUpdates): ChatMessage | undefined {
    if (result instanceof Api.UpdateShortSentMessage) {
      const entities = normaliseMessage(new Api.Message({ id: result.id, peerId: new Api.PeerUser({ userId: returnBigInt(0) }), date: result.date, message: text, entities: result.entities }), key)?.entities ?? [];
      return { id: result.id, state: 'sent', date: result.date, out: true, text, entities };
    }
    if (result instanceof Api.Updates || result instanceof Api.UpdatesCombined) {
      const id = result.updates.find((update): update is Api.UpdateMessageID => update instanceof Api.UpdateMessageID && String(update.randomId) === randomId)?.id;
      this.deps.applyAnswer(result);
      return id === undefined ? undefined : this.deps.cache.get(key, id);
    }
    return undefined;
  }
}
