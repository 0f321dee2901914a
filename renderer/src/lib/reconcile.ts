/**
 * Keeps peer objects stable across snapshots. The core sends a whole new list when anything
 * changed; reusing the previous object for every peer that is field-for-field the same lets keyed
 * rows skip work, and returning the previous array when nothing at all changed means nothing
 * downstream (search index, rows) is recomputed or re-rendered.
 */
import type { Peer } from '../../../electron/shared/ipc-contract';

export function samePeer(a: Peer, b: Peer): boolean {
  if (a === b) return true;
  const aKeys = Object.keys(a) as Array<keyof Peer>;
  if (aKeys.length !== Object.keys(b).length) return false;
  for (const key of aKeys) {
    const left = a[key];
    const right = b[key];
    if (key === 'categories') {
      const l = left as Peer['categories'];
      const r = right as Peer['categories'];
      const lKeys = Object.keys(l) as Array<keyof Peer['categories']>;
      if (lKeys.length !== Object.keys(r).length) return false;
      if (lKeys.some((category) => l[category] !== r[category])) return false;
    } else if (left !== right) {
      return false;
    }
  }
  return true;
}

export function reconcilePeers(previous: readonly Peer[], next: readonly Peer[]): readonly Peer[] {
  const byKey = new Map(previous.map((peer) => [peer.key, peer]));
  let changed = previous.length !== next.length;
  const merged = next.map((peer, index) => {
    const old = byKey.get(peer.key);
    if (old && samePeer(old, peer)) {
      if (previous[index] !== old) changed = true;
      return old;
    }
    changed = true;
    return peer;
  });
  return changed ? merged : previous;
}
