/**
 * The per-account chats service: history (newest first, paged backwards, cached in SQLite),
 * sending with an optimistic echo, reading, drafts, live updates for open chats and the
 * switcher's unread/muted/online badges. Standalone: it takes a way to call Telegram, a cache,
 * a way to name a peer's InputPeer, and tells its owner what changed through `onEvent`.
 */
import { Api, errors } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { AppError } from '../errors.js';
import { toAppError } from '../telegram/rpc-errors.js';
import type { ChatCache } from './cache.js';
import type { ChatAbout, ChatBadge, ChatMessage, ChatView } from './model.js';
import { normaliseMessage, peerKeyOf } from './normalise.js';
import { applyUpdate, catchUp, type UpdateTarget } from './updates.js';

/** How the service reaches Telegram: TelegramSession.invoke (bounded, errors mapped) in the app. */
export interface ChatsTransport {
  invoke<R extends Api.AnyRequest>(request: R): Promise<R['__response']>;
}

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
}

export const PAGE_SIZE = 50;
export const MAX_TEXT = 4096;
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
}

/** Online now: Telegram's userStatusOnline until its expiry. */
function isOnline(status: Api.TypeUserStatus | undefined, nowSeconds: number): boolean {
  return status instanceof Api.UserStatusOnline && status.expires > nowSeconds;
}

function isMuted(settings: Api.TypePeerNotifySettings | undefined, nowSeconds: number): boolean {
  return settings instanceof Api.PeerNotifySettings && (settings.muteUntil ?? 0) > nowSeconds;
}

const defaultRandomId = () => BigInt.asIntN(64, BigInt(Math.floor(Math.random() * 2 ** 32)) * 2n ** 32n + BigInt(Math.floor(Math.random() * 2 ** 32)));

export class ChatsService implements UpdateTarget {
  readonly #open = new Map<string, OpenChat>();
  /** Echoes awaiting Telegram's id, by random_id. */
  readonly #pending = new Map<string, { key: string; text: string }>();
  readonly #knownPeers = new Map<string, Api.TypeInputPeer>();
  /** Names and header lines of the peers Telegram's answers mentioned (senders, the chats themselves). */
  readonly #names = new Map<string, string>();
  readonly #about = new Map<string, ChatAbout>();
  /** What a badge says besides the unread count, as last heard (getPeerDialogs, updates). */
  readonly #marks = new Map<string, { muted: boolean; online?: boolean }>();
  readonly #now: () => number;
  readonly #randomId: () => bigint;
  #stopped = false;

  constructor(private readonly options: ChatsServiceOptions) {
    this.#now = options.now ?? (() => Date.now());
    this.#randomId = options.randomId ?? defaultRandomId;
  }

  get cache(): ChatCache {
    return this.options.cache;
  }

  /** Catch up on what happened while away (or start tracking, the first time). */
  async start(): Promise<void> {
    await catchUp(this, this.options.transport, this.options.cache);
  }

