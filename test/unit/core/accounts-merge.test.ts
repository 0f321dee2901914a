/**
 * Several accounts in one list, as pure functions: keys qualified by account (the first account's
 * stay bare), lists merged with each account's ratings on one scale, and a later account's first
 * scheduled refresh staggered behind the first's.
 */
import { describe, expect, it } from 'vitest';
import type { Peer, TopPeersSnapshot } from '../../../electron/shared/ipc-contract.js';
import { PeerKey } from '../../../electron/shared/ipc-contract.js';
import { accountOfPeerKey, qualifyPeerKey } from '../../../electron/shared/peer-key.js';
import { mergeTopPeers, qualifyKeys } from '../../../electron/core/account-merge.js';
import { RefreshScheduler } from '../../../electron/core/top-peers/scheduler.js';
import { FakeClock } from './fake-clock.js';

const peer = (key: string, rating: number): Peer => ({ key, kind: 'user', title: key, isSelf: false, verified: false, premium: false, deleted: false, categories: { correspondents: rating } });
const snapshot = (peers: Peer[]): TopPeersSnapshot => ({ status: 'ok', peers, categories: ['correspondents'], fetchedAt: 1, checkedAt: 2 });
const EMPTY: TopPeersSnapshot = { status: 'empty', peers: [], categories: [], fetchedAt: null, checkedAt: null };

describe('account-qualified peer keys', () => {
  it('keeps the first account bare and round-trips the others', () => {
    expect(qualifyPeerKey('user:5', 1)).toBe('user:5');
    expect(qualifyPeerKey('channel:9', 3)).toBe('channel:9@3');
    expect(accountOfPeerKey('channel:9@3')).toEqual({ account: 3, key: 'channel:9' });
    expect(accountOfPeerKey('user:5')).toEqual({ account: 1, key: 'user:5' });
    expect(() => accountOfPeerKey('user:5@')).toThrow(TypeError);
  });

  it('the contract takes accounts 2–5 and nothing else', () => {
    for (const key of ['user:1', 'user:1@2', 'chat:7@5']) expect(PeerKey.safeParse(key).success, key).toBe(true);
    for (const key of ['user:1@1', 'user:1@6', 'user:1@', 'user:1@22']) expect(PeerKey.safeParse(key).success, key).toBe(false);
  });

  it('qualifies every bare key and sender in an answer, and leaves the first account alone', () => {
    const view = { key: 'user:1', messages: [{ id: 1, fromKey: 'user:2', text: 'user:3' }] };
    expect(qualifyKeys(view, 2)).toEqual({ key: 'user:1@2', messages: [{ id: 1, fromKey: 'user:2@2', text: 'user:3' }] });
    expect(qualifyKeys(view, 1)).toBe(view);
  });
});

describe('mergeTopPeers', () => {
  it('passes one account through as it is', () => {
    const only = snapshot([peer('user:1', 5)]);
    expect(mergeTopPeers([{ account: 1, value: only }], EMPTY)).toEqual(only);
    expect(mergeTopPeers([], EMPTY)).toBe(EMPTY);
  });

  it('puts each account on its own median scale, then interleaves by rating, each peer marked', () => {
    const heavy = snapshot([peer('user:1', 100), peer('user:2', 50), peer('user:3', 10)]);
    const quiet = snapshot([peer('user:1', 2), peer('user:4', 1), peer('user:5', 0.5)]);
    const merged = mergeTopPeers([{ account: 1, value: heavy }, { account: 2, value: quiet }], EMPTY);
    // Scaled by each median (50 and 1): 2, 1, 0.2 and 2, 1, 0.5.
    expect(merged.peers.map((entry) => [entry.key, entry.account])).toEqual([
      ['user:1', 1],
      ['user:1@2', 2],
      ['user:2', 1],
      ['user:4@2', 2],
      ['user:5@2', 2],
      ['user:3', 1],
    ]);
    expect(merged).toMatchObject({ status: 'ok', fetchedAt: 1, checkedAt: 2 });
  });

  it('is disabled only when every account disabled its suggestions', () => {
    const disabled: TopPeersSnapshot = { ...EMPTY, status: 'disabled' };
    expect(mergeTopPeers([{ account: 1, value: disabled }, { account: 2, value: disabled }], EMPTY).status).toBe('disabled');
    expect(mergeTopPeers([{ account: 1, value: disabled }, { account: 2, value: snapshot([peer('user:1', 1)]) }], EMPTY).status).toBe('ok');
  });
});

describe('staggered refreshes', () => {
  it("a later account's first refresh waits its turn even when its list is stale", async () => {
    const clock = new FakeClock(1_000_000);
    let runs = 0;
    const scheduler = new RefreshScheduler({ clock, random: () => 0.5, intervalMs: 10 * 60_000, lastCheckedAt: () => null, startDelayMs: 20_000, run: async () => void (runs += 1) });
    scheduler.start();
    await clock.settle();
    expect(runs).toBe(0);
    expect(scheduler.nextRunAt).toBe(1_020_000);
    await clock.advance(20_000);
    expect(runs).toBe(1);
    scheduler.stop();
  });
});
