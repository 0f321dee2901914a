/**
 * The app core's own behaviour around the login and the list: demo mode (its own local DC,
 * logged in automatically), first-run credentials, settings through the host, window calls,
 * and the scheduler refreshing on start and on window show.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore } from '../../../electron/core/app-core.js';
import { createRouter } from '../../../electron/core/router.js';
import { createMemoryStore } from '../../../electron/core/store.js';
import { createMemorySecretStore } from '../../../electron/core/telegram/secret-store.js';
import type { SessionState, TopPeersSnapshot } from '../../../electron/shared/ipc-contract.js';
import { FakeClock } from '../../unit/core/fake-clock.js';
import { FakeHost, loginMain, makeCore, startTestDc, type TestDc } from './harness.js';

let dc: TestDc;
beforeAll(async () => {
  dc = await startTestDc();
});
afterAll(() => dc.close());

describe('demo mode', () => {
  it('session:startDemo starts the local DC in-process (default loader) and logs in to the demo account', async () => {
    const host = new FakeHost();
    const core = createAppCore({
      dataDir: mkdtempSync(join(tmpdir(), 'demo-')),
      store: createMemoryStore(),
      secretStore: createMemorySecretStore(),
      env: {},
      host,
    });
    const router = createRouter(core.handlers);
    try {
      await core.start();
      expect(core.api.getSession()).toEqual({ status: 'needs-credentials' });
      const started = await router.handle('session:startDemo', {});
      expect(started).toMatchObject({ ok: true, value: { status: 'ready', demo: true, user: { title: 'Dana Demo' } } });
      expect(await router.handle('app:version', {})).toMatchObject({ ok: true, value: { demo: true } });
      const refreshed = await router.handle('topPeers:refresh', {});
      expect(refreshed.ok && (refreshed.value as { snapshot: TopPeersSnapshot }).snapshot.peers.length).toBeGreaterThan(10);
      // Leaving the demo returns to the first-run screen; nothing of the demo is kept.
      const left = await router.handle('session:logout', {});
      expect(left).toMatchObject({ ok: true, value: { status: 'needs-credentials' } });
      expect(await router.handle('topPeers:get', {})).toMatchObject({ ok: true, value: { status: 'empty' } });
    } finally {
      await core.stop();
    }
  }, 120_000);
});

describe('demo mode from the environment', () => {
  it('TOPSWITCH_DEMO=1 starts straight into the logged-in demo', async () => {
    const core = createAppCore({
      dataDir: mkdtempSync(join(tmpdir(), 'demo-')),
      store: createMemoryStore(),
      secretStore: createMemorySecretStore(),
      env: { TOPSWITCH_DEMO: '1' },
      host: new FakeHost(),
      loadFakeDc: () => import('../../../electron/local-dc/index.js'),
    });
    try {
      await core.start();
      expect(core.api.getSession()).toMatchObject({ status: 'ready', demo: true, user: { key: 'user:100001' } });
    } finally {
      await core.stop();
    }
  }, 120_000);
});

describe('first run', () => {
  it('asks for credentials, then goes to the phone step once they are set', async () => {
    const t = makeCore(dc, { env: { TG_DC: '', TG_DC_PUBLIC_KEY: '' } });
    try {
      await t.core.start();
      expect(await t.call('session:get')).toEqual({ status: 'needs-credentials' });
      expect(await t.fail('login:submitPhone', { phone: '+9996621234' })).toMatchObject({ code: 'NEEDS_CREDENTIALS' });
      expect(t.eventsOf('session:changed').at(-1)).toEqual({ status: 'needs-credentials' });
    } finally {
      await t.stop();
    }
  });

  it('stores credentials set from the first-run screen and uses them', async () => {
    const t = makeCore(dc);
    try {
      await t.core.start();
      const state = await t.call<SessionState>('session:setCredentials', { apiId: 12345, apiHash: '0123456789ABCDEF0123456789abcdef' });
      expect(state).toMatchObject({ status: 'logged-out', login: { step: 'phone' } });
      expect(t.store.get('credentials')).toEqual({ apiId: 12345, apiHash: '0123456789abcdef0123456789abcdef' });
      await loginMain(t);
      expect(t.core.api.getSession().status).toBe('ready');
    } finally {
      await t.stop();
    }
  });
});

describe('settings and window', () => {
  it('applies settings through the host and refuses a hotkey the system holds', async () => {
    const t = makeCore(dc);
    try {
      await t.core.start();
      expect(await t.call('settings:set', { hotkey: 'Alt+Space', launchAtLogin: true })).toMatchObject({ hotkey: 'Alt+Space', launchAtLogin: true });
      expect(t.host.hotkeys).toEqual(['Alt+Space']);
      expect(t.host.launchAtLogin).toEqual([true]);
      t.host.hotkeyAvailable = false;
      expect(await t.fail('settings:set', { hotkey: 'Control+C' })).toMatchObject({ code: 'HOTKEY_UNAVAILABLE' });
      expect((await t.call('settings:get')).hotkey).toBe('Alt+Space');
      expect(t.eventsOf('settings:changed')).toHaveLength(1);
      expect(await t.call('window:hide')).toEqual({ ok: true });
      expect(t.host.hidden).toBe(1);
      // A host without a desktop shortcut (this one, the CLI, browser mode) says so.
      expect(await t.call('app:hotkeyStatus')).toMatchObject({ state: 'none', command: null, trayMissing: false });
    } finally {
      await t.stop();
    }
  });

  it('a changed category set fetches the new list at once', async () => {
    const t = makeCore(dc);
    try {
      await t.core.start();
      await loginMain(t);
      await t.call('topPeers:refresh');
      const pushed = new Promise<TopPeersSnapshot>((resolve) => {
        const unsubscribe = t.core.events.subscribe((event, payload) => {
          if (event === 'topPeers:changed' && (payload as TopPeersSnapshot).categories.join() === 'channels') {
            unsubscribe();
            resolve(payload as TopPeersSnapshot);
          }
        });
      });
      await t.call('settings:set', { categories: ['channels'] });
      const snapshot = await pushed;
      expect(snapshot.peers.every((peer) => peer.categories.channels !== undefined)).toBe(true);
    } finally {
      await t.stop();
    }
  });
});

describe('scheduler in the core', () => {
  it('refreshes after login unasked, and on window show only when stale — one timer at a time', async () => {
    const clock = new FakeClock(Date.now());
    const t = makeCore(dc, { clock });
    try {
      await t.core.start();
      const firstList = new Promise<void>((resolve) => {
        const unsubscribe = t.core.events.subscribe((event, payload) => {
          if (event === 'topPeers:changed' && (payload as TopPeersSnapshot).status === 'ok') {
            unsubscribe();
            resolve();
          }
        });
      });
      await loginMain(t);
      await firstList; // the scheduler's first refresh, nobody asked
      const checked = (await t.call<TopPeersSnapshot>('topPeers:get')).checkedAt!;
      // Window shown a minute later: fresh enough, no refresh.
      clock.jump(60_000);
      t.core.api.windowShown();
      await clock.settle();
      expect((await t.call<TopPeersSnapshot>('topPeers:get')).checkedAt).toBe(checked);
      // Three minutes later: stale, refreshed (NotModified still records the check).
      clock.jump(2 * 60_000);
      const idle = new Promise<void>((resolve) => {
        const unsubscribe = t.core.events.subscribe((event, payload) => {
          if (event === 'sync:changed' && (payload as { state: string }).state === 'idle') {
            unsubscribe();
            resolve();
          }
        });
      });
      t.core.api.windowShown();
      await idle;
      expect((await t.call<TopPeersSnapshot>('topPeers:get')).checkedAt).toBe(clock.now());
      // Exactly one timer on the core's clock: the next scheduled refresh.
      expect(clock.pendingTimers()).toBe(1);
    } finally {
      await t.stop();
    }
    expect(clock.pendingTimers()).toBe(0);
  });
});
