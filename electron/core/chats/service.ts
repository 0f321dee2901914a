/**
 * The per-account chats service: history (newest first, paged backwards, cached in SQLite),
 * reading, drafts and live updates for open chats. Sending is the outbox's (sending.ts), the
 * switcher's badges are badges.ts's, the peers answers named are peers.ts's. Standalone: it takes
 * a way to call Telegram, a cache, a way to name a peer's InputPeer, and tells its owner what
 * changed through `onEvent`.
 */
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { AppError } from '../errors.js';
import { systemClock, type Clock } from '../clock.js';
import { toAppError } from '../telegram/rpc-errors.js';
import { ChatBadges } from './badges.js';
import type { ChatCache } from './cache.js';
import type { ChatBadge, ChatMessage, ChatView } from './model.js';
import { normaliseMessage } from './normalise.js';
import { ChatPeers } from './peers.js';
import { defaultRandomId, MAX_TEXT, Outbox, type ChatsTransport } from './sending.js';
import { applyUpdate, catchUp, type UpdateTarget } from './updates.js';

export { MAX_TEXT, type ChatsTransport } from './sending.js';

export type ChatsEvent =
  | { readonly type: 'chat:view'; readonly view: ChatView }
  | { readonly type: 'chat:badges'; readonly badges: readonly ChatBadge[] };

export interface ChatsServiceOptions {
  transport: ChatsTransport;
  cache: ChatCache;
  /** The InputPeer of a chat key ('user:42'), from what the account already knows (top peers, dialogs). */
  inputPeer(key: string): Api.TypeInputPeer | undefined;
  onEvent(event: ChatsEvent): void;
  now?: () => number;
  /** 64 random bits for random_id (tests pass a seeded one). */
  randomId?: () => bigint;
  /** Timers for the outbox's next try (the core's clock; tests pass a fake one). */
  clock?: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  /** The outbox's first wait before trying again without a connection (default 15 s, doubling). */
  retryBaseMs?: number;
}

export const PAGE_SIZE = 50;
/** How long a chat answered from the cache waits before fetching its newest page: two frames at 60 Hz. */
export const REFRESH_AFTER_CACHE_MS = 32;

const delay = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
const TYPING_MS = 6_000;

interface OpenChat {
  messages: ChatMessage[];
  hasOlder: boolean;
  loading: boolean;
  typing?: string;
  typingTimer?: NodeJS.Timeout;
  error?: ChatView['error'];
  /** The fetch under way, whose read marks a read must not be overtaken by. */
  refreshing?: Promise<void>;
  /** Settles `settled(key)` early: the chat was closed before its first fetch ended. */
  leave?: () => void;
}

export class ChatsService implements UpdateTarget {
  readonly #open = new Map<string, OpenChat>();
  readonly #now: () => number;
  readonly #peers: ChatPeers;
  readonly #badges: ChatBadges;
  readonly #outbox: Outbox;
  #stopped = false;

