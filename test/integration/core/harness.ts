/**
 * Shared set-up for the core's integration tests: a local DC on a free port with the demo world,
 * a temp data dir, and an app core pointed at the DC through TG_DC / TG_DC_PUBLIC_KEY — the same
 * path a developer uses, so the override itself is under test.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { startFakeDc, type FakeDc } from '../../../electron/local-dc/index.js';
import { createDemoWorld, DEMO_ACCOUNTS, type World } from '../../../electron/local-dc/world/index.js';
import { createAppCore, type AppCore, type AppHost } from '../../../electron/core/app-core.js';
import { createRouter, type Router } from '../../../electron/core/router.js';
import { openFileStore, type KeyValueStore } from '../../../electron/core/store.js';
import { createFileSecretStore, createMemorySecretStore, type SecretStore } from '../../../electron/core/telegram/secret-store.js';
import { TelegramSession } from '../../../electron/core/telegram/session.js';
import type { EventName, EventPayload } from '../../../electron/shared/ipc-contract.js';
import { systemClock, type Clock } from '../../../electron/core/clock.js';

export { DEMO_ACCOUNTS };

export interface TestDc {
  dc: FakeDc;
  world: World;
  keyFile: string;
  dir: string;
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startTestDc(): Promise<TestDc> {
  const dir = mkdtempSync(join(tmpdir(), 'topswitch-dc-'));
  const world = createDemoWorld();
  const dc = await startFakeDc({ world, log: () => {} });
  const keyFile = join(dir, 'dc.pem');
  writeFileSync(keyFile, dc.publicKeyPem);
  return {
    dc,
    world,
    keyFile,
    dir,
    env: { TG_DC: `${dc.host}:${dc.port}`, TG_DC_PUBLIC_KEY: keyFile },
    async close() {
      await dc.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RecordedEvent {
  event: EventName;
  payload: unknown;
}

export class FakeHost implements AppHost {
  opened: string[] = [];
  hidden = 0;
  hotkeys: string[] = [];
  hotkeyAvailable = true;
  launchAtLogin: boolean[] = [];
  openExternal(url: string) {
    this.opened.push(url);
  }
  /** Links clicked in messages (chat:openLink). */
  links: string[] = [];
  openLink(url: string) {
    this.links.push(url);
  }
  hideWindow() {
    this.hidden += 1;
  }
  setHotkey(accelerator: string) {
    this.hotkeys.push(accelerator);
    return this.hotkeyAvailable;
  }
  setLaunchAtLogin(on: boolean) {
    this.launchAtLogin.push(on);
  }
}

export interface TestCore {
  core: AppCore;
  router: Router;
  host: FakeHost;
  store: KeyValueStore;
  secretStore: SecretStore;
  dataDir: string;
  events: RecordedEvent[];
  logs: string[];
  /** Call a channel and return its value, failing the test with the error otherwise. */
  call<T = any>(channel: string, args?: unknown): Promise<T>;
  /** Call a channel that must fail; returns the error. */
  fail(channel: string, args?: unknown): Promise<{ code: string; message: string; retryAt?: number }>;
  eventsOf<E extends EventName>(event: E): EventPayload<E>[];
  stop(): Promise<void>;
}

export function makeCore(
  testDc: TestDc,
  options: { dataDir?: string; env?: Record<string, string>; clock?: Clock; invokeTimeoutMs?: number; backoffBaseMs?: number } = {},
): TestCore {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'topswitch-core-'));
  const store = openFileStore(dataDir);
  const secretStore = createFileSecretStore(dataDir);
  const host = new FakeHost();
  const logs: string[] = [];
  const core = createAppCore({
    dataDir,
    store,
    secretStore,
    env: { ...testDc.env, ...options.env },
    host,
    ...(options.clock ? { clock: options.clock } : {}),
    invokeTimeoutMs: options.invokeTimeoutMs ?? 5_000,
    backoffBaseMs: options.backoffBaseMs ?? 60_000,
    log: (level, message, detail) => logs.push(`${level} ${message} ${detail === undefined ? '' : String(detail)}`),
    loadFakeDc: () => import('../../../electron/local-dc/index.js'),
  });
  const router = createRouter(core.handlers, (level, message, detail) => logs.push(`${level} ${message} ${JSON.stringify(detail) ?? ''}`));
  const events: RecordedEvent[] = [];
  core.events.subscribe((event, payload) => events.push({ event, payload }));
  return {
    core,
    router,
    host,
    store,
    secretStore,
    dataDir,
    events,
    logs,
    async call(channel, args) {
      const envelope = await router.handle(channel, args);
      if (!envelope.ok) throw new Error(`${channel} failed: ${envelope.error.code} ${envelope.error.message}`);
      return envelope.value as never;
    },
    async fail(channel, args) {
      const envelope = await router.handle(channel, args);
      if (envelope.ok) throw new Error(`${channel} succeeded but was expected to fail`);
      return envelope.error;
    },
    eventsOf(event) {
      return events.filter((entry) => entry.event === event).map((entry) => entry.payload as never);
    },
    async stop() {
      await core.stop();
    },
  };
}