  stop(): void {
    this.#stopped = true;
    for (const chat of this.#open.values()) clearTimeout(chat.typingTimer);
    this.#open.clear();
    this.options.cache.close();
  }

  /** Show the chat at once from the cache, then fetch the newest page (filling any gap). */
  async open(key: string): Promise<ChatView> {
    const peer = this.#peer(key);
    const cached = this.options.cache.messages(key, PAGE_SIZE);
    const chat: OpenChat = { messages: cached, hasOlder: true, loading: true };
    this.#open.set(key, chat);
    this.options.cache.setChatInfo(key, { openedAt: this.#now() });
    const first = this.view(key);
    chat.refreshing = this.#refresh(key, peer, chat);
    return first;
  }

  close(key: string): void {
    const chat = this.#open.get(key);
    clearTimeout(chat?.typingTimer);
    this.#open.delete(key);
  }

  isOpen(key: string): boolean {
    return this.#open.has(key);
  }

  view(key: string): ChatView {
    const chat = this.#open.get(key);
    const info = this.options.cache.chatInfo(key);
    const pending = [...this.#pendingFor(key)];
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
      ...(this.#about.has(key) ? { about: this.#about.get(key) } : {}),
      senders: this.#sendersOf(chat?.messages ?? []),
    };
  }

  #sendersOf(messages: readonly ChatMessage[]): Record<string, string> {
    const senders: Record<string, string> = {};
    for (const message of messages) {
      for (const key of [message.fromKey, message.forwardedFrom]) {
        const name = key === undefined ? undefined : this.#names.get(key);
        if (key !== undefined && name !== undefined) senders[key] = name;
      }
    }
    return senders;
  }

  async #refresh(key: string, peer: Api.TypeInputPeer, chat: OpenChat): Promise<void> {
    try {
      // The dialog's read marks come with it (unread count for the "unread" line, read ticks); they
      // are not worth failing the history for.
      const [page] = await Promise.all([this.#fetch(key, peer, 0), this.badges([key]).catch(() => [])]);
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
  }

  /** One page from Telegram, newest first, older than `offsetId` (0 = the newest). */
  async #fetch(key: string, peer: Api.TypeInputPeer, offsetId: number): Promise<{ messages: ChatMessage[]; complete: boolean; total: number }> {
    const result = await this.options.transport.invoke(
      new Api.messages.GetHistory({ peer, offsetId, offsetDate: 0, addOffset: 0, limit: PAGE_SIZE, maxId: 0, minId: 0, hash: returnBigInt(0) }),
    );
    if (result instanceof Api.messages.MessagesNotModified) return { messages: [], complete: false, total: 0 };
    this.#learnPeers(result.users, result.chats);
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
      const page = await this.#fetch(key, this.#peer(key), older.at(-1)?.id ?? oldest ?? 0);
      this.options.cache.put(key, page.messages);
      if (page.complete) this.options.cache.markComplete(key);
      older = oldest === undefined ? page.messages : this.options.cache.messages(key, PAGE_SIZE, oldest);
    }
    chat.messages = [...chat.messages, ...older];
    chat.hasOlder = older.length > 0 && !(this.options.cache.chatInfo(key).complete && this.options.cache.messages(key, 1, chat.messages.at(-1)!.id).length === 0);
    this.#emitView(key);
    return this.view(key);
  }

  /** Send text with a fresh random_id; the echo shows at once, then turns sent or failed. */
  async send(key: string, text: string, options: { replyToId?: number } = {}): Promise<ChatMessage> {
    if (!text.trim()) throw new AppError('INVALID_ARGUMENT', 'A message needs some text.');
    if (text.length > MAX_TEXT) throw new AppError('INVALID_ARGUMENT', `A message can be at most ${MAX_TEXT} characters.`);
    const randomId = this.#randomId().toString();
    this.#pending.set(randomId, { key, text });
    this.options.cache.setChatInfo(key, { draft: '' });
    return this.#deliver(key, randomId, text, options.replyToId);
  }

  /** Resend a failed message under its own random_id: if the first try did reach Telegram, it will not post twice. */
  async retry(key: string, randomId: string): Promise<ChatMessage> {
    const pending = this.#pending.get(randomId);
    if (!pending || pending.key !== key) throw new AppError('INVALID_ARGUMENT', 'No such unsent message.');
    return this.#deliver(key, randomId, pending.text);
  }

  readonly #failures = new Map<string, ChatMessage['error']>();

  async #deliver(key: string, randomId: string, text: string, replyToId?: number): Promise<ChatMessage> {
    this.#failures.delete(randomId);
    this.#emitView(key);
    try {
      const result = await this.options.transport.invoke(
        new Api.messages.SendMessage({
          peer: this.#peer(key),
          message: text,
          randomId: returnBigInt(randomId),
          ...(replyToId ? { replyTo: new Api.InputReplyToMessage({ replyToMsgId: replyToId }) } : {}),
        }),
      );
      const sent = this.#sentMessage(key, randomId, text, result);
      this.#pending.delete(randomId);
      if (sent) this.options.cache.put(key, [sent]);
      this.#reloadOpen(key);
      return sent ?? { id: 0, randomId, state: 'sent', date: Math.floor(this.#now() / 1000), out: true, text, entities: [] };
    } catch (error) {
      const appError = toAppError(error, this.#now());
      const cause = (appError.cause as { errorMessage?: string } | undefined)?.errorMessage ?? '';
      if (cause === 'RANDOM_ID_DUPLICATE') {
        // The earlier try reached Telegram after all: the message exists; the next fetch shows it.
        this.#pending.delete(randomId);
        const chat = this.#open.get(key);
        if (chat) void this.#refresh(key, this.#peer(key), chat);
        return { id: 0, randomId, state: 'sent', date: Math.floor(this.#now() / 1000), out: true, text, entities: [] };
      }
      const slowMode = appError.cause instanceof errors.SlowModeWaitError || cause.startsWith('SLOWMODE_WAIT');
      const message = slowMode ? `Slow mode: wait until ${new Date(appError.retryAt ?? 0).toISOString()} to send again.` : appError.message;
      this.#failures.set(randomId, { ...appError.toIpc(), message });
      this.#emitView(key);
      throw new AppError(appError.code, message, appError.retryAt, { cause: error });
    }
  }

  #sentMessage(key: string, randomId: string, text: string, result: Api.TypeUpdates): ChatMessage | undefined {
    if (result instanceof Api.UpdateShortSentMessage) {
      const entities = normaliseMessage(new Api.Message({ id: result.id, peerId: new Api.PeerUser({ userId: returnBigInt(0) }), date: result.date, message: text, entities: result.entities }), key)?.entities ?? [];
      return { id: result.id, state: 'sent', date: result.date, out: true, text, entities, ...(result.media ? {} : {}) };
    }
    if (result instanceof Api.Updates || result instanceof Api.UpdatesCombined) {
      this.#learnPeers(result.users, result.chats);
      const id = result.updates.find((update): update is Api.UpdateMessageID => update instanceof Api.UpdateMessageID && String(update.randomId) === randomId)?.id;
      for (const update of result.updates) applyUpdate(this, update);
      return id === undefined ? undefined : this.options.cache.get(key, id);
    }
    return undefined;
  }

  /** Edit an own message (Up in the composer); the answer's updateEditMessage updates the view. */
  async edit(key: string, id: number, text: string): Promise<void> {
    if (!text.trim()) throw new AppError('INVALID_ARGUMENT', 'A message needs some text.');
    if (text.length > MAX_TEXT) throw new AppError('INVALID_ARGUMENT', `A message can be at most ${MAX_TEXT} characters.`);
    const result = await this.options.transport.invoke(new Api.messages.EditMessage({ peer: this.#peer(key), id, message: text }));
    if (result instanceof Api.Updates || result instanceof Api.UpdatesCombined) {
      this.#learnPeers(result.users, result.chats);
      for (const update of result.updates) applyUpdate(this, update);
    }
  }

  /** Mark everything shown as read (messages.readHistory or channels.readHistory); the badge drops. */
  async read(key: string): Promise<void> {
    const peer = this.#peer(key);
    // The open's fetch asks for the dialog's unread count too: its answer must land before the read's zero.
    await this.#open.get(key)?.refreshing;
    const maxId = this.options.cache.newestId(key) ?? 0;
    if (peer instanceof Api.InputPeerChannel) {
      await this.options.transport.invoke(new Api.channels.ReadHistory({ channel: new Api.InputChannel({ channelId: peer.channelId, accessHash: peer.accessHash }), maxId }));
    } else {
      await this.options.transport.invoke(new Api.messages.ReadHistory({ peer, maxId }));
    }
    this.options.cache.setChatInfo(key, { unread: 0 });
    this.options.onEvent({ type: 'chat:badges', badges: [this.#badge(key, 0)] });
    this.#emitView(key);
  }

  setDraft(key: string, text: string): void {
    if (text.length > MAX_TEXT) throw new AppError('INVALID_ARGUMENT', `A draft can be at most ${MAX_TEXT} characters.`);
    this.options.cache.setChatInfo(key, { draft: text });
  }

  /** Unread counts, muted state and online status for the switcher's rows (messages.getPeerDialogs). */
  async badges(keys: readonly string[]): Promise<ChatBadge[]> {
    const peers = keys.map((key) => ({ key, peer: this.#peerOrUndefined(key) })).filter((entry): entry is { key: string; peer: Api.TypeInputPeer } => !!entry.peer);
    if (peers.length === 0) return [];
    const result = await this.options.transport.invoke(new Api.messages.GetPeerDialogs({ peers: peers.map(({ peer }) => new Api.InputDialogPeer({ peer })) }));
    const now = Math.floor(this.#now() / 1000);
    const online = new Map<string, boolean>();
    for (const user of result.users) {
      if (user instanceof Api.User) online.set(`user:${user.id.toString()}`, isOnline(user.status, now));
    }
    const asked = new Set(peers.map(({ key }) => key));
    // Telegram answers a dialog per peer it knows, by the dialog's own peer: not by position.
    const badges = result.dialogs.flatMap((dialog): ChatBadge[] => {
      const key = dialog instanceof Api.Dialog ? peerKeyOf(dialog.peer) : undefined;
      if (!(dialog instanceof Api.Dialog) || !key || !asked.has(key)) return [];
      this.options.cache.setChatInfo(key, { unread: dialog.unreadCount, readOutbox: dialog.readOutboxMaxId });
      this.#marks.set(key, { muted: isMuted(dialog.notifySettings, now), ...(online.has(key) ? { online: online.get(key) } : {}) });
      return [this.#badge(key, dialog.unreadCount)];
    });
    // A peer with no dialog yet still gets its status and mute changes from now on.
    for (const { key } of peers) {
      if (!this.#marks.has(key)) this.#marks.set(key, { muted: false, ...(online.has(key) ? { online: online.get(key) } : {}) });
    }
    this.options.onEvent({ type: 'chat:badges', badges });
    return badges;
  }

  /** Every update the session receives (pushed, or inside a call's answer). */
  handleUpdate(update: unknown): void {
    if (!this.#stopped) applyUpdate(this, update);
  }

  // ---- UpdateTarget: what updates.ts changes ----

  messageArrived(key: string, message: ChatMessage): void {
    this.options.cache.put(key, [message]);
    if (!message.out && !this.#open.has(key)) {
      const unread = this.options.cache.chatInfo(key).unread + 1;
      this.options.cache.setChatInfo(key, { unread });
      this.options.onEvent({ type: 'chat:badges', badges: [this.#badge(key, unread)] });
    } else if (!message.out) {
      this.options.cache.setChatInfo(key, { unread: this.options.cache.chatInfo(key).unread + 1 });
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
    this.options.onEvent({ type: 'chat:badges', badges: [this.#badge(key, stillUnread)] });
  }

  statusChanged(key: string, status: Api.TypeUserStatus): void {
    this.#mark(key, { online: isOnline(status, Math.floor(this.#now() / 1000)) });
    // The header of an open private chat says it too.
    if (!this.#about.has(key)) return;
    this.#about.set(key, userAbout(status, this.#now()));
    this.#emitView(key);
  }

  muteChanged(key: string, settings: Api.TypePeerNotifySettings): void {
    this.#mark(key, { muted: isMuted(settings, Math.floor(this.#now() / 1000)) });
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
    for (const [key, chat] of this.#open) void this.#refresh(key, this.#peer(key), chat);
  }

  staleChat(key: string): void {
    const chat = this.#open.get(key);
    this.options.cache.forgetMessages(key);
    if (chat) void this.#refresh(key, this.#peer(key), chat);
  }

  learnPeers(users: readonly Api.TypeUser[], chats: readonly Api.TypeChat[]): void {
    this.#learnPeers(users, chats);
  }

  // ----

  #badge(key: string, unreadCount: number): ChatBadge {
    const marks = this.#marks.get(key);
    return { key, unreadCount, muted: marks?.muted ?? false, ...(marks?.online === undefined ? {} : { online: marks.online }) };
  }

  /** A changed mark is told only for a chat whose badge was asked for: the switcher shows no others. */
  #mark(key: string, change: { muted?: boolean; online?: boolean }): void {
    const marks = this.#marks.get(key);
    if (!marks) return;
    const next = { ...marks, ...change };
    if (next.muted === marks.muted && next.online === marks.online) return;
    this.#marks.set(key, next);
    this.options.onEvent({ type: 'chat:badges', badges: [this.#badge(key, this.options.cache.chatInfo(key).unread)] });
  }

  #learnPeers(users: readonly Api.TypeUser[], chats: readonly Api.TypeChat[]): void {
    for (const user of users) {
      if (!(user instanceof Api.User)) continue;
      const key = `user:${user.id.toString()}`;
      if (user.accessHash) this.#knownPeers.set(key, new Api.InputPeerUser({ userId: user.id, accessHash: user.accessHash }));
      this.#names.set(key, [user.firstName, user.lastName].filter(Boolean).join(' ') || (user.deleted ? 'Deleted Account' : (user.username ?? key)));
      if (!user.bot) this.#about.set(key, userAbout(user.status, this.#now()));
    }
    for (const chat of chats) {
      if (chat instanceof Api.Chat) {
        const key = `chat:${chat.id.toString()}`;
        this.#knownPeers.set(key, new Api.InputPeerChat({ chatId: chat.id }));
        this.#names.set(key, chat.title);
        this.#about.set(key, { members: chat.participantsCount });
      }
      if (chat instanceof Api.Channel) {
        const key = `channel:${chat.id.toString()}`;
        if (chat.accessHash) this.#knownPeers.set(key, new Api.InputPeerChannel({ channelId: chat.id, accessHash: chat.accessHash }));
        this.#names.set(key, chat.title);
        this.#about.set(key, { ...(chat.participantsCount !== undefined ? { members: chat.participantsCount } : {}), ...(chat.broadcast ? { broadcast: true } : {}) });
      }
    }
  }

  /** The chat's InputPeer, from the account's lists or from any answer that named it. */
  inputPeerOf(key: string): Api.TypeInputPeer | undefined {
    return this.#peerOrUndefined(key);
  }

  #peerOrUndefined(key: string): Api.TypeInputPeer | undefined {
    return this.options.inputPeer(key) ?? this.#knownPeers.get(key);
  }

  #peer(key: string): Api.TypeInputPeer {
    const peer = this.#peerOrUndefined(key);
    if (!peer) throw new AppError('PEER_NOT_FOUND', 'That chat is not in your chat list.');
    return peer;
  }

  *#pendingFor(key: string): Iterable<ChatMessage> {
    for (const [randomId, pending] of [...this.#pending].reverse()) {
      if (pending.key !== key) continue;
      const error = this.#failures.get(randomId);
      yield { id: 0, randomId, state: error ? 'failed' : 'pending', ...(error ? { error } : {}), date: Math.floor(this.#now() / 1000), out: true, text: pending.text, entities: [] };
    }
  }

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

/** A user's presence as the header words it: online, last seen at, or Telegram's rough "recently". */
function userAbout(status: Api.TypeUserStatus | undefined, nowMs: number): ChatAbout {
  if (status instanceof Api.UserStatusOnline) return status.expires * 1000 > nowMs ? { online: true } : { online: false, lastSeenAt: status.expires };
  if (status instanceof Api.UserStatusOffline) return { online: false, lastSeenAt: status.wasOnline };
  if (status instanceof Api.UserStatusRecently) return { online: false, seen: 'recently' };
  if (status instanceof Api.UserStatusLastWeek) return { online: false, seen: 'week' };
  if (status instanceof Api.UserStatusLastMonth) return { online: false, seen: 'month' };
  return { online: false };
}

/** Telegram's ways of saying the chat is gone (deleted, left, banned from) → PEER_NOT_FOUND, so the pane can say so. */
const GONE = new Set(['PEER_ID_INVALID', 'CHANNEL_INVALID', 'CHANNEL_PRIVATE', 'CHAT_ID_INVALID', 'USER_ID_INVALID', 'INPUT_USER_DEACTIVATED']);

function chatError(error: unknown, nowMs: number): AppError {
  const appError = toAppError(error, nowMs);
  const rpc = (appError.cause as { errorMessage?: string } | undefined)?.errorMessage ?? '';
  return GONE.has(rpc) ? new AppError('PEER_NOT_FOUND', 'This chat no longer exists, or you are no longer in it.', undefined, { cause: error }) : appError;
}
