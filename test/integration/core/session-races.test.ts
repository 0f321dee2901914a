/**
 * Races and faults around the session's end and its sockets: a removal or a refresh still in
 * flight when the session ends, a connect that times out against a DC that accepts and never
 * answers, a saved session string that does not parse, and the check time of a NotModified answer.
 */
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus, TopPeersSnapshot } from '../../../electron/shared/ipc-contract.js';
import { loginMain, makeCore, startTestDc, type TestDc } from './harness.js';

let dc: TestDc;
beforeAll(async () => {
  dc = await startTestDc();
});
afterAll(() => dc.close());

async function loggedInWithList() {
  const t = makeCore(dc, { invokeTimeoutMs: 3_000 });
  await t.core.start();
  await loginMain(t);
  await t.call('topPeers:refresh');
  const snapshot = await t.call<TopPeersSnapshot>('topPeers:get');
  expect(snapshot.peers.length).toBeGreaterThan(10);
  return { t, snapshot };
}

describe('the session ends while a call is in flight', () => {
  it('a "remove from suggestions" in flight at logout does not bring the old list back', async () => {
    const { t, snapshot } = await loggedInWithList();
    try {
      const peer = snapshot.peers.find((candidate) => candidate.categories.correspondents !== undefined)!;
      dc.dc.faults.inject('contacts.ResetTopPeerRating', { kind: 'delay', ms: 2_500 });
      const before = dc.dc.faults.callsTo('contacts.ResetTopPeerRating');
      const removal = t.router.handle('topPeers:remove', { key: peer.key, category: 'correspondents' });
      await expect.poll(() => dc.dc.faults.callsTo('contacts.ResetTopPeerRating')).toBe(before + 1);
      await t.call('session:logout');
      const answer = await removal;
      expect(answer.ok).toBe(false);
      expect(t.store.get('topPeers')).toBeUndefined();
      expect(await t.call('topPeers:get')).toMatchObject({ status: 'empty', peers: [] });
      expect(t.eventsOf('topPeers:changed').at(-1)).toMatchObject({ status: 'empty', peers: [] });
      expect(t.core.api.getSession()).toMatchObject({ status: 'logged-out' });
    } finally {
      dc.dc.faults.clear();
      await t.stop();
    }
  });

  it('a refresh in flight at logout leaves the sync status idle on the login screen', async () => {
    const { t } = await loggedInWithList();
    try {
      dc.dc.faults.inject('contacts.GetTopPeers', { kind: 'delay', ms: 2_500 });
      const before = dc.dc.faults.callsTo('contacts.GetTopPeers');
      const refresh = t.router.handle('topPeers:refresh', {});
      await expect.poll(() => dc.dc.faults.callsTo('contacts.GetTopPeers')).toBe(before + 1);
      await t.call('session:logout');
      expect((await refresh).ok).toBe(false);
      expect(await t.call<SyncStatus>('sync:get')).toEqual({ state: 'idle' });
      expect(t.eventsOf('sync:changed').at(-1)).toEqual({ state: 'idle' });
      expect(t.store.get('topPeers')).toBeUndefined();
    } finally {
      dc.dc.faults.clear();
      await t.stop();
    }
  });
});

describe('a DC that accepts and never answers', () => {
  it('closes the sockets of every timed-out connect, and opens none after stop()', async () => {
    const open = new Set<Socket>();
    let accepted = 0;
    const server = createServer((socket) => {
      accepted += 1;
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => {});
      socket.resume(); // read (and drop) what comes, so the close is seen
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const t = makeCore(dc, { env: { TG_DC: `127.0.0.1:${port}` }, invokeTimeoutMs: 800 });
    try {
      await t.core.start();
      for (let attempt = 0; attempt < 3; attempt++) {
        expect(await t.fail('login:submitPhone', { phone: `+${'9996621234'}` })).toMatchObject({ code: 'NETWORK' });
        // The attempt's sockets are closed when it gives up, not at the next attempt or never.
        await expect.poll(() => open.size, { timeout: 3_000 }).toBe(0);
      }
      expect(accepted).toBeGreaterThan(0);
      await t.stop();
      const afterStop = accepted;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(open.size).toBe(0);
      expect(accepted).toBe(afterStop);
    } finally {
      await t.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('a saved session string that does not parse', () => {
  it('→ a typed error, the login screen (not "connecting" for ever), the session and the old list deleted', async () => {
    const { t } = await loggedInWithList();
    await t.stop();
    await t.secretStore.set('this is not a session string');
    const next = makeCore(dc, { dataDir: t.dataDir, invokeTimeoutMs: 3_000 });
    try {
      await next.core.start();
      expect(next.core.api.getSession()).toMatchObject({ status: 'logged-out', login: { step: 'phone' } });
      expect(await next.call<SyncStatus>('sync:get')).toMatchObject({ state: 'error', message: expect.stringMatching(/could not be read/) });
      expect(await next.secretStore.get()).toBeUndefined();
      expect(next.store.get('topPeers')).toBeUndefined();
      expect(next.store.get('self')).toBeUndefined();
      expect(await next.call('topPeers:get')).toMatchObject({ status: 'empty', peers: [] });
      // And a fresh login works.
      await loginMain(next);
      expect(next.core.api.getSession().status).toBe('ready');
    } finally {
      await next.stop();
    }
  });
});

describe('a NotModified answer', () => {
  it('pushes the time of the check, and no list', async () => {
    const { t } = await loggedInWithList();
    try {
      const lists = t.eventsOf('topPeers:changed').length;
      const before = (await t.call<TopPeersSnapshot>('topPeers:get')).checkedAt!;
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect((await t.call('topPeers:refresh')).outcome).toBe('not-modified');
      const checked = t.eventsOf('topPeers:checked');
      expect(checked.length).toBe(1);
      expect(checked[0]!.checkedAt).toBeGreaterThan(before);
      expect(t.eventsOf('topPeers:changed').length).toBe(lists);
    } finally {
      await t.stop();
    }
  });
});