/** Log in as the main demo account through the router, as the UI would. */
export async function loginMain(test: TestCore): Promise<void> {
  await test.call('login:submitPhone', { phone: `+${DEMO_ACCOUNTS.main.phone}` });
  await test.call('login:submitCode', { code: DEMO_ACCOUNTS.main.code });
}

/** Sign in the demo world's second account (Tomás, with 2FA) as one more account, through the router. */
export async function addSecondAccount(test: TestCore): Promise<void> {
  await test.call('accounts:add', {});
  expect(test.core.api.getSession()).toMatchObject({ status: 'logged-out', login: { step: 'phone' } });
  await test.call('login:submitPhone', { phone: `+${DEMO_ACCOUNTS.twoFactor.phone}` });
  await test.call('login:submitCode', { code: DEMO_ACCOUNTS.twoFactor.code });
  await test.call('login:submitPassword', { password: DEMO_ACCOUNTS.twoFactor.password });
  await untilPushed(test, 'accounts:changed', () => test.core.api.listAccounts().accounts.filter((account) => account.status === 'ready').length === 2);
}

/** A DC and a core logged in as the main demo account with its top peers fetched, for a test file's beforeAll. */
export async function startLoggedInCore(options: Parameters<typeof makeCore>[1] = {}): Promise<{ dc: TestDc; t: TestCore; close(): Promise<void> }> {
  const dc = await startTestDc();
  const t = makeCore(dc, options);
  await t.core.start();
  await loginMain(t);
  await t.call('topPeers:refresh');
  return {
    dc,
    t,
    async close() {
      await t.stop();
      await dc.close();
    },
  };
}

/** A TelegramSession of its own on the test DC, outside any core (not yet logged in). */
export function standaloneSession(testDc: TestDc, onSessionEnded: () => void = () => {}): TelegramSession {
  return new TelegramSession({
    apiId: 1,
    apiHash: '00000000000000000000000000000000',
    dc: { host: testDc.dc.host, port: testDc.dc.port },
    secretStore: createMemorySecretStore(),
    clock: systemClock(),
    demo: false,
    onState: () => {},
    onSessionEnded,
  });
}

/** Resolve once `holds()` is true: now, or after a push of `event` (usable in beforeAll, unlike expect.poll). */
export function untilPushed(test: TestCore, event: EventName, holds: () => boolean): Promise<void> {
  return new Promise<void>((resolve) => {
    if (holds()) return resolve();
    const unsubscribe = test.core.events.subscribe((pushed) => {
      if (pushed === event && holds()) {
        unsubscribe();
        resolve();
      }
    });
  });
}

/** Resolve when the core pushes a session state matching `predicate` (or it already is one). */
export function waitForSession(test: TestCore, predicate: (state: import('../../../electron/shared/ipc-contract.js').SessionState) => boolean) {
  return new Promise<import('../../../electron/shared/ipc-contract.js').SessionState>((resolve) => {
    if (predicate(test.core.api.getSession())) return resolve(test.core.api.getSession());
    const unsubscribe = test.core.events.subscribe((event, payload) => {
      if (event === 'session:changed' && predicate(payload as never)) {
        unsubscribe();
        resolve(payload as never);
      }
    });
  });
}

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
