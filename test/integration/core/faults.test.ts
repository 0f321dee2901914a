/**
 * Each fault the local DC can inject, and what the user sees: TIMEOUT, rate-limited until a time,
 * a revoked session (logged out, cache wiped), a dropped connection (offline, then recovery);
 * and the cache shown before any network, with no network at all.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import type { SyncStatus, TopPeersSnapshot } from '../../../electron/shared/ipc-contract.js';
import { FakeClock } from '../../unit/core/fake-clock.js';
import { loginMain, makeCore, startTestDc, waitForSession, type TestCore, type TestDc } from './harness.js';

let dc: TestDc;
let t: TestCore;

beforeAll(async () => {
  dc = await startTestDc();
});
afterAll(() => dc.close());
beforeEach(async () => {
  dc.dc.faults.clear();
  t = makeCore(dc, { invokeTimeoutMs: 1_500 });
  await t.core.start();
  await loginMain(t);
  await t.call('topPeers:refresh');
});
afterEach(async () => {
  dc.dc.faults.clear();
  await t.stop();
});

describe('faults', () => {
  it('a delay beyond the invoke timeout → TIMEOUT, offline with a retry time, then recovery', async () => {
    dc.dc.faults.inject('contacts.GetTopPeers', { kind: 'delay', ms: 4_000 });
    const error = await t.fail('topPeers:refresh');
    expect(error.code).toBe('TIMEOUT');
    const sync = await t.call<SyncStatus>('sync:get');
    expect(sync.state).toBe('offline');
    expect(sync.retryAt).toBeGreaterThan(Date.now());
    expect((await t.call<TopPeersSnapshot>('topPeers:get')).peers.length).toBeGreaterThan(0); // cache kept
    await t.call('topPeers:refresh');
    expect(await t.call('sync:get')).toEqual({ state: 'idle' });
  });

  it('FLOOD_WAIT_100 (beyond gramjs own sleep threshold) → rate-limited until now + 100 s', async () => {
    const before = Date.now();
    dc.dc.faults.inject('contacts.GetTopPeers', { kind: 'rpc-error', code: 420, message: 'FLOOD_WAIT_100' });
    const error = await t.fail('topPeers:refresh');
    const after = Date.now();
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAt).toBeGreaterThanOrEqual(before + 100_000);
    expect(error.retryAt).toBeLessThanOrEqual(after + 100_000);
    const sync = await t.call<SyncStatus>('sync:get');
    expect(sync).toMatchObject({ state: 'rate-limited' });
    expect(sync.retryAt).toBeGreaterThanOrEqual(error.retryAt!);
    expect(t.eventsOf('sync:changed').at(-1)).toMatchObject({ state: 'rate-limited' });
    // The fault is gone, but asking again before retryAt is refused locally instead of earning another wait.
    const again = await t.fail('topPeers:refresh');
    expect(again).toMatchObject({ code: 'RATE_LIMITED' });
    expect(again.retryAt).toBeGreaterThanOrEqual(error.retryAt!);
  });

  it('any other Telegram error → sync state error with its message; the next success → idle', async () => {
    const before = t.eventsOf('sync:changed').length;
    dc.dc.faults.inject('contacts.GetTopPeers', { kind: 'rpc-error', code: 400, message: 'SOMETHING_ODD' });
    expect(await t.fail('topPeers:refresh')).toMatchObject({ code: 'TELEGRAM', message: expect.stringContaining('SOMETHING_ODD') });
    expect(await t.call('sync:get')).toMatchObject({ state: 'error', message: expect.stringContaining('SOMETHING_ODD') });
    await t.call('topPeers:refresh');
    // Every transition was pushed: refreshing → error, refreshing → idle.
    expect(t.eventsOf('sync:changed').slice(before).map((sync) => sync.state)).toEqual(['refreshing', 'error', 'refreshing', 'idle']);
  });

  it('a short FLOOD_WAIT is reported too, not slept through inside a call', async () => {
    dc.dc.faults.inject('contacts.GetTopPeers', { kind: 'rpc-error', code: 420, message: 'FLOOD_WAIT_3' });
    expect(await t.fail('topPeers:refresh')).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it.each(['AUTH_KEY_UNREGISTERED', 'SESSION_REVOKED'])('%s → logged out, session and cache wiped', async (message) => {
    expect(await t.secretStore.get()).toBeTruthy();
    dc.dc.faults.inject('contacts.GetTopPeers', { kind: 'rpc-error', code: 401, message });
    expect(await t.fail('topPeers:refresh')).toMatchObject({ code: 'NOT_LOGGED_IN' });
    expect(t.core.api.getSession()).toEqual({ status: 'logged-out', demo: false, login: { step: 'phone' } });
    expect(await t.call('topPeers:get')).toMatchObject({ status: 'empty', peers: [] });
    expect(t.eventsOf('topPeers:changed').at(-1)).toMatchObject({ status: 'empty', peers: [] });
    expect(await t.secretStore.get()).toBeUndefined();
    expect(t.store.get('topPeers')).toBeUndefined();
    // And the user can log in again right away.
    await loginMain(t);
    expect(t.core.api.getSession().status).toBe('ready');
  });

  it('dropped connections → offline (cache kept), then recovery once the DC answers again', async () => {
    const cached = await t.call<TopPeersSnapshot>('topPeers:get');
    dc.dc.faults.inject('contacts.GetTopPeers', { kind: 'drop', times: Infinity });
    const error = await t.fail('topPeers:refresh');
    expect(['NETWORK', 'TIMEOUT']).toContain(error.code);
    expect((await t.call<SyncStatus>('sync:get')).state).toBe('offline');
    expect((await t.call<TopPeersSnapshot>('topPeers:get')).peers).toEqual(cached.peers);
    expect(t.core.api.getSession().status).toBe('ready');
    dc.dc.faults.clear();
    const { outcome } = await t.call('topPeers:refresh');
    expect(['modified', 'not-modified']).toContain(outcome);
    expect(await t.call('sync:get')).toEqual({ state: 'idle' });
  });

  it('offline recovers by itself: the scheduler retries with backoff until the DC answers', async () => {
    const clock = new FakeClock(Date.now());
    const own = makeCore(dc, { clock, invokeTimeoutMs: 1_500, backoffBaseMs: 10_000 });
    try {
      await own.core.start();
      await loginMain(own);
      await own.call('topPeers:refresh');
      dc.dc.faults.inject('contacts.GetTopPeers', { kind: 'drop', times: Infinity });
      await own.fail('topPeers:refresh');
      const offline = await own.call<SyncStatus>('sync:get');
      expect(offline.state).toBe('offline');
      // Backoff: the first retry is due 10 s (± jitter) later, and it is the only timer.
      expect(offline.retryAt! - clock.now()).toBeGreaterThanOrEqual(7_500);
      expect(offline.retryAt! - clock.now()).toBeLessThanOrEqual(12_500);
      expect(clock.pendingTimers()).toBe(1);
      dc.dc.faults.clear();
      const recovered = new Promise<void>((resolve) => {
        const unsubscribe = own.core.events.subscribe((event, payload) => {
          if (event === 'sync:changed' && (payload as SyncStatus).state === 'idle') {
            unsubscribe();
            resolve();
          }
        });
      });
      await clock.advance(offline.retryAt! - clock.now());
      await recovered;
      expect(await own.call('sync:get')).toEqual({ state: 'idle' });
    } finally {
      await own.stop();
    }
  });

  it('a DC restart (every connection closed) is survived', async () => {
    await dc.dc.restart();
    await t.call('topPeers:refresh');
    expect(await t.call('sync:get')).toEqual({ state: 'idle' });
  });

  it('garbage instead of an answer is survived', async () => {
    dc.dc.faults.inject('contacts.GetTopPeers', { kind: 'garbage' });
    // gramjs drops an undecryptable frame and reconnects, resending the call: either outcome is fine,
    // as long as it is an answer or a typed network error — never a crash or a hang.
    const first = await t.router.handle('topPeers:refresh', {});
    if (!first.ok) expect(['NETWORK', 'TIMEOUT']).toContain(first.error.code);
    await t.call('topPeers:refresh');
    expect(t.core.api.getSession().status).toBe('ready');
  });
});

describe('offline start', () => {
  it('shows the cached login and list before any network, and says offline', async () => {
    const cached = await t.call<TopPeersSnapshot>('topPeers:get');
    await t.stop();
    // A port nobody listens on: the same key, no DC.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const offline = makeCore(dc, { dataDir: t.dataDir, env: { TG_DC: `127.0.0.1:${port}` }, invokeTimeoutMs: 1_500 });
    try {
      const shown = new Promise<TopPeersSnapshot>((resolve) => {
        const unsubscribe = offline.core.events.subscribe((event, payload) => {
          if (event === 'topPeers:changed') {
            unsubscribe();
            resolve(payload as TopPeersSnapshot);
          }
        });
      });
      const ready = waitForSession(offline, (state) => state.status === 'ready');
      const started = offline.core.start();
      // The cached list is pushed before the first connection attempt has finished.
      expect((await shown).peers).toEqual(cached.peers);
      expect((await ready).status).toBe('ready');
      await started;
      expect((await offline.call<TopPeersSnapshot>('topPeers:get')).peers).toEqual(cached.peers);
      expect((await offline.call<SyncStatus>('sync:get')).state).toBe('offline');
      expect(await offline.fail('topPeers:refresh')).toMatchObject({ code: 'NETWORK' });
      expect(offline.core.api.getSession().status).toBe('ready');
    } finally {
      await offline.stop();
    }
  });

  it('a saved login whose cached account was lost starts offline as "connecting", not the phone step, and finishes when Telegram answers', async () => {
    await t.stop();
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const file = join(t.dataDir, 'topswitch-store.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(stored.self).toBeDefined();
    delete stored.self;
    writeFileSync(file, JSON.stringify(stored));
    // Telegram unreachable for the one call that says who we are.
    dc.dc.faults.inject('users.GetUsers', { kind: 'drop', times: Infinity });
    const clock = new FakeClock(Date.now());
    const own = makeCore(dc, { dataDir: t.dataDir, clock, invokeTimeoutMs: 1_500, backoffBaseMs: 10_000 });
    try {
      await own.core.start();
      expect(own.core.api.getSession().status).toBe('connecting');
      const offline = await own.call<SyncStatus>('sync:get');
      expect(offline).toMatchObject({ state: 'offline', retryAt: clock.now() + 10_000 });
      // Still unreachable at the first retry: the next wait doubles, and the login is kept.
      await clock.advance(10_000);
      await expect.poll(async () => (await own.call<SyncStatus>('sync:get')).retryAt, { timeout: 15_000 }).toBe(clock.now() + 20_000);
      expect(own.core.api.getSession().status).toBe('connecting');
      dc.dc.faults.clear();
      const ready = waitForSession(own, (state) => state.status === 'ready');
      await clock.advance(20_000);
      expect(await ready).toMatchObject({ status: 'ready', user: { key: expect.stringMatching(/^user:/) } });
      expect((await own.call<{ outcome: string }>('topPeers:refresh')).outcome).toMatch(/modified/);
    } finally {
      await own.stop();
    }
  });

  it('a corrupt store file → defaults, no crash, the file kept aside', async () => {
    await t.stop();
    const { writeFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    writeFileSync(join(t.dataDir, 'topswitch-store.json'), '{"topPeers": {"peers": [tru');
    const fresh = makeCore(dc, { dataDir: t.dataDir });
    try {
      await fresh.core.start();
      expect(readdirSync(t.dataDir).some((name) => name.startsWith('topswitch-store.json.corrupt-'))).toBe(true);
      expect(await fresh.call('settings:get')).toMatchObject({ refreshIntervalMinutes: 10 });
      // The session lives elsewhere (the secret store), so the login survives the lost cache.
      expect(fresh.core.api.getSession().status).toBe('ready');
      expect((await fresh.call('topPeers:refresh')).outcome).toBe('modified');
    } finally {
      await fresh.stop();
    }
  });
});

describe('a DC that stops answering', () => {
  it('silenced pings and a hung call → TIMEOUT; the next refresh rebuilds the connection and works', async () => {
    const own = makeCore(dc, { invokeTimeoutMs: 1_500 });
    try {
      await own.core.start();
      await loginMain(own);
      await own.call('topPeers:refresh');
      dc.dc.faults.silencePings(true);
      dc.dc.faults.inject('contacts.GetTopPeers', { kind: 'delay', ms: 8_000 });
      expect(await own.fail('topPeers:refresh')).toMatchObject({ code: 'TIMEOUT' });
      const connectionsBefore = dc.dc.stats().connections;
      dc.dc.faults.clear();
      await own.call('topPeers:refresh');
      expect(dc.dc.stats().connections).toBeGreaterThan(connectionsBefore);
      expect(await own.call('sync:get')).toEqual({ state: 'idle' });
    } finally {
      dc.dc.faults.clear();
      await own.stop();
    }
  });
});
