/**
 * The whole chat list: messages.getDialogs paged to the end for the main list and the archive,
 * cached on disk (the core's KeyValueStore) so it shows before any network, refreshed with its
 * hash and kept current by updates between fetches; and contacts.search, where a newer search
 * cancels the one still waiting.
 *
 * A standalone service: the profile builds it with a store and a clock and hands it the
 * TelegramSession on start(); stop() lets go of the session. A failed fetch keeps the list it had.
 */
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { z } from 'zod';
import type { Chat, ChatList, ChatSearchResult } from '../../shared/ipc-contract.js';
import { AppError } from '../errors.js';
import type { Clock, TimerHandle } from '../clock.js';
import type { KeyValueStore } from '../store.js';
import type { TelegramSession } from '../telegram/session.js';
import { entityKey, type Entity } from '../top-peers/normalise.js';
import { toInputPeer } from '../top-peers/service.js';
import { ChatRecord, chatOf, compareRecords, dialogsHash, peerKeyOf, recordsOfPage } from './records.js';
import { applyUpdate } from './updates.js';

const CACHE_KEY = 'chatList';
/** Telegram's largest page. */
export const DIALOGS_PAGE_SIZE = 100;
/** 500 pages of 100: far beyond any real list, but a server that never ends a list cannot loop us forever. */
const MAX_PAGES = 500;
/** Once a day the list is fetched whole (hash 0): the hash cannot see a rename outside the first page. */
export const FULL_RESYNC_MS = 24 * 60 * 60_000;
/** Updates are written to disk in batches, not one by one. */
const SAVE_DELAY_MS = 1_000;
/** A burst of updates the list cannot place makes one refetch, not one each. */
const STALE_REFRESH_DELAY_MS = 2_000;

const CachedChatList = z.object({
  records: z.array(ChatRecord),
  fetchedAt: z.number().nullable(),
  checkedAt: z.number().nullable(),
  /** Dialogs in each folder's first page last time: what the next first page's hash covers. */
  firstPage: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
});
type CachedChatList = z.infer<typeof CachedChatList>;

export type DialogsTelegram = Pick<TelegramSession, 'invoke' | 'onUpdate' | 'isReady' | 'ensureConnected'>;

export interface DialogsServiceOptions {
  store: KeyValueStore;
  clock: Clock;
  onChanged(list: ChatList): void;
  /** Dialogs per getDialogs call (1..100, default 100). */
  pageSize?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;
}

export type FolderOutcome = 'modified' | 'not-modified';

export class DialogsService {
  #records = new Map<string, ChatRecord>();
  #meta: Omit<CachedChatList, 'records'> = { fetchedAt: null, checkedAt: null, firstPage: [0, 0] };
  #session: DialogsTelegram | undefined;
  #unsubscribe: (() => void) | undefined;
  #refreshing: Promise<ChatList> | undefined;
  /** Updates that arrive while a fetch runs: replayed onto its answer, which may predate them. */
  #duringFetch: unknown[] | undefined;
  #saveTimer: TimerHandle | undefined;
  #staleTimer: TimerHandle | undefined;
  #cancelSearch: (() => void) | undefined;
  /** The last search's peers, so a "Global" result can be opened and shown with its photo. */
  #found = new Map<string, { chat: Chat; ref: ChatRecord['ref'] }>();

  constructor(private readonly options: DialogsServiceOptions) {
    const raw = options.store.get(CACHE_KEY);
    const parsed = CachedChatList.safeParse(raw);
    if (parsed.success) {
      const { records, ...meta } = parsed.data;
      this.#records = new Map(records.map((record) => [record.chat.key, record]));
      this.#meta = meta;
    } else if (raw !== undefined) {
      // Only a cache: the next fetch rebuilds it. Said, not silently dropped.
      options.log?.('warn', 'the cached chat list does not parse; it is refetched', parsed.error.issues.slice(0, 3));
    }
  }

