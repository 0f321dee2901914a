// The chat pane in Chromium: Enter on a switcher row → the first messages painted (with and
// without a cache, against the real core and the local DC over loopback, the loopback round trip
// measured in the same run), scrolling 10,000 messages (frame times against an idle frame), and
// the renderer's heap after opening 50 chats in turn.
//
//   npx tsx test/bench/chat.bench.ts     (or `npm run bench` for every bench)
//
// Enter → painted: the Enter keydown is dispatched on the search field from a requestAnimationFrame
// callback; the span ends in the first task after the frame that shows a message row (a
// MutationObserver sees the row, then one more frame is produced). Three cases per chat:
//   - no cache: the chat's first open (a fresh data dir): chat:open answers "loading", the core
//     asks the DC for the history (messages.getHistory, with messages.getPeerDialogs beside it)
//     and pushes the view;
//   - core cache: the page reloaded (the renderer keeps nothing), the chat opened before: chat:open
//     answers from the core's SQLite cache;
//   - renderer cache: opened again without a reload: the pane paints the view the renderer kept
//     (RECENT_CHATS in components/chat/state.svelte.ts) before chat:open answers.
// The loopback round trip is messages.getHistory (limit 50) from a gramjs client of its own to
// the same DC, timed in Node. The page talks to the core over Playwright's binding (a CDP round
// trip per call, slower than Electron's IPC), which every figure here includes.
//
// Scrolling: a stub core serves one chat of 10,000 messages (the renderer alone is measured). The
// list is scrolled by SCROLL_STEP px each frame, up then down; a frame's time is the interval
// between consecutive requestAnimationFrame callbacks (the frame cap lifted, as in
// renderer.bench.ts). The floor is the same interval with nothing scrolled: this headless
// Chromium's own frame clock. "Scroll work" is one scroll step as script and layout alone: a
// scroll event handled, Svelte flushed, a forced layout.
//
// Heap: the real core, 50 chats from the chat list opened in turn (each until its messages are
// painted, then Esc); the page's JS heap after a forced GC (CDP HeapProfiler.collectGarbage),
// before the first chat and after the last, back in the switcher.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import type { Page } from 'playwright-core';
import { createAppCore } from '../../electron/core/app-core';
import { createRouter, EventBus, type Handlers } from '../../electron/core/router';
import { createMemoryStore } from '../../electron/core/store';
import { createMemorySecretStore } from '../../electron/core/telegram/secret-store';
import { startFakeDc } from '../../electron/local-dc/index';
import { fakeDcClient } from '../../electron/local-dc/client';
import { createDemoWorld, DEMO_ACCOUNTS } from '../../electron/local-dc/world/index';
import type { ChatMessage, ChatView, Peer } from '../../electron/shared/ipc-contract';
import { SWITCHER_SIZE } from '../../electron/main/window-options';
import { RECENT_CHATS } from '../../renderer/src/components/chat/limits';
import { browserUnavailableReason, CHROMIUM, launchChromium, openBridgedPage, serveRenderer } from '../e2e/browser';
import { benchHandlers, generatePeers } from './renderer.bench';
import { isMainModule, printTable, type BenchReport } from './report';

const OPEN_CHATS = 12;
const HEAP_CHATS = 50;
const ROUND_TRIPS = 30;
const SCROLL_MESSAGES = 10_000;
const SCROLL_FRAMES = 400;
const SCROLL_STEP = 240;

// In-page scripts are strings (see renderer.bench.ts: tsx's __name helper does not exist in the page).

/** Selects `title` in the switcher, times Enter → a message row painted, then goes back with Esc. */
const OPEN_AND_TIME = `async (title) => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  const macrotask = () => new Promise((done) => { const channel = new MessageChannel(); channel.port1.onmessage = () => done(); channel.port2.postMessage(null); });
  const wait = async (test, what) => { for (let i = 0; i < 2000; i++) { if (test()) return; await new Promise((done) => setTimeout(done, 5)); } throw new Error('timed out waiting for ' + what); };
  await wait(() => document.querySelector('[role="combobox"]'), 'the switcher');
  const field = document.querySelector('[role="combobox"]');
  const active = () => { const id = field.getAttribute('aria-activedescendant'); return id ? document.getElementById(id)?.querySelector('.title')?.textContent : undefined; };
  field.value = title;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
  await wait(() => active() === title, 'the row of ' + title);
  await frame();
  const start = performance.now();
  field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  await new Promise((done) => {
    const check = () => { if (document.querySelector('[data-testid="message"]')) { observer.disconnect(); done(); } };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true });
    check();
  });
  await frame();
  await macrotask();
  const ms = performance.now() - start;
  (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
  await wait(() => document.querySelector('[role="combobox"]'), 'the switcher again');
  return ms;
}`;

