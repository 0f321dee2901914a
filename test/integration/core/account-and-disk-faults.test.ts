/**
 * Faults outside the network: the user turns top peers off on another device mid-session, and
 * the disk fills up while the list is being saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore } from '../../../electron/core/app-core.js';
import { createRouter } from '../../../electron/core/router.js';
import { createMemorySecretStore } from '../../../electron/core/telegram/secret-store.js';
import type { SyncStatus, TopPeersSnapshot } from '../../../electron/shared/ipc-contract.js';
import { DEMO_ACCOUNTS, type World } from '../../../electron/local-dc/world/index.js';
import { FakeHost, loginMain, makeCore, startTestDc, type TestDc } from './harness.js';
import { createFillableStore, promoteNewcomer } from '../../support/disk.js';

let dc: TestDc;
beforeAll(async () => {
  dc = await startTestDc();
});
afterAll(() => dc.close());

describe('top peers disabled mid-session', () => {
  it('→ status "disabled" with an empty list; enabled again elsewhere → the list comes back', async () => {
    const t = makeCore(dc, { invokeTimeoutMs: 3_000 });
    const world = dc.world as World;
    try {
      await t.core.start();
      await loginMain(t);
      await t.call('topPeers:refresh');
      world.setTopPeersEnabled(DEMO_ACCOUNTS.main.phone, false);
      expect(await t.call('topPeers:refresh')).toMatchObject({ outcome: 'disabled', snapshot: { status: 'disabled', peers: [] } });
      expect(await t.call('sync:get')).toEqual({ state: 'idle' });
      world.setTopPeersEnabled(DEMO_ACCOUNTS.main.phone, true);
      const back = await t.call<{ outcome: string; snapshot: TopPeersSnapshot }>('topPeers:refresh');
      expect(back.outcome).toBe('modified');
      expect(back.snapshot.peers.length).toBeGreaterThan(10);
    } finally {
      world.setTopPeersEnabled(DEMO_ACCOUNTS.main.phone, true);
      await t.stop();
    }
  });
});

describe('disk full while saving', () => {
  it('→ a typed error naming the disk, the list still shown; room again → saved on the next refresh', async () => {
    const { store, inner, setFull } = createFillableStore();
    const core = createAppCore({ dataDir: dc.dir, store, secretStore: createMemorySecretStore(), env: dc.env, host: new FakeHost(), invokeTimeoutMs: 3_000 });
    const router = createRouter(core.handlers);
    const world = dc.world as World;
    try {
      await core.start();
      expect((await router.handle('login:submitPhone', { phone: `+${DEMO_ACCOUNTS.main.phone}` })).ok).toBe(true);
      expect((await router.handle('login:submitCode', { code: DEMO_ACCOUNTS.main.code })).ok).toBe(true);
      expect((await router.handle('topPeers:refresh', {})).ok).toBe(true);
      const shown = (inner.get('topPeers') as { peers: unknown[] }).peers.length;
      // A new peer on top: the next answer is a full list that must be saved.
      const newcomer = promoteNewcomer(world, DEMO_ACCOUNTS.main);
      setFull(true);
      const failed = await router.handle('topPeers:refresh', {});
      expect(failed).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/disk is full/) } });
      expect(await router.handle('sync:get', {})).toMatchObject({ ok: true, value: { state: 'error', message: expect.stringMatching(/disk is full/), code: 'INTERNAL', storage: 'ENOSPC' } });
      const listed = await router.handle('topPeers:get', {});
      expect(listed.ok && (listed.value as TopPeersSnapshot).peers.length).toBeGreaterThanOrEqual(shown);
      expect(core.api.getSession().status).toBe('ready');
      setFull(false);
      const again = await router.handle('topPeers:refresh', {});
      expect(again.ok).toBe(true);
      expect((await router.handle('sync:get', {})) as { value: SyncStatus }).toMatchObject({ value: { state: 'idle' } });
      expect((inner.get('topPeers') as { peers: { key: string }[] }).peers.some((peer) => peer.key === `user:${newcomer}`)).toBe(true);
    } finally {
      await core.stop();
    }
  });
});
