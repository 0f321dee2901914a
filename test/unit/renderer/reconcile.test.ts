/**
 * The stores keep peer objects stable across snapshots: that is what lets a NotModified refresh
 * (or an identical push) cause no re-render at all.
 */
import { describe, expect, it } from 'vitest';
import type { Peer } from '../../../electron/shared/ipc-contract';
import { reconcilePeers, samePeer } from '../../../renderer/src/lib/reconcile';

const peer = (id: number, extra: Partial<Peer> = {}): Peer => ({
  key: `user:${id}`,
  kind: 'user',
  title: `Person ${id}`,
  isSelf: false,
  verified: false,
  premium: false,
  deleted: false,
  categories: { correspondents: id },
  ...extra,
});
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('reconcilePeers', () => {
  it('returns the previous array itself when nothing changed', () => {
    const previous = [peer(1), peer(2), peer(3)];
    expect(reconcilePeers(previous, clone(previous))).toBe(previous);
  });

  it('keeps unchanged peers as the same objects and takes changed ones', () => {
    const previous = [peer(1), peer(2), peer(3)];
    const next = clone(previous);
    next[1] = peer(2, { title: 'Renamed' });
    const merged = reconcilePeers(previous, next);
    expect(merged).not.toBe(previous);
    expect(merged[0]).toBe(previous[0]);
    expect(merged[1]).toBe(next[1]);
    expect(merged[2]).toBe(previous[2]);
  });

  it('notices reordering, removal, additions and rating changes', () => {
    const previous = [peer(1), peer(2)];
    const reordered = reconcilePeers(previous, [clone(previous[1]!), clone(previous[0]!)]);
    expect(reordered).not.toBe(previous);
    expect(reordered[0]).toBe(previous[1]);
    expect(reconcilePeers(previous, [clone(previous[0]!)])).toHaveLength(1);
    expect(reconcilePeers(previous, [...clone(previous), peer(3)])).toHaveLength(3);
    expect(samePeer(peer(1), peer(1, { categories: { correspondents: 2 } }))).toBe(false);
    expect(samePeer(peer(1), peer(1, { categories: { correspondents: 1, phone_calls: 1 } }))).toBe(false);
    expect(samePeer(peer(1), peer(1, { online: true }))).toBe(false);
  });
});