const SCROLL = `async (frames, step) => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  const macrotask = () => new Promise((done) => { const channel = new MessageChannel(); channel.port1.onmessage = () => done(); channel.port2.postMessage(null); });
  const scroller = document.querySelector('[data-testid="messages"]');
  const scroll = [], idle = [], work = [];
  let direction = -1;
  const move = () => {
    if (scroller.scrollTop <= 0) direction = 1;
    else if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) direction = -1;
    scroller.scrollTop += direction * step;
  };
  await frame();
  let last = performance.now();
  for (let i = 0; i < frames; i++) { move(); await frame(); const now = performance.now(); scroll.push(now - last); last = now; }
  await frame();
  last = performance.now();
  for (let i = 0; i < frames; i++) { await frame(); const now = performance.now(); idle.push(now - last); last = now; }
  for (let i = 0; i < frames / 4; i++) {
    await frame();
    await macrotask();
    const start = performance.now();
    move();
    scroller.dispatchEvent(new Event('scroll'));
    await macrotask();
    void document.body.offsetHeight;
    work.push(performance.now() - start);
  }
  return { scroll, idle, work, rendered: document.querySelectorAll('[data-testid="message"]').length };
}`;

function summarise(samples: readonly number[]): { medianMs: number; p95Ms: number; samples: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
  const round = (value: number) => Math.round(value * 100) / 100;
  return { medianMs: round(at(0.5)), p95Ms: round(at(0.95)), samples: sorted.length };
}

async function jsHeap(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
  await session.detach();
  return usedSize;
}

