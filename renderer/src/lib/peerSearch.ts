/**
 * The switcher's bridge to the search engine in ./search: peers in, ranked matches with title
 * highlights out. Matching and ranking are entirely ./search's; this only maps peers to its
 * candidates (with the rating that orders the current tab) and results back to peer objects,
 * keeping the very same Peer objects so keyed rows stay put.
 */
import type { Peer } from '../../../electron/shared/ipc-contract';
import { buildIndex, search, type KeyboardLayout, type SearchIndex } from './search/index';

export interface PeerMatch {
  peer: Peer;
  /** [start, end) ranges in peer.title. */
  highlights: ReadonlyArray<readonly [number, number]>;
}

export interface PeerSearch {
  /** Best matches first, at most `limit` of them. */
  search(query: string, limit: number): PeerMatch[];
  /** Handed to the next createPeerSearch so unchanged names are not re-indexed. */
  readonly index: SearchIndex;
}

const NO_HIGHLIGHTS: PeerMatch['highlights'] = [];

export interface PeerSearchOptions {
  /**
   * The Cyrillic layouts whose wrong-layout typing to undo, read at each search
   * (lib/keyboardLayouts.svelte.ts learns them from the OS); null or absent: Russian and Ukrainian.
   */
  readonly layouts?: () => readonly KeyboardLayout[] | null;
}

export function createPeerSearch(
  peers: readonly Peer[],
  ratingOf: (peer: Peer) => number,
  previous?: PeerSearch,
  options: PeerSearchOptions = {},
): PeerSearch {
  const byKey = new Map<string, Peer>();
  const candidates = peers.map((peer) => {
    byKey.set(peer.key, peer);
    return {
      key: peer.key,
      title: peer.title,
      ...(peer.firstName !== undefined ? { firstName: peer.firstName } : {}),
      ...(peer.lastName !== undefined ? { lastName: peer.lastName } : {}),
      ...(peer.username !== undefined ? { username: peer.username } : {}),
      rating: ratingOf(peer),
      ...(peer.lastOpenedAt !== undefined ? { lastUsedAt: peer.lastOpenedAt } : {}),
    };
  });
  const index = buildIndex(candidates, previous?.index);
  return {
    index,
    search(query, limit) {
      const matches: PeerMatch[] = [];
      const layouts = options.layouts?.();
      for (const result of search(index, query, { limit, ...(layouts ? { layouts } : {}) })) {
        const peer = byKey.get(result.key);
        if (peer) matches.push({ peer, highlights: result.highlights.length > 0 ? result.highlights : NO_HIGHLIGHTS });
      }
      return matches;
    },
  };
}

/**
 * Everyone in standing order (rating, then local recency, then title): the list for an empty
 * query, which needs no index — so the first paint does not wait for one to be built.
 */
export function byStanding(peers: readonly Peer[], ratingOf: (peer: Peer) => number): PeerMatch[] {
  const ranked = peers.map((peer) => ({ peer, rating: ratingOf(peer), recency: peer.lastOpenedAt ?? -Infinity }));
  ranked.sort((a, b) => b.rating - a.rating || b.recency - a.recency || (a.peer.title < b.peer.title ? -1 : a.peer.title > b.peer.title ? 1 : 0));
  return ranked.map(({ peer }) => ({ peer, highlights: NO_HIGHLIGHTS }));
}
