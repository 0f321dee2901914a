/**
 * Catch up on start: a process with a saved session asks updates.getDifference from its saved
 * state before answering, so a rename made while it was away is on screen without waiting for
 * the daily full resync (the top-peers hash covers ids only: the list answers NotModified).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TopPeersSnapshot } from '../../../electron/shared/ipc-contract.js';
import { UPDATES_STATE_KEY } from '../../../electron/core/telegram/catch-up.js';
import { parsePeerKey, type World } from '../../../electron/local-dc/world/index.js';
import { loginMain, makeCore, startTestDc, type TestDc } from './harness.js';

let dc: TestDc;
beforeAll(async () => {
  dc = await startTestDc();
});
afterAll(() => dc.close());

const world = () => dc.world as World;

async function loggedInAndStopped() {
  const t = makeCore(dc, { invokeTimeoutMs: 3_000 });
  await t.core.start();
  await loginMain(t);
  await t.call('topPeers:refresh');
  // A fresh login anchors the update state with updates.getState.
  await expect.poll(() => t.store.get(UPDATES_STATE_KEY)).toMatchObject({ pts: expect.any(Number), date: expect.any(Number) });
  const snapshot = await t.call<TopPeersSnapshot>('topPeers:get');
  await t.stop();
  const user = snapshot.peers.find((peer) => peer.kind === 'user' && !peer.isSelf)!;
  return { t, user };
}

describe('catch up on start', () => {
  it('a rename made while away is shown as soon as start() resolves, with one push and no refresh', async () => {
    const { t, user } = await loggedInAndStopped();
    world().renamePeer(parsePeerKey(user.key as never), { firstName: 'Renamed', lastName: 'While Away' });
    const differences = dc.dc.faults.callsTo('updates.GetDifference');
    const lists = dc.dc.faults.callsTo('contacts.GetTopPeers');
    const next = makeCore(dc, { dataDir: t.dataDir, invokeTimeoutMs: 3_000 });
    try {
      await next.core.start();
      expect(dc.dc.faults.callsTo('updates.GetDifference')).toBe(differences + 1);
      const shown = (await next.call<TopPeersSnapshot>('topPeers:get')).peers.find((peer) => peer.key === user.key)!;
      expect(shown.title).toBe('Renamed While Away');
      const pushed = next.eventsOf('topPeers:changed').filter((snapshot) => snapshot.peers.some((peer) => peer.key === user.key && peer.title === 'Renamed While Away'));
      expect(pushed.length).toBe(1);
      // The rename came from the difference, not from a list fetch.
      expect(dc.dc.faults.callsTo('contacts.GetTopPeers')).toBe(lists);
      // The state moved on: a second start asks again and learns nothing new.
      await next.stop();
      const third = makeCore(dc, { dataDir: t.dataDir, invokeTimeoutMs: 3_000 });
      try {
        await third.core.start();
        expect((await third.call<TopPeersSnapshot>('topPeers:get')).peers.find((peer) => peer.key === user.key)!.title).toBe('Renamed While Away');
      } finally {
        await third.stop();
      }
    } finally {
      await next.stop();
    }
  });

  it('a gap too long to replay (differenceTooLong) refetches the whole list', async () => {
    const { t, user } = await loggedInAndStopped();
    for (let rename = 0; rename <= 500; rename++) world().renamePeer(parsePeerKey(user.key as never), { firstName: `Name ${rename}` });
    const lists = dc.dc.faults.callsTo('contacts.GetTopPeers');
    const next = makeCore(dc, { dataDir: t.dataDir, invokeTimeoutMs: 3_000 });
    try {
      await next.core.start();
      expect(dc.dc.faults.callsTo('contacts.GetTopPeers')).toBeGreaterThan(lists);
      expect((await next.call<TopPeersSnapshot>('topPeers:get')).peers.find((peer) => peer.key === user.key)!.title).toBe('Name 500');
    } finally {
      await next.stop();
    }
  });

  it('logout forgets the update state with the session', async () => {
    const t = makeCore(dc, { invokeTimeoutMs: 3_000 });
    try {
      await t.core.start();
      await loginMain(t);
      await expect.poll(() => t.store.get(UPDATES_STATE_KEY)).toBeDefined();
      await t.call('session:logout');
      expect(t.store.get(UPDATES_STATE_KEY)).toBeUndefined();
    } finally {
      await t.stop();
    }
  });
});