/** The real core on the local DC, logged in to the demo, with the renderer bridged to it. */
async function realApp(url: string, browser: Awaited<ReturnType<typeof launchChromium>>) {
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
  const router = createRouter(core.handlers);
  const started = await router.handle('session:startDemo', {});
  if (!started.ok) throw new Error(`demo did not start: ${JSON.stringify(started)}`);
  process.stderr.write(`chat bench: demo ${JSON.stringify(started.value).slice(0, 80)}\n`);
  const bridged = await openBridgedPage(browser, url, router, core.events, { viewport: SWITCHER_SIZE });
  await bridged.page.getByRole('combobox').waitFor({ timeout: 30_000 });
  return {
    world,
    dc,
    router,
    page: bridged.page,
    async close() {
      await bridged.close();
      await core.stop();
      await dc.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type RealApp = Awaited<ReturnType<typeof realApp>>;

/** Titles of chats with history that the switcher lists once each, so typing the title selects that chat. */
async function chatTitles(app: RealApp, count: number): Promise<string[]> {
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

async function loopbackRoundTrips(app: RealApp): Promise<number[]> {
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

async function measureOpen(url: string, browser: Awaited<ReturnType<typeof launchChromium>>) {
  const app = await realApp(url, browser);
  try {
    const titles = await chatTitles(app, OPEN_CHATS);
    const time = async (title: string) => (await app.page.evaluate(`(${OPEN_AND_TIME})(${JSON.stringify(title)})`)) as number;
    const noCache: number[] = [];
    for (const title of titles) noCache.push(await time(title));
    await app.page.reload();
    await app.page.getByRole('combobox').waitFor({ timeout: 30_000 });
    const coreCache: number[] = [];
    for (const title of titles) coreCache.push(await time(title));
    const rendererCache: number[] = [];
    for (const title of titles.slice(-RECENT_CHATS)) rendererCache.push(await time(title));
    const roundTrips = await loopbackRoundTrips(app);
    return { chats: titles.length, noCache: summarise(noCache), coreCache: summarise(coreCache), rendererCache: summarise(rendererCache), roundTrip: summarise(roundTrips) };
  } finally {
    await app.close();
  }
}

async function measureHeap(url: string, browser: Awaited<ReturnType<typeof launchChromium>>) {
  const app = await realApp(url, browser);
  try {
    const titles = await chatTitles(app, HEAP_CHATS);
    const before = await jsHeap(app.page);
    for (const title of titles) await app.page.evaluate(`(${OPEN_AND_TIME})(${JSON.stringify(title)})`);
    const after = await jsHeap(app.page);
    return { chats: titles.length, beforeBytes: before, afterBytes: after, growthBytes: after - before, recentChatsKept: RECENT_CHATS };
  } finally {
    await app.close();
  }
}

const LINES = ['ok', 'See you at 6', 'Did you see the new build? It fixes the crash on start and the slow search.', 'Привет, как дела?', 'Lunch?', 'A longer message that wraps over a few lines in the bubble, so the list has rows of different heights to lay out as it scrolls past them.'];

/** 10,000 messages newest first, a new day every 40, some own, some replies, some media. */
function longHistory(count: number): ChatMessage[] {
  const start = Math.floor(Date.now() / 1000) - count * 2_160;
  return Array.from({ length: count }, (_, index) => {
    const id = count - index;
    const extra: Partial<ChatMessage> = id % 17 === 0 ? { replyToId: id - 3 } : id % 23 === 0 ? { media: { kind: 'file', name: `report-${id}.pdf`, size: 120_000 + id } } : {};
    return { id, state: 'sent', date: start + id * 2_160, out: id % 3 === 0, text: `${LINES[id % LINES.length]} (${id})`, entities: [], ...extra } satisfies ChatMessage;
  });
}

async function measureScroll(url: string, browser: Awaited<ReturnType<typeof launchChromium>>) {
  const peers: Peer[] = generatePeers(20).map((peer, index) => ({ ...peer, title: index === 0 ? 'Long History' : peer.title }));
  const view: ChatView = { key: peers[0]!.key, messages: longHistory(SCROLL_MESSAGES), hasOlder: false, loading: false, draft: '', readOutboxMaxId: SCROLL_MESSAGES, unreadCount: 0, senders: {} };
  const ok = { ok: true as const };
  const handlers: Handlers = {
    ...benchHandlers(peers),
    'chats:get': () => ({ status: 'empty', chats: [], fetchedAt: null, checkedAt: null }),
    'chat:open': () => view,
    'chat:close': () => ok,
    'chat:read': () => ok,
    'chat:draft': () => ok,
    'chat:older': () => view,
    'chat:badges': () => [],
  } as Handlers;
  const bridged = await openBridgedPage(browser, url, createRouter(handlers), new EventBus(), { viewport: SWITCHER_SIZE });
  try {
    const page = bridged.page;
    await page.getByRole('combobox').waitFor({ timeout: 30_000 });
    await page.getByRole('combobox').fill('Long History');
    await page.keyboard.press('Enter');
    await page.getByTestId('message').first().waitFor({ timeout: 30_000 });
    const { scroll, idle, work, rendered } = (await page.evaluate(`(${SCROLL})(${SCROLL_FRAMES}, ${SCROLL_STEP})`)) as { scroll: number[]; idle: number[]; work: number[]; rendered: number };
    return { messages: SCROLL_MESSAGES, renderedRows: rendered, scrollFrame: summarise(scroll), idleFrame: summarise(idle), scrollWork: summarise(work) };
  } finally {
    await bridged.close().catch(() => {}); // a crashed page has nothing left to close; its own error is the one to see
  }
}

export async function run(): Promise<BenchReport> {
  const unavailable = browserUnavailableReason();
  if (unavailable) {
    console.warn(`[skip] chat bench: ${unavailable}`);
    return { name: 'chat', table: [{ skipped: unavailable }], result: { skipped: unavailable } };
  }
  const [browser, server] = await Promise.all([launchChromium(['--disable-frame-rate-limit', '--disable-gpu-vsync']), serveRenderer()]);
  try {
    const progress = (what: string) => process.stderr.write(`chat bench: ${what}\n`);
    progress('opening chats');
    const open = await measureOpen(server.url, browser);
    progress('scrolling');
    const scroll = await measureScroll(server.url, browser);
    progress('heap');
    const heap = await measureHeap(server.url, browser);
    const row = (measure: string, figures: { medianMs: number; p95Ms: number; samples: number }) => ({ measure, median_ms: figures.medianMs, p95_ms: figures.p95Ms, samples: figures.samples });
    const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 100) / 100;
    const table = [
      row('Enter → messages painted, no cache (DC over loopback)', open.noCache),
      row('loopback round trip (messages.getHistory, 50)', open.roundTrip),
      row('Enter → messages painted, core cache (page reloaded)', open.coreCache),
      row('Enter → messages painted, renderer cache', open.rendererCache),
      row(`scroll ${SCROLL_MESSAGES} messages: frame`, scroll.scrollFrame),
      row('idle frame (floor)', scroll.idleFrame),
      row('scroll step work (script+layout)', scroll.scrollWork),
      { measure: `JS heap after ${heap.chats} chats (MB; before: ${mb(heap.beforeBytes)})`, median_ms: mb(heap.afterBytes), p95_ms: mb(heap.growthBytes), samples: heap.chats },
    ];
    return { name: 'chat', table, result: { chromium: CHROMIUM, open, scroll, heap } };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (isMainModule(import.meta.url)) {
  const report = await run();
  printTable(report);
  console.log(JSON.stringify(report.result));
}
