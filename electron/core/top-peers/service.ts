/**
 * Top peers: fetch with the hash, page, cache, and the three actions (remove from suggestions,
 * enable/disable, local rating bump on open). Pushes `topPeers:changed` through `onChanged` only
 * when what the user sees changed — a NotModified answer pushes nothing.
 */
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { z } from 'zod';
import { DEFAULT_CATEGORIES, type Category, type Peer, type TopPeersSnapshot } from '../../shared/ipc-contract.js';
import { splitPeerKey } from '../../shared/peer-key.js';
import { AppError } from '../errors.js';
import type { Clock } from '../clock.js';
import type { KeyValueStore } from '../store.js';
import type { TelegramSession } from '../telegram/session.js';
import { TopPeersCache, type CachedTopPeers } from './cache.js';
import { canonicalCategories, categoryFlags, categoryToTl, sameCategories } from './categories.js';
import { foldHash, toSigned64 } from './hash.js';
import { describe, entityKey, normaliseTopPeers, type Entity, type PeerRef } from './normalise.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;
/**
 * The hash covers ids and order only, so a rename or a new photo never changes it: once a day the
 * list is fetched whole (hash 0), as TDLib and the web clients resync every 24 h.
 */
export const FULL_RESYNC_MS = 24 * 60 * 60_000;
/** Telegram's rating_e_decay when help.getConfig has not been read yet (its usual value, 28 days). */
export const DEFAULT_RATING_E_DECAY = 2_419_200;

const OPENED_KEY = 'openedAt';
const OpenedAt = z.record(z.string(), z.number());

export type FetchOutcome = 'modified' | 'not-modified' | 'disabled';

export interface FetchOptions {
  categories?: readonly Category[];
  /** Peers per category per request, 1..100. */
  limit?: number;
  /** Page with offset += count until this many per category (default: one page). */
  maxPerCategory?: number;
  /** Ask with hash 0: the whole list, whatever is cached (after updates.differenceTooLong). */
  full?: boolean;
}

export interface TopPeersServiceOptions {
  telegram: Pick<TelegramSession, 'invoke'>;
  store: KeyValueStore;
  clock: Clock;
  onChanged(snapshot: TopPeersSnapshot): void;
  /** A NotModified answer: nothing to push as a list, but the check time moved (the footer's "Checked … ago"). */
  onChecked?(checkedAt: number): void;
  /** The categories the user chose (settings). */
  categories?: () => readonly Category[];
  ratingDecaySeconds?: () => number;
}

export class TopPeersService {
  readonly #cache: TopPeersCache;
  #lastLimit = DEFAULT_LIMIT;
  /** Removals made while a fetch was in flight, so its (possibly older) answer does not undo them. */
  #removals: { seq: number; key: string; category: Category }[] = [];
  #removalSeq = 0;
  #fetching = 0;
  /**
   * Bumped by wipe() (logout, revoked session). Anything that awaited the network compares it
   * before writing: an answer or a rollback that outlived its session must not bring the old
   * account's list back after the wipe.
   */
  #epoch = 0;

  constructor(private readonly options: TopPeersServiceOptions) {
    this.#cache = new TopPeersCache(options.store);
    this.#lastLimit = this.#cache.value?.limit ?? DEFAULT_LIMIT;
  }

