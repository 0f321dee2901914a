// The chat bench's real app: the core on the local DC, logged in to the demo, its page served by
// browser mode's own server (chat.bench.ts says what is timed with it), and the round trips the
// bench sets its targets against.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import type { Page } from 'playwright-core';
import { createAppCore } from '../../electron/core/app-core';
import { createRouter } from '../../electron/core/router';
import { createMemoryStore } from '../../electron/core/store';
import { createMemorySecretStore } from '../../electron/core/telegram/secret-store';
import { startFakeDc } from '../../electron/local-dc/index';
import { fakeDcClient } from '../../electron/local-dc/client';
import { createDemoWorld, DEMO_ACCOUNTS } from '../../electron/local-dc/world/index';
import type { ChatView } from '../../electron/shared/ipc-contract';
import { SWITCHER_SIZE } from '../../electron/main/window-options';
import { bridgeScript, bundleBridge } from '../../electron/web/bridge-bundle';
import { browserHandlers } from '../../electron/web/host';
import { startWebServer } from '../../electron/web/server';
import type { launchChromium } from '../e2e/browser';

/** Samples of each round trip. */
const ROUND_TRIPS = 30;

/**
 * The real core on the local DC, logged in to the demo, and the renderer in `rendererDir` served
 * by browser mode's own server: the page reaches the core over browser mode's WebSocket bridge,
 * JSON frames checked against the contract on both ends, as `npm start` without Electron runs it.
 */
export async function realApp(rendererDir: string, browser: Awaited<ReturnType<typeof launchChromium>>, bridge?: string) {
  const world = createDemoWorld();
  const dc = await startFakeDc({ world, log: () => {} });
  const dataDir = mkdtempSync(join(tmpdir(), 'topswitch-chat-bench-'));
  const core = createAppCore({
    dataDir,
    store: createMemoryStore(),
    secretStore: createMemorySecretStore(),
    env: {},
    host: { openExternal: () => {}, hideWindow: () => {}, setHotkey: () => true, setLaunchAtLogin: () => {} },
    version: 'bench',
    log: () => {},
    loadFakeDc: async () => ({ startFakeDc: async () => ({ host: dc.host, port: dc.port, publicKeyPem: dc.publicKeyPem, close: async () => {} }) }),
  });
  await core.start();
  const router = createRouter(browserHandlers(core.handlers));
  // The core's own share of an open, in Node: chat:open handled → the first view with the history pushed.
  const coreSpans: number[] = [];
  const opening = new Map<string, number>();
  const handle = router.handle.bind(router);
  router.handle = (channel, args) => {
    if (channel === 'chat:open') opening.set((args as { key: string }).key, performance.now());
    return handle(channel, args);
  };
  core.events.subscribe((event, payload) => {
    const view = payload as ChatView;
    const since = event === 'chat:view' && !view.loading ? opening.get(view.key) : undefined;
    if (since === undefined) return;
    opening.delete(view.key);
    coreSpans.push(performance.now() - since);
  });
  const started = await router.handle('session:startDemo', {});
  if (!started.ok) throw new Error(`demo did not start: ${JSON.stringify(started)}`);
  process.stderr.write(`chat bench: demo ${JSON.stringify(started.value).slice(0, 80)}\n`);
  const server = await startWebServer({ router, events: core.events, rendererDir, bridgeScript: bridge ?? (await bridgeScript()) });
  const context = await browser.newContext({ viewport: SWITCHER_SIZE, colorScheme: 'light', locale: 'en-US' });
  const page = await context.newPage();
  // A frame the page's bridge refused (say a base checkout's contract that no longer fits this
  // core's answers) would skew every figure: the run fails instead.
  const refused: string[] = [];
  page.on('console', (message) => void (message.type() === 'error' && message.text().startsWith('TopSwitch bridge') && refused.push(message.text())));
  // The one-time link signs the page in (a cookie), so reloads need no token.
  await page.goto(server.url);
  await page.getByRole('combobox').waitFor({ timeout: 30_000 });
  return {
    world,
    dc,
    router,
    coreSpans,
    page,
    async close() {
      await context.close();
      await server.close();
      await core.stop();
      await dc.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (refused.length > 0) throw new Error(`the page's bridge refused frames: ${refused.slice(0, 3).join('; ')}`);
    },
  };
}

export type RealApp = Awaited<ReturnType<typeof realApp>>;

/** Titles of chats with history that the switcher lists once each, so typing the title selects that chat. */
export async function chatTitles(app: RealApp, count: number): Promise<string[]> {
  const answer = await app.router.handle('chats:get', {});
  if (!answer.ok) throw new Error('no chat list');
  const chats = (answer.value as { chats: Array<{ key: string; title: string }> }).chats;
  const main = app.world.account(DEMO_ACCOUNTS.main.userId);
  const counts = new Map<string, number>();
  for (const chat of chats) counts.set(chat.title, (counts.get(chat.title) ?? 0) + 1);
  return chats
    .filter((chat) => counts.get(chat.title) === 1 && (main.dialogs.get(chat.key as never)?.messages.length ?? 0) > 0)
    .map((chat) => chat.title)
    .slice(0, count);
}

/** app:version from the page and back over browser mode's bridge, timed in the page: what any answer from the core costs at least. */
export async function bridgeRoundTrips(page: Page): Promise<number[]> {
  return (await page.evaluate(`(async (count) => {
    const times = [];
    for (let i = 0; i < count; i++) { const start = performance.now(); await window.api.appVersion(); times.push(performance.now() - start); }
    return times;
  })(${ROUND_TRIPS})`)) as number[];
}

export async function loopbackRoundTrips(app: RealApp): Promise<number[]> {
  const client = fakeDcClient({ dc: app.dc });
  await client.start({ phoneNumber: DEMO_ACCOUNTS.main.phone, phoneCode: async () => DEMO_ACCOUNTS.main.code, onError: async (error) => { throw error; } });
  try {
    const dialogs = await client.getDialogs({ limit: 5 });
    const peer = dialogs[0]!.inputEntity;
    const times: number[] = [];
    for (let index = 0; index < ROUND_TRIPS; index++) {
      const start = performance.now();
      await client.invoke(new Api.messages.GetHistory({ peer, offsetId: 0, offsetDate: 0, addOffset: 0, limit: 50, maxId: 0, minId: 0, hash: returnBigInt(0) }));
      times.push(performance.now() - start);
    }
    return times;
  } finally {
    await client.destroy();
  }
}

/**
 * The base's own bridge when CHAT_BENCH_BASE_DIR is a checkout's out/renderer (its
 * electron/web/client.ts two levels up), so a change to either side of the page is compared;
 * else this checkout's, said on stderr.
 */
export async function baseBridge(baseDir: string, progress: (what: string) => void): Promise<string> {
  const client = resolve(baseDir, '../../electron/web/client.ts');
  if (!existsSync(client)) {
    progress(`no electron/web/client.ts beside ${baseDir}: the base uses this checkout's bridge`);
    return bridgeScript();
  }
  try {
    return await bundleBridge(client);
  } catch (cause) {
    progress(`the base's bridge did not bundle (${String(cause).split('\n')[0]}): the base uses this checkout's bridge`);
    return bridgeScript();
  }
}

