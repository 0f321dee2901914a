/**
 * Sending and editing text: each message gets a random_id and shows at once as an echo, then turns
 * sent (Telegram's id) or failed (with the reason, and Retry under the same random_id, so a try
 * that did reach Telegram is not posted twice).
 */
import { Api, errors } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { AppError } from '../errors.js';
import { toAppError } from '../telegram/rpc-errors.js';
import type { ChatCache } from './cache.js';
import type { ChatMessage } from './model.js';
import { normaliseMessage } from './normalise.js';
import type { ChatPeers } from './peers.js';

/** How the service reaches Telegram: TelegramSession.invoke (bounded, errors mapped) in the app. */
export interface ChatsTransport {
  invoke<R extends Api.AnyRequest>(request: R): Promise<R['__response']>;
}

export const MAX_TEXT = 4096;

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
  /** The chat's view changed (an echo appeared, failed, or is being tried again). */
  changed(key: string): void;
  /** A message was stored: the open chat re-reads its window. */
  stored(key: string): void;
  /** Telegram has the message already (RANDOM_ID_DUPLICATE): the open chat refetches to show it. */
  refetch(key: string): void;
  /** An answer's users, chats and updates, applied as if pushed. */
  applyAnswer(result: Api.Updates | Api.UpdatesCombined): void;
}

export class Outbox {
  /** Echoes awaiting Telegram's id, by random_id. */
  readonly #pending = new Map<string, { key: string; text: string }>();
  readonly #failures = new Map<string, ChatMessage['error']>();

  constructor(private readonly deps: OutboxDeps) {}

  /** Send text with a fresh random_id; the echo shows at once, then turns sent or failed. */
  async send(key: string, text: string, options: { replyToId?: number } = {}): Promise<ChatMessage> {
    checkText(text);
    const randomId = this.deps.randomId().toString();
    this.#pending.set(randomId, { key, text });
    this.deps.cache.setChatInfo(key, { draft: '' });
    return this.#deliver(key, randomId, text, options.replyToId);
  }

  /** Resend a failed message under its own random_id: if the first try did reach Telegram, it will not post twice. */
  async retry(key: string, randomId: string): Promise<ChatMessage> {
    const pending = this.#pending.get(randomId);
    if (!pending || pending.key !== key) throw new AppError('INVALID_ARGUMENT', 'No such unsent message.');
    return this.#deliver(key, randomId, pending.text);
  }

  /** Edit an own message (Up in the composer); the answer's updateEditMessage updates the view. */
  async edit(key: string, id: number, text: string): Promise<void> {
    checkText(text);
    const result = await this.deps.transport.invoke(new Api.messages.EditMessage({ peer: this.deps.peers.require(key), id, message: text }));
    if (result instanceof Api.Updates || result instanceof Api.UpdatesCombined) this.deps.applyAnswer(result);
  }

  /** The chat's unsent messages as echoes, newest first. */
  *pendingFor(key: string): Iterable<ChatMessage> {
    for (const [randomId, pending] of [...this.#pending].reverse()) {
      if (pending.key !== key) continue;
      const error = this.#failures.get(randomId);
      yield { id: 0, randomId, state: error ? 'failed' : 'pending', ...(error ? { error } : {}), date: Math.floor(this.deps.now() / 1000), out: true, text: pending.text, entities: [] };
    }
  }

  async #deliver(key: string, randomId: string, text: string, replyToId?: number): Promise<ChatMessage> {
    this.#failures.delete(randomId);
    this.deps.changed(key);
    try {
      const result = await this.deps.transport.invoke(
        new Api.messages.SendMessage({
          peer: this.deps.peers.require(key),
          message: text,
          randomId: returnBigInt(randomId),
          ...(replyToId ? { replyTo: new Api.InputReplyToMessage({ replyToMsgId: replyToId }) } : {}),
        }),
      );
      const sent = this.#sentMessage(key, randomId, text, result);
      this.#pending.delete(randomId);
      if (sent) this.deps.cache.put(key, [sent]);
      this.deps.stored(key);
      return sent ?? this.#sentEcho(randomId, text);
    } catch (error) {
      const appError = toAppError(error, this.deps.now());
      const cause = (appError.cause as { errorMessage?: string } | undefined)?.errorMessage ?? '';
      if (cause === 'RANDOM_ID_DUPLICATE') {
        // The earlier try reached Telegram after all: the message exists; the next fetch shows it.
        this.#pending.delete(randomId);
        this.deps.refetch(key);
        return this.#sentEcho(randomId, text);
      }
      const slowMode = appError.cause instanceof errors.SlowModeWaitError || cause.startsWith('SLOWMODE_WAIT');
      const message = slowMode ? `Slow mode: wait until ${new Date(appError.retryAt ?? 0).toISOString()} to send again.` : appError.message;
      this.#failures.set(randomId, { ...appError.toIpc(), message });
      this.deps.changed(key);
      throw new AppError(appError.code, message, appError.retryAt, { cause: error });
    }
  }

  #sentEcho(randomId: string, text: string): ChatMessage {
    return { id: 0, randomId, state: 'sent', date: Math.floor(this.deps.now() / 1000), out: true, text, entities: [] };
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