  start(session: DialogsTelegram): void {
    this.stop();
    this.#session = session;
    this.#unsubscribe = session.onUpdate((update) => this.#onUpdate(update));
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#session = undefined;
    this.cancelSearch();
    if (this.#staleTimer) this.options.clock.clearTimeout(this.#staleTimer);
    this.#staleTimer = undefined;
    if (this.#saveTimer) this.#save();
  }

  /** The session ended: nothing of this account may stay behind. */
  wipe(): void {
    if (this.#saveTimer) this.options.clock.clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    this.#records.clear();
    this.#found.clear();
    this.#meta = { fetchedAt: null, checkedAt: null, firstPage: [0, 0] };
    this.options.store.delete(CACHE_KEY);
  }

  snapshot(): ChatList {
    const chats = this.#ordered().map((record) => record.chat);
    return {
      status: this.#meta.fetchedAt === null && chats.length === 0 ? 'empty' : 'ok',
      chats,
      fetchedAt: this.#meta.fetchedAt,
      checkedAt: this.#meta.checkedAt,
    };
  }

  /** A chat of the list or of the last search, with what opening it and its photo need. */
  peer(key: string): { chat: Chat; ref: ChatRecord['ref'] } | undefined {
    const record = this.#records.get(key);
    return record ? { chat: record.chat, ref: record.ref } : this.#found.get(key);
  }

  /** Fetch both folders to the end (single flight: a second caller shares the running fetch). */
  refresh(): Promise<ChatList> {
    const session = this.#requireSession();
    this.#refreshing ??= this.#refresh(session).finally(() => (this.#refreshing = undefined));
    return this.#refreshing;
  }

  async #refresh(session: DialogsTelegram): Promise<ChatList> {
    const before = JSON.stringify(this.snapshot().chats);
    this.#duringFetch = [];
    try {
      await session.ensureConnected();
      const main = await this.#fetchFolder(session, 0);
      const archive = await this.#fetchFolder(session, 1);
      const now = this.options.clock.now();
      const modified = main.outcome === 'modified' || archive.outcome === 'modified';
      if (modified) {
        this.#records = new Map([...main.records, ...archive.records].map((record) => [record.chat.key, record]));
        for (const update of this.#duringFetch) applyUpdate(this.#records, update, this.#nowSeconds());
      }
      this.#meta = { fetchedAt: modified || this.#meta.fetchedAt === null ? now : this.#meta.fetchedAt, checkedAt: now, firstPage: [main.firstPage, archive.firstPage] };
      this.#save();
      const list = this.snapshot();
      if (JSON.stringify(list.chats) !== before || modified) this.options.onChanged(list);
      return list;
    } finally {
      this.#duringFetch = undefined;
    }
  }

  async #fetchFolder(session: DialogsTelegram, folderId: 0 | 1): Promise<{ outcome: FolderOutcome; records: ChatRecord[]; firstPage: number }> {
    const cached = this.#ordered().filter((record) => record.chat.archived === (folderId === 1));
    const firstCount = this.#meta.firstPage[folderId];
    const fresh = this.#meta.fetchedAt !== null && this.options.clock.now() - this.#meta.fetchedAt < FULL_RESYNC_MS;
    const hash = fresh && firstCount > 0 ? dialogsHash(cached.slice(0, firstCount)) : 0n;
    const pageSize = this.options.pageSize ?? DIALOGS_PAGE_SIZE;
    const request = (offset: { date: number; id: number; peer: Api.TypeInputPeer }, pageHash: bigint) =>
      session.invoke(
        new Api.messages.GetDialogs({
          ...(folderId === 1 ? { folderId } : {}),
          offsetDate: offset.date,
          offsetId: offset.id,
          offsetPeer: offset.peer,
          limit: pageSize,
          hash: bigInt(pageHash),
        }),
      );
    const start = { date: 0, id: 0, peer: new Api.InputPeerEmpty() };
    let answer = await request(start, hash);
    if (answer instanceof Api.messages.DialogsNotModified) {
      if (answer.count === cached.length) return { outcome: 'not-modified', records: cached, firstPage: firstCount };
      answer = await request(start, 0n); // the first page is the same but the list is not: fetch it whole
      if (answer instanceof Api.messages.DialogsNotModified) throw new AppError('TELEGRAM', 'Telegram answered "not modified" to a request without a hash.');
    }
    const nowSeconds = this.#nowSeconds();
    const first = recordsOfPage(answer, folderId === 1, nowSeconds);
    const records = new Map(first.records.map((record) => [record.chat.key, record]));
    let last = first.last;
    for (let pages = 1; answer instanceof Api.messages.DialogsSlice && records.size < answer.count && last && pages < MAX_PAGES; pages++) {
      answer = await request({ date: last.topDate, id: last.topMessage, peer: toInputPeer(last.chat.key, last.ref) }, 0n);
      if (answer instanceof Api.messages.DialogsNotModified) break;
      const page = recordsOfPage(answer, folderId === 1, nowSeconds);
      const added = page.records.filter((record) => !records.has(record.chat.key));
      if (added.length === 0) break; // a server that repeats itself has nothing more to give
      for (const record of added) records.set(record.chat.key, record);
      last = page.last;
    }
    return { outcome: 'modified', records: [...records.values()], firstPage: first.records.length };
  }

  /**
   * contacts.search. A newer search (or cancelSearch) answers this one 'cancelled' at once; the
   * call itself still ends within the session's bound, and its late answer is dropped.
   */
  async search(query: string, limit = 20): Promise<ChatSearchResult> {
    const session = this.#requireSession();
    this.cancelSearch();
    let cancel!: () => void;
    const cancelled = new Promise<'cancelled'>((resolve) => (cancel = () => resolve('cancelled')));
    this.#cancelSearch = cancel;
    const call = session.ensureConnected().then(() => session.invoke(new Api.contacts.Search({ q: query, limit })));
    // A cancelled search's failure has no one left to tell; it must not surface as unhandled.
    call.catch(() => undefined);
    try {
      const answer = await Promise.race([call, cancelled]);
      if (answer === 'cancelled') return { query, status: 'cancelled', mine: [], global: [] };
      return { query, status: 'ok', ...this.#describeFound(answer) };
    } finally {
      if (this.#cancelSearch === cancel) this.#cancelSearch = undefined;
    }
  }

  cancelSearch(): void {
    this.#cancelSearch?.();
    this.#cancelSearch = undefined;
  }

  #describeFound(answer: Api.contacts.Found): { mine: Chat[]; global: Chat[] } {
    const entities = new Map<string, Entity>();
    for (const entity of [...answer.users, ...answer.chats]) entities.set(entityKey(entity), entity);
    const found = new Map<string, { chat: Chat; ref: ChatRecord['ref'] }>();
    const toChats = (peers: Api.TypePeer[]) =>
      peers.flatMap((peer) => {
        const key = peerKeyOf(peer);
        const listed = this.#records.get(key);
        const entity = entities.get(key);
        const described = listed
          ? { chat: listed.chat, ref: listed.ref }
          : entity
            ? chatOf(entity, { unreadCount: 0, muted: false, pinned: false, archived: false, lastMessageAt: null })
            : undefined;
        if (!described || found.has(key)) return [];
        found.set(key, described);
        return [described.chat];
      });
    const mine = toChats(answer.myResults);
    const global = toChats(answer.results);
    this.#found = found;
    return { mine, global };
  }

  #onUpdate(update: unknown): void {
    this.#duringFetch?.push(update);
    const outcome = applyUpdate(this.#records, update, this.#nowSeconds());
    if (outcome === 'changed') {
      this.#scheduleSave();
      this.options.onChanged(this.snapshot());
    } else if (outcome === 'stale') {
      this.#scheduleRefresh();
    }
  }

  #scheduleRefresh(): void {
    if (this.#staleTimer || !this.#session) return;
    this.#staleTimer = this.options.clock.setTimeout(() => {
      this.#staleTimer = undefined;
      if (!this.#session?.isReady) return;
      this.refresh().catch((error: unknown) => this.options.log?.('warn', 'refetching the chat list after an update failed', error));
    }, STALE_REFRESH_DELAY_MS);
  }

  #scheduleSave(): void {
    this.#saveTimer ??= this.options.clock.setTimeout(() => this.#save(), SAVE_DELAY_MS);
  }

  #save(): void {
    if (this.#saveTimer) this.options.clock.clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    const value: CachedChatList = { records: this.#ordered(), ...this.#meta };
    this.options.store.set(CACHE_KEY, value);
  }

  #ordered(): ChatRecord[] {
    return [...this.#records.values()].sort(compareRecords);
  }

  #nowSeconds(): number {
    return Math.floor(this.options.clock.now() / 1000);
  }

  #requireSession(): DialogsTelegram {
    if (!this.#session?.isReady) throw new AppError('NOT_LOGGED_IN', 'Log in to Telegram first.');
    return this.#session;
  }
}

/** gramjs models TL `long` with big-integer. */
const bigInt = (value: bigint) => returnBigInt(value.toString());
