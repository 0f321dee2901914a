/**
 * The path the CLI takes into the core: channels called through the real router with
 * `createInvoke`, so command-line input meets the same contract validation as the renderer's IPC.
 * Arguments the types allow but the contract refuses come back as a typed AppError, and nothing
 * behind the router runs.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/core/app-core.js';
import { AppError } from '../../../electron/core/errors.js';
import { createInvoke, type Invoke } from '../../../electron/core/invoke.js';
import { createRouter } from '../../../electron/core/router.js';
import { createMemoryStore, type KeyValueStore } from '../../../electron/core/store.js';
import { createMemorySecretStore } from '../../../electron/core/telegram/secret-store.js';

let core: AppCore;
let invoke: Invoke;
let store: KeyValueStore;
const hotkeys: string[] = [];

beforeAll(async () => {
  store = createMemoryStore();
  core = createAppCore({
    dataDir: mkdtempSync(join(tmpdir(), 'invoke-')),
    store,
    secretStore: createMemorySecretStore(),
    env: {}, // no credentials, no DC: the first-run state, no network at all
    host: { openExternal() {}, hideWindow() {}, setHotkey: (accelerator) => (hotkeys.push(accelerator), true), setLaunchAtLogin() {} },
    autoRefresh: false,
  });
  await core.start();
  invoke = createInvoke(createRouter(core.handlers));
});

afterAll(() => core.stop());

async function refusal(call: Promise<unknown>): Promise<AppError> {
  const error: unknown = await call.then(
    () => undefined,
    (rejected: unknown) => rejected,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('createInvoke (the CLI path)', () => {
  it('answers with the typed result of a valid call', async () => {
    const session = await invoke('session:get', {});
    expect(session).toEqual({ status: 'needs-credentials' });
    expect(session).toEqual(core.api.getSession());
    const settings = await invoke('settings:get', {});
    expect(settings.refreshIntervalMinutes).toBe(10);
  });

  it('refuses what the contract refuses with INVALID_ARGUMENT, naming the field', async () => {
    const tooShort = await refusal(invoke('login:submitPhone', { phone: '+1' }));
    expect(tooShort.code).toBe('INVALID_ARGUMENT');
    expect(tooShort.message).toMatch(/^Invalid phone for login:submitPhone/);

    const badKey = await refusal(invoke('topPeers:remove', { key: 'user:abc', category: 'groups' }));
    expect(badKey).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^Invalid key for topPeers:remove/) });
  });

  it('refuses fields the types let through but the strict schema does not', async () => {
    const withExtra = { phone: '+9996621234', extra: true };
    expect(await refusal(invoke('login:submitPhone', withExtra))).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('stops a refused call before the core: settings stay as they were and the host is not asked', async () => {
    const before = await invoke('settings:get', {});
    const refused = await refusal(invoke('settings:set', { refreshIntervalMinutes: 0, hotkey: 'Control+Shift+J' }));
    expect(refused.code).toBe('INVALID_ARGUMENT');
    expect(await invoke('settings:get', {})).toEqual(before);
    expect(store.get('settings')).toBeUndefined();
    expect(hotkeys).toEqual([]);
    // The same change, valid, goes through to the host and the store.
    const after = await invoke('settings:set', { refreshIntervalMinutes: 5, hotkey: 'Control+Shift+J' });
    expect(after).toMatchObject({ refreshIntervalMinutes: 5, hotkey: 'Control+Shift+J' });
    expect(hotkeys).toEqual(['Control+Shift+J']);
    expect(store.get('settings')).toEqual(after);
  });

  it("hands the core's own refusals on with their code", async () => {
    const refused = await refusal(invoke('login:submitPhone', { phone: '+9996621234' }));
    expect(refused).toMatchObject({ code: 'NEEDS_CREDENTIALS' });
    expect(await refusal(invoke('topPeers:refresh', {}))).toMatchObject({ code: 'NEEDS_CREDENTIALS' });
  });
});

describe('the core API', () => {
  it('windowShown is one method: it tells the page, and asks nothing of Telegram when logged out', () => {
    const shown: string[] = [];
    const unsubscribe = core.events.subscribe((event) => shown.push(event));
    core.api.windowShown();
    unsubscribe();
    expect(shown).toEqual(['window:shown']);
  });
});
