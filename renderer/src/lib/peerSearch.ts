/**
 * The switcher's bridge to the search engine in ./search: peers in, ranked matches with title
 * highlights out. TEMPORARY body until ./search lands: a plain substring filter so the UI can be
 * built; it is replaced by buildIndex/search, not grown into a matcher.
 */
import type { Peer } from '../../../electron/shared/ipc-contract';

export interface PeerMatch {
  peer: Peer;
  /** [start, end) ranges in peer.title. */
  highlights: ReadonlyArray<readonly [number, number]>;
}

export interface PeerSearch {
  search(query: string): PeerMatch[];
}

export function createPeerSearch(peers: readonly Peer[], ratingOf: (peer: Peer) => number): PeerSearch {
  const ordered = [...peers].sort((a, b) => ratingOf(b) - ratingOf(a));
  return {
    search(query) {
      const q = query.trim().toLowerCase();
      if (!q) return ordered.map((peer) => ({ peer, highlights: [] }));
      const out: PeerMatch[] = [];
      for (const peer of ordered) {
        const at = peer.title.toLowerCase().indexOf(q);
        if (at >= 0) out.push({ peer, highlights: [[at, at + q.length]] });
        else if (peer.username?.toLowerCase().includes(q.replace(/^@/, ''))) out.push({ peer, highlights: [] });
      }
      return out;
    },
  };
}
