/**
 * One of several accounts loses its network, for real: the local DC cuts Tomás's devices off
 * (his live connections closed, every reconnect hung up on as soon as it speaks with his key)
 * while Dana's connection carries on. Dana's list still refreshes and is shown; Tomás's last list
 * stays in the merged one and his account says offline; when his network returns, his list
 * refreshes on its own. Then logging out of one account while the other refreshes, and logging
 * out of an account that cannot reach Telegram at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsState, SyncStatus, TopPeersSnapshot } from '../../../electron/shared/ipc-contract.js';
import { addSecondAccount, DEMO_ACCOUNTS, loginMain, makeCore, startTestDc, type TestCore, type TestDc } from './harness.js';

const DANA = DEMO_ACCOUNTS.main.userId;
const TOMAS = DEMO_ACCOUNTS.twoFactor.userId;
/** New people each account starts writing to while Tomás is cut off: they show which list was fetched. */
const DANA_NEW = { kind: 'user', id: 930_001n } as const;
const TOMAS_NEW = { kind: 'user', id: 930_002n } as const;
/** Dana's newest correspondent, while Tomás is logged out. */
const DANA_NEWEST = { kind: 'user', id: 930_003n } as const;

let dc: TestDc;
let t: TestCore;

beforeAll(async () => {
  dc = await startTestDc();
  dc.world.addUser({ id: DANA_NEW.id, firstName: 'Fresh', lastName: 'Face' });
  dc.world.addUser({ id: TOMAS_NEW.id, firstName: 'Late', lastName: 'Comer' });
  dc.world.addUser({ id: DANA_NEWEST.id, firstName: 'Newest', lastName: 'Friend' });
  // A short backoff so the cut-off account's own retries (the scheduler's) find the network back soon.
  t = makeCore(dc, { invokeTimeoutMs: 3_000, backoffBaseMs: 300 });
  await t.core.start();
  await loginMain(t);
  await addSecondAccount(t);
  await t.call('topPeers:refresh');
});

afterAll(async () => {
  dc.dc.faults.clear();
  await t.stop();
  await dc.close();
});

const keysOf = (list: TopPeersSnapshot, account: number) => list.peers.filter((peer) => peer.account === account).map((peer) => peer.key);
const accountSync = (state: AccountsState, id: number) => state.accounts.find((account) => account.id === id)?.sync;

