/**
 * The last top-peer list, persisted so the app shows it before any network: the peers, the hash
 * to send next time, the category set it answers, and when it was fetched and last checked.
 * Whatever is in the store is parsed with the contract's schemas: an entry that does not parse
 * (an old version, a hand edit) is dropped for defaults instead of reaching the renderer.
 */
import { z } from 'zod';
import { Category, Peer, type TopPeersSnapshot } from '../../shared/ipc-contract.js';
import type { KeyValueStore } from '../store.js';

const CACHE_KEY = 'topPeers';

const CachedTopPeers = z.object({
  status: z.enum(['ok', 'disabled']),
  peers: z.array(Peer),
  categories: z.array(Category),
  limit: z.number().int().min(1).max(100),
  /** Signed decimal: BigInt does not survive JSON. '0' = nothing to compare against. */
  hash: z.string().regex(/^-?\d{1,20}$/),
  fetchedAt: z.number().nullable(),
  checkedAt: z.number().nullable(),
  refs: z.record(z.string(), z.object({ accessHash: z.string().optional(), photoDcId: z.number().optional() })),
});
export type CachedTopPeers = z.infer<typeof CachedTopPeers>;

export class TopPeersCache {
  #value: CachedTopPeers | undefined;

  constructor(private readonly store: KeyValueStore) {
    const parsed = CachedTopPeers.safeParse(store.get(CACHE_KEY));
    this.#value = parsed.success ? parsed.data : undefined;
  }

  get value(): CachedTopPeers | undefined {
    return this.#value;
  }

  save(value: CachedTopPeers): void {
    this.#value = value;
    this.store.set(CACHE_KEY, value);
  }

  wipe(): void {
    this.#value = undefined;
    this.store.delete(CACHE_KEY);
  }

  snapshot(fallbackCategories: readonly Category[]): TopPeersSnapshot {
    const value = this.#value;
    if (!value) return { status: 'empty', peers: [], categories: [...fallbackCategories], fetchedAt: null, checkedAt: null };
    return {
      status: value.status,
      peers: value.peers,
      categories: value.categories,
      fetchedAt: value.fetchedAt,
      checkedAt: value.checkedAt,
    };
  }
}