  constructor(private readonly options: ChatsServiceOptions) {
    this.#now = options.now ?? (() => Date.now());
    this.#peers = new ChatPeers((key) => options.inputPeer(key), this.#now);
    const { transport, cache } = options;
    this.#badges = new ChatBadges({ transport, cache, peers: this.#peers, now: this.#now, tell: (badges) => options.onEvent({ type: 'chat:badges', badges }) });
    this.#outbox = new Outbox({
      transport,
      cache,
      peers: this.#peers,
      now: this.#now,
      randomId: options.randomId ?? defaultRandomId,
      clock: options.clock ?? systemClock(),
      retryBaseMs: options.retryBaseMs ?? 15_000,
      changed: (key) => this.#emitView(key),
      stored: (key) => this.#reloadOpen(key),
      refetch: (key) => {
        const chat = this.#open.get(key);
        if (chat) void this.#refresh(key, this.#peers.require(key), chat);
      },
      applyAnswer: (result) => {
        this.#peers.learn(result.users, result.chats);
        for (const update of result.updates) applyUpdate(this, update);
      },
    });
  }

  get cache(): ChatCache {
    return this.options.cache;
  }

  /** Send what the outbox kept, and catch up on what happened while away (or start tracking, the first time). */
  async start(): Promise<void> {
    this.#outbox.start();
    await catchUp(this, this.options.transport, this.options.cache);
  }

  stop(): void {
    this.#stopped = true;
    this.#outbox.stop();
    for (const chat of this.#open.values()) clearTimeout(chat.typingTimer);
    this.#open.clear();
    this.options.cache.close();
  }

  /** Show the chat at once from the cache, then fetch the newest page (filling any gap). */
  async open(key: string): Promise<ChatView> {
    const peer = this.#peers.require(key);
    const cached = this.options.cache.messages(key, PAGE_SIZE);
    const chat: OpenChat = { messages: cached, hasOlder: true, loading: true };
    this.#open.set(key, chat);
    this.options.cache.setChatInfo(key, { openedAt: this.#now() });
    const first = this.view(key);
    // Answered from the cache (or shown from the renderer's own copy), the chat is painted from it
    // first: the newest page is fetched a couple of frames later, so that fetch (and the push it
    // brings) does not compete with that paint for a small machine. With nothing cached, the fetch
    // is what the pane waits for. Closed in that moment (or the account gone), it is not fetched.
    chat.refreshing =
      cached.length > 0
        ? delay(REFRESH_AFTER_CACHE_MS).then(() => (this.#stopped || this.#open.get(key) !== chat ? undefined : this.#refresh(key, peer, chat)))
        : this.#refresh(key, peer, chat);
    return first;
  }

  /**
   * Resolves once the open chat's first fetch has landed or failed, or the chat was closed before
   * that (at once when it is not open): a slow network holds back what waits on it no longer
   * than the user stays in the chat.
   */
  async settled(key: string): Promise<void> {
    const chat = this.#open.get(key);
    if (!chat?.refreshing) return;
    // Settled either way: a fetch that failed has said so in the view, where the user sees it.
    const ended = chat.refreshing.then(
      () => {},
      () => {},
    );
    await Promise.race([ended, new Promise<void>((done) => (chat.leave = done))]);
  }

  close(key: string): void {
    const chat = this.#open.get(key);
    clearTimeout(chat?.typingTimer);
    chat?.leave?.();
    this.#open.delete(key);
  }

  isOpen(key: string): boolean {
    return this.#open.has(key);
  }

  view(key: string): ChatView {
    const chat = this.#open.get(key);
    const info = this.options.cache.chatInfo(key);
    const pending = [...this.#outbox.pendingFor(key)];
    const about = this.#peers.about(key);
    return {
      key,
      messages: [...pending, ...(chat?.messages ?? this.options.cache.messages(key, PAGE_SIZE))],
      hasOlder: chat?.hasOlder ?? !info.complete,
      loading: chat?.loading ?? false,
      draft: info.draft,
      readOutboxMaxId: info.readOutbox,
      unreadCount: info.unread,
      ...(chat?.typing ? { typing: chat.typing } : {}),
      ...(chat?.error ? { error: chat.error } : {}),
      ...(about ? { about } : {}),
      senders: this.#peers.sendersOf(chat?.messages ?? []),
    };
  }

  async #refresh(key: string, peer: Api.TypeInputPeer, chat: OpenChat): Promise<void> {
    // The dialog's read marks come with it (unread count for the "unread" line, read ticks); they
    // are not worth failing the history for. A badge heard this session is kept current by
    // updates, so the history is shown without waiting for them, and they are asked for after it,
    // not beside it, where their answer would share the wire and the DC's time with the history's;
    // else the line needs them first, and both go at once.
    const marks = this.#badges.heard(key) ? undefined : this.badges([key]).catch(() => []);
    try {
      const page = await this.#fetch(key, peer, 0);
      await marks;
      const newestCached = this.options.cache.newestId(key);
      const oldestFetched = page.messages.at(-1)?.id;
      // No overlap with the cache: the cached window is older than a gap, so it goes.
      const gap = newestCached !== undefined && oldestFetched !== undefined && page.complete === false && oldestFetched > newestCached;
      this.options.cache.put(key, page.messages, gap ? { dropOlderThan: oldestFetched } : {});
      if (page.complete) this.options.cache.markComplete(key);
      chat.messages = this.options.cache.messages(key, Math.max(PAGE_SIZE, chat.messages.length));
      chat.hasOlder = !page.complete || chat.messages.length < page.total;
      chat.error = undefined;
    } catch (error) {
      chat.error = chatError(error, this.#now()).toIpc();
    } finally {
      chat.loading = false;
      this.#emitView(key);
    }
    // Marks already waited for, or nobody is shown the view any more (closed, the account gone).
    if (marks || this.#stopped || this.#open.get(key) !== chat) return;
    // A read mark that moved since the badge was last heard reaches the open view too.
    const shown = this.options.cache.chatInfo(key);
    await this.badges([key]).catch(() => []);
    // Closed meanwhile (or the account gone, its cache with it): nobody is shown the view.
    if (this.#stopped || this.#open.get(key) !== chat) return;
    const after = this.options.cache.chatInfo(key);
    if (after.unread !== shown.unread || after.readOutbox !== shown.readOutbox) this.#emitView(key);
  }

  /** One page from Telegram, newest first, older than `offsetId` (0 = the newest). */
  async #fetch(key: string, peer: Api.TypeInputPeer, offsetId: number): Promise<{ messages: ChatMessage[]; complete: boolean; total: number }> {
    const result = await this.options.transport.invoke(
      new Api.messages.GetHistory({ peer, offsetId, offsetDate: 0, addOffset: 0, limit: PAGE_SIZE, maxId: 0, minId: 0, hash: returnBigInt(0) }),
    );
    if (result instanceof Api.messages.MessagesNotModified) return { messages: [], complete: false, total: 0 };
    this.#peers.learn(result.users, result.chats);
    if (result instanceof Api.messages.ChannelMessages) this.options.cache.setChannelPts(key, Math.max(this.options.cache.channelPts(key) ?? 0, result.pts));
    const messages = result.messages.map((message) => normaliseMessage(message, key)).filter((message): message is ChatMessage => !!message);
    const total = result instanceof Api.messages.Messages ? messages.length : result.count;
    return { messages, complete: messages.length < PAGE_SIZE || result instanceof Api.messages.Messages, total };
  }

  /** The next older page: from the cache when it has it, else from Telegram. */
  async loadOlder(key: string): Promise<ChatView> {
    const chat = this.#open.get(key);
    if (!chat) throw new AppError('INVALID_ARGUMENT', 'That chat is not open.');
    const oldest = chat.messages.at(-1)?.id;
    let older = oldest === undefined ? [] : this.options.cache.messages(key, PAGE_SIZE, oldest);
    if (older.length < PAGE_SIZE && !this.options.cache.chatInfo(key).complete) {
      const page = await this.#fetch(key, this.#peers.require(key), older.at(-1)?.id ?? oldest ?? 0);
      this.options.cache.put(key, page.messages);
      if (page.complete) this.options.cache.markComplete(key);
      older = oldest === undefined ? page.messages : this.options.cache.messages(key, PAGE_SIZE, oldest);
    }
    chat.messages = [...chat.messages, ...older];
    chat.hasOlder = older.length > 0 && !(this.options.cache.chatInfo(key).complete && this.options.cache.messages(key, 1, chat.messages.at(-1)!.id).length === 0);
    this.#emitView(key);
    return this.view(key);
  }

  /** Send text with a fresh random_id; the echo shows at once, then turns sent, queued (no connection, a wait) or failed. */
  send(key: string, text: string, options: { replyToId?: number } = {}): Promise<ChatMessage> {
    return this.#outbox.send(key, text, options);
  }

  /** Try a failed or queued message now under its own random_id: if an earlier try did reach Telegram, it will not post twice. */
  retry(key: string, randomId: string): Promise<ChatMessage> {
    return this.#outbox.retry(key, randomId);
  }

  /** Delete a queued or failed message before it is sent. */
  cancel(key: string, randomId: string): void {
    this.#outbox.cancel(key, randomId);
  }

  /** The session reached Telegram again (a refresh, a start): messages queued for want of a connection go now. */
  connectionBack(): void {
    if (!this.#stopped) this.#outbox.connectionBack();
  }

  /** Edit an own message (Up in the composer); the answer's updateEditMessage updates the view. */
  edit(key: string, id: number, text: string): Promise<void> {
    return this.#outbox.edit(key, id, text);
  }

  /** Mark everything shown as read (messages.readHistory or channels.readHistory); the badge drops. */
  async read(key: string): Promise<void> {
    const peer = this.#peers.require(key);
    // The open's fetch asks for the dialog's unread count too: its answer must land before the read's zero.
    await this.#open.get(key)?.refreshing;
    const maxId = this.options.cache.newestId(key) ?? 0;
    if (peer instanceof Api.InputPeerChannel) {
      await this.options.transport.invoke(new Api.channels.ReadHistory({ channel: new Api.InputChannel({ channelId: peer.channelId, accessHash: peer.accessHash }), maxId }));
    } else {
      await this.options.transport.invoke(new Api.messages.ReadHistory({ peer, maxId }));
    }
    this.options.cache.setChatInfo(key, { unread: 0 });
    this.#badges.tellUnread(key, 0);
    this.#emitView(key);
  }

  setDraft(key: string, text: string): void {
    if (text.length > MAX_TEXT) throw new AppError('INVALID_ARGUMENT', `A draft can be at most ${MAX_TEXT} characters.`);
    this.options.cache.setChatInfo(key, { draft: text });
  }

  /** Unread counts, muted state and online status for the switcher's rows (messages.getPeerDialogs). */
  badges(keys: readonly string[]): Promise<ChatBadge[]> {
    return this.#badges.fetch(keys);
  }

  /** Every update the session receives (pushed, or inside a call's answer). */
  handleUpdate(update: unknown): void {
    if (!this.#stopped) applyUpdate(this, update);
  }

  /** The chat's InputPeer, from the account's lists or from any answer that named it. */
  inputPeerOf(key: string): Api.TypeInputPeer | undefined {
    return this.#peers.find(key);
  }

  // ---- UpdateTarget: what updates.ts changes ----

  messageArrived(key: string, message: ChatMessage): void {
    this.options.cache.put(key, [message]);
    if (!message.out) {
      const unread = this.options.cache.chatInfo(key).unread + 1;
      this.options.cache.setChatInfo(key, { unread });
      if (!this.#open.has(key)) this.#badges.tellUnread(key, unread);
    }
    const chat = this.#open.get(key);
    if (chat?.typing) chat.typing = undefined;
    this.#reloadOpen(key);
  }

  messageEdited(key: string, message: ChatMessage): void {
    if (this.options.cache.get(key, message.id) || this.#open.has(key)) this.options.cache.put(key, [message]);
    this.#reloadOpen(key);
  }

  messagesDeleted(key: string | undefined, ids: readonly number[]): void {
    const where = key ? new Map([[key, [...ids]]]) : this.options.cache.commonChatsHolding(ids);
    for (const [chat, gone] of where) {
      this.options.cache.delete(chat, gone);
      const open = this.#open.get(chat);
      if (open) open.messages = open.messages.filter((message) => !gone.includes(message.id));
      this.#emitView(chat);
    }
  }

  outboxRead(key: string, maxId: number): void {
    this.options.cache.setChatInfo(key, { readOutbox: maxId });
    this.#emitView(key);
  }

  inboxRead(key: string, stillUnread: number): void {
    this.options.cache.setChatInfo(key, { unread: stillUnread });
    this.#badges.tellUnread(key, stillUnread);
  }

  statusChanged(key: string, status: Api.TypeUserStatus): void {
    this.#badges.statusChanged(key, status);
    // The header of an open private chat says it too.
    if (this.#peers.setStatus(key, status)) this.#emitView(key);
  }

  muteChanged(key: string, settings: Api.TypePeerNotifySettings): void {
    this.#badges.muteChanged(key, settings);
  }

  typing(key: string, who: string): void {
    const chat = this.#open.get(key);
    if (!chat) return;
    clearTimeout(chat.typingTimer);
    chat.typing = who;
    chat.typingTimer = setTimeout(() => {
      chat.typing = undefined;
      this.#emitView(key);
    }, TYPING_MS);
    chat.typingTimer.unref?.();
    this.#emitView(key);
  }

  /** A gap too long to replay: cached windows are dropped and open chats refetched. */
  staleAll(): void {
    this.options.cache.forgetMessages();
    for (const [key, chat] of this.#open) void this.#refresh(key, this.#peers.require(key), chat);
  }

  staleChat(key: string): void {
    const chat = this.#open.get(key);
    this.options.cache.forgetMessages(key);
    if (chat) void this.#refresh(key, this.#peers.require(key), chat);
  }

  learnPeers(users: readonly Api.TypeUser[], chats: readonly Api.TypeChat[]): void {
    this.#peers.learn(users, chats);
  }

  // ----

  #reloadOpen(key: string): void {
    const chat = this.#open.get(key);
    if (chat) chat.messages = this.options.cache.messages(key, Math.max(PAGE_SIZE, chat.messages.length + 1));
    this.#emitView(key);
  }

  #emitView(key: string): void {
    if (this.#stopped || !this.#open.has(key)) return;
    this.options.onEvent({ type: 'chat:view', view: this.view(key) });
  }
}

/** Telegram's ways of saying the chat is gone (deleted, left, banned from) → PEER_NOT_FOUND, so the pane can say so. */
const GONE = new Set(['PEER_ID_INVALID', 'CHANNEL_INVALID', 'CHANNEL_PRIVATE', 'CHAT_ID_INVALID', 'USER_ID_INVALID', 'INPUT_USER_DEACTIVATED']);

function chatError(error: unknown, nowMs: number): AppError {
  const appError = toAppError(error, nowMs);
  const rpc = (appError.cause as { errorMessage?: string } | undefined)?.errorMessage ?? '';
  return GONE.has(rpc) ? new AppError('PEER_NOT_FOUND', 'This chat no longer exists, or you are no longer in it.', undefined, { cause: error }) : appError;
}