describe('one account offline among several', () => {
  it("a cut-off account keeps its rows, marked offline, while the other's list refreshes", async () => {
    const before = await t.call<TopPeersSnapshot>('topPeers:get');
    const tomasBefore = keysOf(before, 2);
    expect(tomasBefore.length).toBeGreaterThan(3);
    expect(keysOf(before, 1).length).toBeGreaterThan(10);

    dc.dc.faults.cutOff(TOMAS, true);
    dc.world.setRating(DANA, DANA_NEW, 'correspondents', 1e6);
    dc.world.setRating(TOMAS, TOMAS_NEW, 'correspondents', 1e6);
    const connectionsBefore = dc.dc.stats().connections;

    // The user's refresh answers: one account unreachable does not fail the others.
    const answer = await t.call<{ outcome: string; snapshot: TopPeersSnapshot }>('topPeers:refresh');
    expect(answer.outcome).toBe('modified');
    const after = await t.call<TopPeersSnapshot>('topPeers:get');
    // Dana's list is the new one; Tomás's last list is still merged in, row for row.
    expect(keysOf(after, 1)).toContain(`user:${DANA_NEW.id}`);
    expect(keysOf(after, 2).sort()).toEqual([...tomasBefore].sort());
    expect(keysOf(after, 2)).not.toContain(`user:${TOMAS_NEW.id}@2`);
    // What the switcher was pushed is the same merged list.
    const pushed = t.eventsOf('topPeers:changed').at(-1)!;
    expect(pushed.peers.map((peer) => peer.key).sort()).toEqual(after.peers.map((peer) => peer.key).sort());

    // Tomás is still signed in, and his account says offline (Settings → Accounts); Dana's is idle.
    const accounts = await t.call<AccountsState>('accounts:list');
    expect(accounts.accounts.map((account) => [account.id, account.status])).toEqual([
      [1, 'ready'],
      [2, 'ready'],
    ]);
    expect(accountSync(accounts, 1)?.state).toBe('idle');
    expect(accountSync(accounts, 2)).toMatchObject({ state: 'offline', retryAt: expect.any(Number) });
    // The switcher's banner says one account is offline; the screens still follow Dana.
    expect((await t.call<SyncStatus>('sync:get')).state).toBe('offline');
    expect(t.core.api.getSession()).toMatchObject({ status: 'ready', user: { key: `user:${DANA}` } });
    // Tomás's client really tried: it reconnected, and the DC hung up on it.
    expect(dc.dc.stats().connections).toBeGreaterThan(connectionsBefore);

    // Dana refreshes again while Tomás is still cut off: her call goes out and is answered.
    const calls = dc.dc.faults.callsTo('contacts.GetTopPeers');
    const again = await t.core.api.withAccount(1, () => t.call<{ outcome: string }>('topPeers:refresh'));
    expect(again.outcome).toBe('not-modified');
    expect(dc.dc.faults.callsTo('contacts.GetTopPeers')).toBe(calls + 1);
  });

  it('the cut-off account refreshes on its own once its network returns', async () => {
    dc.dc.faults.cutOff(TOMAS, false);
    // Nobody asks: the account's scheduler retries with its backoff and finds Telegram again.
    await expect
      .poll(async () => keysOf(await t.call<TopPeersSnapshot>('topPeers:get'), 2), { timeout: 30_000, interval: 100 })
      .toContain(`user:${TOMAS_NEW.id}@2`);
    await expect.poll(() => accountSync(t.core.api.listAccounts(), 2)?.state, { timeout: 10_000 }).toBe('idle');
    expect((await t.call<SyncStatus>('sync:get')).state).toBe('idle');
    const merged = await t.call<TopPeersSnapshot>('topPeers:get');
    expect(keysOf(merged, 1)).toContain(`user:${DANA_NEW.id}`);
  });

  it("logging out of one account while the other's refresh is in flight leaves that refresh and list whole", async () => {
    const calls = dc.dc.faults.callsTo('contacts.GetTopPeers');
    // Dana's next top-peers call is held at the DC until Tomás is logged out.
    dc.dc.faults.inject('contacts.GetTopPeers', { kind: 'delay', ms: 1_500, times: 1 });
    dc.world.setRating(DANA, DANA_NEWEST, 'correspondents', 2e6);
    const refreshing = t.core.api.withAccount(1, () => t.call<{ outcome: string }>('topPeers:refresh'));
    await expect.poll(() => dc.dc.faults.callsTo('contacts.GetTopPeers')).toBe(calls + 1);

    const state = await t.call<AccountsState>('accounts:logout', { account: 2 });
    expect(state.accounts.map((account) => account.id)).toEqual([1]);
    expect((await refreshing).outcome).toBe('modified');

    const list = await t.call<TopPeersSnapshot>('topPeers:get');
    expect(list.peers.map((peer) => peer.key)).toContain(`user:${DANA_NEWEST.id}`);
    expect(list.peers.every((peer) => !peer.key.includes('@') && peer.account === undefined)).toBe(true);
    expect(t.eventsOf('topPeers:changed').at(-1)!.peers.some((peer) => peer.key.includes('@'))).toBe(false);
    expect((await t.call<SyncStatus>('sync:get')).state).toBe('idle');
  });

  it('logs out of an account that cannot reach Telegram, and the other carries on', async () => {
    await addSecondAccount(t);
    await t.call('topPeers:refresh');
    expect(keysOf(await t.call<TopPeersSnapshot>('topPeers:get'), 2).length).toBeGreaterThan(3);
    dc.dc.faults.cutOff(TOMAS, true);
    try {
      // Telegram cannot be told; the account goes from this machine all the same, within the call timeout.
      const state = await t.call<AccountsState>('accounts:logout', { account: 2 });
      expect(state.accounts.map((account) => account.id)).toEqual([1]);
    } finally {
      dc.dc.faults.cutOff(TOMAS, false);
    }
    const refreshed = await t.call<{ outcome: string; snapshot: TopPeersSnapshot }>('topPeers:refresh');
    expect(refreshed.snapshot.peers.length).toBeGreaterThan(10);
    expect(refreshed.snapshot.peers.every((peer) => !peer.key.includes('@'))).toBe(true);
    expect((await t.call<SyncStatus>('sync:get')).state).toBe('idle');
  });
});
