/**
 * The router in front of the real core handlers: every malformed argument is refused as
 * INVALID_ARGUMENT before a handler runs, and nothing malformed crashes it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/core/app-core.js';
import { createRouter, type Router } from '../../../electron/core/router.js';
import { createMemoryStore } from '../../../electron/core/store.js';
import { createMemorySecretStore } from '../../../electron/core/telegram/secret-store.js';

let core: AppCore;
let router: Router;
const logged: string[] = [];

beforeAll(async () => {
  core = createAppCore({
    dataDir: mkdtempSync(join(tmpdir(), 'router-')),
    store: createMemoryStore(),
    secretStore: createMemorySecretStore(),
    env: {}, // no credentials, no DC: the first-run state, no network at all
    host: { openExternal() {}, hideWindow() {}, setHotkey: () => true, setLaunchAtLogin() {} },
  });
  await core.start();
  router = createRouter(core.handlers, (level, message) => logged.push(`${level} ${message}`));
});

afterAll(() => core.stop());

const invalid: [string, unknown][] = [
  ['login:submitPhone', { phone: 12345 }],
  ['login:submitPhone', { phone: '+9996621234', extra: true }],
  ['login:submitPhone', { phone: 'x'.repeat(100_000) }],
  ['login:submitPhone', null],
  ['login:submitPhone', 'string'],
  ['login:submitCode', { code: '' }],
  ['login:submitPassword', { password: 'p'.repeat(257) }],
  ['session:setCredentials', { apiId: Number.NaN, apiHash: '0123456789abcdef0123456789abcdef' }],
  ['session:setCredentials', { apiId: -5, apiHash: '0123456789abcdef0123456789abcdef' }],
  ['session:setCredentials', { apiId: 1.5, apiHash: '0123456789abcdef0123456789abcdef' }],
  ['session:setCredentials', { apiId: 1, apiHash: 'not-hex' }],
  ['topPeers:remove', { key: 'user:abc', category: 'correspondents' }],
  ['topPeers:remove', { key: 'user:1', category: 'everything' }],
  ['topPeers:remove', { key: 'user:-1', category: 'groups' }],
  ['topPeers:setEnabled', { enabled: 'yes' }],
  ['topPeers:get', { surprise: 1 }],
  ['peers:open', { key: 'user:1', target: 'browser' }],
  ['peers:avatar', { key: 'user:1'.repeat(1000) }],
  ['settings:set', { refreshIntervalMinutes: -1 }],
  ['settings:set', { refreshIntervalMinutes: 0 }],
  ['settings:set', { refreshIntervalMinutes: Number.NaN }],
  ['settings:set', { refreshIntervalMinutes: Infinity }],
  ['settings:set', { refreshIntervalMinutes: 1441 }],
  ['settings:set', { categories: [] }],
  ['settings:set', { categories: ['groups', 'nope'] }],
  ['settings:set', { hotkey: '' }],
  ['settings:set', { theme: 'purple' }],
  ['settings:set', { __proto__: { polluted: true }, constructor: 1 }],
];

describe('router argument validation on the core', () => {
  it.each(invalid)('%s %j → INVALID_ARGUMENT', async (channel, args) => {
    const result = await router.handle(channel, args);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_ARGUMENT');
      expect(result.error.message.length).toBeLessThanOrEqual(500);
    }
  });

  it('answers unknown channels and non-string channel names with UNKNOWN_CHANNEL', async () => {
    for (const channel of ['nope', '__proto__', 'constructor', 42 as unknown as string]) {
      const result = await router.handle(channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('still works after all that, and did not log a crash', async () => {
    expect(await router.handle('session:get', undefined)).toEqual({ ok: true, value: { status: 'needs-credentials' }, revision: expect.any(Number) });
    expect(logged.filter((line) => line.startsWith('error'))).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses top-peer calls without credentials with a typed error, not a crash', async () => {
    expect(await router.handle('topPeers:refresh', {})).toMatchObject({ ok: false, error: { code: 'NEEDS_CREDENTIALS' } });
    expect(await router.handle('login:submitPhone', { phone: '+9996621234' })).toMatchObject({ ok: false, error: { code: 'NEEDS_CREDENTIALS' } });
  });

  it('validates settings end to end: a valid patch is applied and pushed', async () => {
    const events: string[] = [];
    const unsubscribe = core.events.subscribe((event) => events.push(event));
    const result = await router.handle('settings:set', { refreshIntervalMinutes: 30, categories: ['groups', 'channels'] });
    unsubscribe();
    expect(result).toMatchObject({ ok: true, value: { refreshIntervalMinutes: 30, categories: ['groups', 'channels'] } });
    expect(events).toContain('settings:changed');
  });
});

describe('revisions on every snapshot', () => {
  it('stamps answers and pushes from one increasing clock, an answer with the tick its handler started at', async () => {
    const pushed: Array<[string, number]> = [];
    const unsubscribe = core.events.subscribe((event, _payload, revision) => pushed.push([event, revision]));
    const before = await router.handle('settings:get', {});
    // settings:set pushes settings:changed while it runs: its answer overlaps that push, so it is older.
    const set = await router.handle('settings:set', { refreshIntervalMinutes: 45 });
    const after = await router.handle('session:get', {});
    unsubscribe();
    if (!before.ok || !set.ok || !after.ok) throw new Error('a call failed');
    const [push] = pushed.filter(([event]) => event === 'settings:changed');
    expect(push).toBeDefined();
    expect(before.revision).toBeLessThan(set.revision);
    expect(set.revision).toBeLessThan(push![1]);
    expect(push![1]).toBeLessThan(after.revision);
  });

  it('gives a failed call no revision: an error is no snapshot', async () => {
    const failed = await router.handle('topPeers:refresh', {});
    expect(failed).toEqual({ ok: false, error: expect.objectContaining({ code: 'NEEDS_CREDENTIALS' }) });
  });
});