  #categories(): Category[] {
    return canonicalCategories(this.options.categories?.() ?? DEFAULT_CATEGORIES);
  }

  snapshot(): TopPeersSnapshot {
    return this.#cache.snapshot(this.#categories());
  }

  /** Internal data of a cached peer, for opening and avatars. */
  peer(key: string): { peer: Peer; ref: PeerRef } | undefined {
    const cached = this.#cache.value;
    const peer = cached?.peers.find((candidate) => candidate.key === key);
    return peer && cached ? { peer, ref: cached.refs[key] ?? {} } : undefined;
  }

  get hash(): string {
    return this.#cache.value?.hash ?? '0';
  }

  async fetch(options: FetchOptions = {}): Promise<{ outcome: FetchOutcome; snapshot: TopPeersSnapshot }> {
    const categories = canonicalCategories(options.categories ?? this.#categories());
    // TYPES_EMPTY is prevented here rather than discovered on the network.
    if (categories.length === 0) throw new AppError('INVALID_ARGUMENT', 'Choose at least one top-peer category.');
    const limit = options.limit ?? this.#lastLimit;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new AppError('INVALID_ARGUMENT', `The limit must be a whole number from 1 to ${MAX_LIMIT}.`);
    }
    const maxPerCategory = Math.max(limit, options.maxPerCategory ?? limit);
    const paged = maxPerCategory > limit;
    const previous = this.#cache.value;
    // The hash describes exactly one page of exactly this request: anything else starts from 0.
    const comparable =
      options.full !== true &&
      previous?.status === 'ok' &&
      sameCategories(previous.categories, categories) &&
      previous.limit === limit &&
      !paged &&
      previous.fetchedAt !== null &&
      this.options.clock.now() - previous.fetchedAt < FULL_RESYNC_MS;
    const hash = comparable ? BigInt(previous.hash) : 0n;
    const now = () => this.options.clock.now();
    const startSeq = this.#removalSeq;
    const epoch = this.#epoch;
    this.#fetching += 1;
    try {
      return await this.#fetchFrom(startSeq, epoch, { categories, limit, maxPerCategory, paged, previous, hash, now });
    } finally {
      this.#fetching -= 1;
      if (this.#fetching === 0) this.#removals = [];
    }
  }

  async #fetchFrom(
    startSeq: number,
    epoch: number,
    { categories, limit, maxPerCategory, paged, previous, hash, now }: {
      categories: Category[];
      limit: number;
      maxPerCategory: number;
      paged: boolean;
      previous: CachedTopPeers | undefined;
      hash: bigint;
      now: () => number;
    },
  ): Promise<{ outcome: FetchOutcome; snapshot: TopPeersSnapshot }> {
    const first = await this.#request(categories, 0, limit, hash);
    this.#assertEpoch(epoch);
    if (first instanceof Api.contacts.TopPeersNotModified && previous) {
      const checkedAt = now();
      this.#cache.save({ ...previous, checkedAt });
      this.options.onChecked?.(checkedAt);
      return { outcome: 'not-modified', snapshot: this.snapshot() };
    }
    if (first instanceof Api.contacts.TopPeersDisabled) {
      this.#store({ status: 'disabled', peers: [], categories, limit, hash: '0', fetchedAt: now(), checkedAt: now(), refs: {} });
      return { outcome: 'disabled', snapshot: this.snapshot() };
    }
    if (!(first instanceof Api.contacts.TopPeers)) throw new AppError('TELEGRAM', 'Telegram answered "not modified" to a request without a hash.');

    const page = normaliseTopPeers(first);
    const peers = new Map(page.peers.map((peer) => [peer.key, peer]));
    const refs = { ...page.refs };
    let offset = 0;
    let pageSize = Math.max(0, ...Object.values(page.pageSizes));
    let counts = page.counts;
    while (paged && pageSize > 0) {
      offset += pageSize;
      if (offset >= maxPerCategory || !Object.values(counts).some((count) => count > offset)) break;
      const next = await this.#request(categories, offset, Math.min(limit, maxPerCategory - offset), 0n);
      this.#assertEpoch(epoch);
      if (!(next instanceof Api.contacts.TopPeers)) break;
      const more = normaliseTopPeers(next);
      for (const peer of more.peers) {
        const existing = peers.get(peer.key);
        if (existing) existing.categories = { ...existing.categories, ...peer.categories };
        else peers.set(peer.key, peer);
      }
      Object.assign(refs, more.refs);
      pageSize = Math.max(0, ...Object.values(more.pageSizes));
      counts = more.counts;
    }

    const openedAt = this.#openedAt();
    // A removal made while this answer was on its way may not be in it: do not bring the peer back.
    const removedMeanwhile = this.#removals.filter((removal) => removal.seq > startSeq);
    const list = [...peers.values()].flatMap((peer) => {
      const gone = removedMeanwhile.filter((removal) => removal.key === peer.key).map((removal) => removal.category);
      const categories = Object.fromEntries(Object.entries(peer.categories).filter(([category]) => !gone.includes(category as Category)));
      if (Object.keys(categories).length === 0) return [];
      return [{ ...peer, categories, ...(openedAt[peer.key] ? { lastOpenedAt: openedAt[peer.key] } : {}) }];
    });
    this.#lastLimit = limit;
    this.#store({
      status: 'ok',
      peers: list,
      categories,
      limit,
      hash: paged || removedMeanwhile.length > 0 ? '0' : toSigned64(foldHash(page.idsInOrder)).toString(),
      fetchedAt: now(),
      checkedAt: now(),
      refs,
    });
    return { outcome: 'modified', snapshot: this.snapshot() };
  }

  /** "Remove from suggestions": gone from the list at once, back if Telegram refuses. */
  async remove(key: string, category: Category): Promise<TopPeersSnapshot> {
    const previous = this.#cache.value;
    const found = this.peer(key);
    if (!previous || !found || found.peer.categories[category] === undefined) {
      throw new AppError('PEER_NOT_FOUND', 'That peer is not in this top-peer category.');
    }
    const inputPeer = toInputPeer(key, found.ref);
    const epoch = this.#epoch;
    const removal = { seq: ++this.#removalSeq, key, category };
    if (this.#fetching > 0) this.#removals.push(removal);
    const peers = previous.peers.flatMap((peer) => {
      if (peer.key !== key) return [peer];
      const { [category]: _removed, ...categories } = peer.categories;
      return Object.keys(categories).length > 0 ? [{ ...peer, categories }] : [];
    });
    // The list no longer matches any server page: the next refresh must fetch it whole.
    this.#store({ ...previous, peers, hash: '0' });
    try {
      await this.options.telegram.invoke(new Api.contacts.ResetTopPeerRating({ category: categoryToTl(category), peer: inputPeer }));
    } catch (error) {
      this.#removals = this.#removals.filter((entry) => entry !== removal);
      // The rollback snapshot belongs to the session it was taken in.
      this.#assertEpoch(epoch);
      this.#store(previous);
      throw error;
    }
    this.#assertEpoch(epoch);
    return this.snapshot();
  }

  async setEnabled(enabled: boolean): Promise<TopPeersSnapshot> {
    const epoch = this.#epoch;
    await this.options.telegram.invoke(new Api.contacts.ToggleTopPeers({ enabled }));
    this.#assertEpoch(epoch);
    const now = this.options.clock.now();
    const categories = this.#categories();
    if (!enabled) {
      this.#store({ status: 'disabled', peers: [], categories, limit: this.#lastLimit, hash: '0', fetchedAt: now, checkedAt: now, refs: {} });
      return this.snapshot();
    }
    this.#cache.wipe();
    try {
      await this.fetch({ categories });
    } catch {
      // Enabled on Telegram even if the list could not come yet; the scheduler fetches it later.
      this.options.onChanged(this.snapshot());
    }
    return this.snapshot();
  }

  /** Telegram's local rule when a peer is used: rating += e^((now − lastReceived) / rating_e_decay). */
  bumpOnOpen(key: string): TopPeersSnapshot {
    const cached = this.#cache.value;
    if (!cached || !cached.peers.some((peer) => peer.key === key)) throw new AppError('PEER_NOT_FOUND', 'That peer is not in the list.');
    const now = this.options.clock.now();
    const decay = this.options.ratingDecaySeconds?.() ?? DEFAULT_RATING_E_DECAY;
    const lastReceived = cached.fetchedAt ?? now;
    const bump = Math.exp((now - lastReceived) / 1000 / decay);
    const peers = cached.peers.map((peer) => {
      if (peer.key !== key) return peer;
      const categories = Object.fromEntries(Object.entries(peer.categories).map(([category, rating]) => [category, rating + bump]));
      return { ...peer, categories, lastOpenedAt: now };
    });
    this.options.store.set(OPENED_KEY, { ...this.#openedAt(), [key]: now });
    // A bump always changes a rating the list shows: no need to compare the lists before pushing.
    this.#cache.save({ ...cached, peers });
    const snapshot = this.snapshot();
    this.options.onChanged(snapshot);
    return snapshot;
  }

  /**
   * Telegram pushes renamed users, new photos and edited chats as `updates` with the entities
   * attached; the hash cannot see those changes (it covers ids only), so the cached list takes
   * them from here. One push for the whole batch, none when nothing visible changed.
   */
  applyEntities(entities: readonly Entity[]): void {
    const cached = this.#cache.value;
    if (!cached || cached.peers.length === 0) return;
    const fresh = new Map(entities.map((entity) => [entityKey(entity), entity]));
    let changed = false;
    const refs = { ...cached.refs };
    const peers = cached.peers.map((peer) => {
      const entity = fresh.get(peer.key);
      // A min user/channel (no access hash) is a partial view: it must not overwrite the full one.
      if (!entity || ('min' in entity && entity.min === true)) return peer;
      const { ref, ...described } = describe(entity);
      const next: Peer = {
        key: peer.key,
        ...described,
        categories: peer.categories,
        ...(peer.unreadCount === undefined ? {} : { unreadCount: peer.unreadCount }),
        ...(peer.lastOpenedAt === undefined ? {} : { lastOpenedAt: peer.lastOpenedAt }),
      };
      if (JSON.stringify(next) === JSON.stringify(peer)) return peer;
      changed = true;
      refs[peer.key] = { ...refs[peer.key], ...ref };
      return next;
    });
    if (changed) this.#store({ ...cached, peers, refs });
  }

  /** updateUserStatus: flip the online dot of a cached user; nothing is pushed when it did not change. */
  applyStatus(key: string, online: boolean): void {
    const cached = this.#cache.value;
    if (!cached || !cached.peers.some((peer) => peer.key === key && peer.kind === 'user' && peer.online !== online)) return;
    this.#store({ ...cached, peers: cached.peers.map((peer) => (peer.key === key ? { ...peer, online } : peer)) });
  }

  /** Logout / revoked session: nothing of this account may stay behind. */
  wipe(): void {
    this.#epoch += 1;
    this.#removals = [];
    this.#cache.wipe();
    this.options.store.delete(OPENED_KEY);
    this.options.onChanged(this.snapshot());
  }

  #assertEpoch(epoch: number): void {
    if (epoch !== this.#epoch) throw new AppError('NOT_LOGGED_IN', 'The Telegram session ended while this was on its way; log in again.');
  }

  #openedAt(): Record<string, number> {
    const parsed = OpenedAt.safeParse(this.options.store.get(OPENED_KEY));
    return parsed.success ? parsed.data : {};
  }

  #request(categories: readonly Category[], offset: number, limit: number, hash: bigint) {
    return this.options.telegram.invoke(
      new Api.contacts.GetTopPeers({ ...categoryFlags(categories), offset, limit, hash: returnBigInt(hash.toString()) }),
    );
  }

  /** Save, and push when the visible list changed. */
  #store(next: CachedTopPeers): void {
    const before = JSON.stringify(visible(this.snapshot()));
    this.#cache.save(next);
    const after = this.snapshot();
    if (JSON.stringify(visible(after)) !== before) this.options.onChanged(after);
  }
}

const visible = (snapshot: TopPeersSnapshot) => ({ status: snapshot.status, peers: snapshot.peers, categories: snapshot.categories });

export function toInputPeer(key: string, ref: PeerRef): Api.TypeInputPeer {
  const { kind, id } = splitPeerKey(key);
  const accessHash = returnBigInt(ref.accessHash ?? '0');
  if (kind === 'user') return new Api.InputPeerUser({ userId: returnBigInt(id), accessHash });
  if (kind === 'chat') return new Api.InputPeerChat({ chatId: returnBigInt(id) });
  return new Api.InputPeerChannel({ channelId: returnBigInt(id), accessHash });
}
