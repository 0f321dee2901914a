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
//     answers from the core's SQLite cache (CORE_CACHE_ROUNDS reloads, each chat once after each);
//   - renderer cache: opened again without a reload: the pane paints the view the renderer kept
//     (RECENT_CHATS in components/chat/state.svelte.ts) before chat:open answers.
// The loopback round trip is messages.getHistory (limit 50) from a gramjs client of its own to
// the same DC, timed in Node. The page is served by browser mode's own server and reaches the core
// over its WebSocket bridge (JSON frames, checked against the contract at both ends): a product
// path, the one `npm start` takes without Electron; Electron's IPC cannot be run here. That
// bridge's round trip (app:version, timed in the page) and the core's own share of the no-cache
// case (chat:open handled → the view with the history pushed, timed in Node) are printed too.
//
// Targets: from the core's cache ≤ 50 ms; with no cache ≤ one loopback round trip + 30 ms. The
// no-cache case's floor is the core-cache case of the same run: the same path (the pane built
// empty, then the core's answer rendered into it) with the network taken out, the answer read
// from SQLite at once. Where the target sits below that floor, the table says so and by how much
// the no-cache case lies above the floor. The renderer-cache case (nothing to wait for but the
// page's own work, one render) is the page's floor.
//
// Scrolling: a stub core serves one chat of 10,000 messages (the renderer alone is measured). The
// list is scrolled by SCROLL_STEP px each frame, up then down; a frame's time is the interval
// between consecutive requestAnimationFrame callbacks (the frame cap lifted, as in
// renderer.bench.ts). The floor is the same interval with nothing scrolled: this headless
// Chromium's own frame clock. "Scroll work" is one scroll step as script and layout alone: a
// scroll event handled, Svelte flushed, a forced layout.
//
// Heap: the real core (over the same bridge), 50 chats from the chat list opened in turn (each until its messages are
// painted, then Esc); the page's JS heap after a forced GC (CDP HeapProfiler.collectGarbage),
// before the first chat and after the last, back in the switcher.
//
// Side by side: with CHAT_BENCH_BASE_DIR naming another built renderer (say an older commit's
// out/renderer), every figure is taken for both in the same run, interleaved: each side has its
// own core and local DC (same demo world) and its own page with its own checkout's bridge (see
// baseBridge in chat-app.ts), the chats are opened alternately, the scroll runs in alternating
// rounds. CPU time is the page main thread's (CDP Performance.getMetrics ThreadTime), which a
// loaded machine disturbs far less than wall time: over each Enter → painted span (read just
// before and after it) and per scrolled or idle frame. Both sides share this checkout's core.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { createRouter, EventBus, type Handlers } from '../../electron/core/router';
import type { ChatMessage, ChatView, Peer } from '../../electron/shared/ipc-contract';
import { SWITCHER_SIZE } from '../../electron/main/window-options';
import { RECENT_CHATS } from '../../renderer/src/components/chat/limits';
import { browserUnavailableReason, CHROMIUM, launchChromium, openBridgedPage, RENDERER_DIR, serveRenderer } from '../e2e/browser';
import { bridgeScript } from '../../electron/web/bridge-bundle';
import { baseBridge, bridgeRoundTrips, chatTitles, loopbackRoundTrips, realApp, type RealApp } from './chat-app';
import { benchHandlers, generatePeers } from './renderer.bench';
import { BACK, ENTER, SCROLL, SELECT } from './chat-page';
import { isMainModule, printTable, type BenchReport } from './report';

const OPEN_CHATS = 12;
/** Reloads, each followed by every chat opened from the core's cache: more samples for a noisy machine. */
const CORE_CACHE_ROUNDS = 3;
const HEAP_CHATS = 50;
const SCROLL_MESSAGES = 10_000;
const SCROLL_FRAMES = 400;
const SCROLL_STEP = 240;
/** The scroll's frames come in this many rounds, alternating between the sides. */
const SCROLL_ROUNDS = 4;

/**
 * Selects `title`, times Enter → painted with the page's main-thread CPU time over that span
 * alone (read between the steps, not during them), then goes back with Esc.
 */
async function openAndTime(page: Page, title: string, cpu = false): Promise<{ ms: number; cpuMs: number }> {
  await page.evaluate(`(${SELECT})(${JSON.stringify(title)})`);
  const before = cpu ? await threadMs(page) : 0;
  const ms = (await page.evaluate(`(${ENTER})()`)) as number;
  const cpuMs = cpu ? (await threadMs(page)) - before : Number.NaN;
  await page.evaluate(`(${BACK})()`);
  return { ms, cpuMs };
}

function summarise(samples: readonly number[]): { medianMs: number; p95Ms: number; samples: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
  const round = (value: number) => Math.round(value * 100) / 100;
  return { medianMs: round(at(0.5)), p95Ms: round(at(0.95)), samples: sorted.length };
}

const metricSessions = new WeakMap<Page, Promise<CDPSession>>();

/** The page main thread's CPU time so far, in ms (CDP Performance.getMetrics ThreadTime, one session per page: the metrics count from its enable). */
async function threadMs(page: Page): Promise<number> {
  let session = metricSessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page).then(async (opened) => (await opened.send('Performance.enable'), opened));
    metricSessions.set(page, session);
  }
  const { metrics } = (await (await session).send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return (metrics.find((metric) => metric.name === 'ThreadTime')?.value ?? Number.NaN) * 1000;
}

async function jsHeap(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
  await session.detach();
  return usedSize;
}

/**
 * The issue's two Enter targets against each side's medians: from the core's cache ≤ 50 ms, and
 * with no cache ≤ one loopback round trip + 30 ms. A no-cache open cannot cost less than a
 * core-cache one: that is the same path (the pane built, then the core's answer rendered in a
 * second pass) with no network in it. So the core-cache median is the no-cache floor, and where
 * the target sits below it, what is reported is how far the no-cache case lies above that floor.
 */
function openTargets(open: Awaited<ReturnType<typeof measureOpen>>) {
  const round = (value: number) => Math.round(value * 10) / 10;
  return Object.fromEntries(
    Object.entries(open.bySide).map(([side, cases]) => {
      const floorMs = cases.coreCache.wall.medianMs;
      const noCacheTarget = round(open.roundTrip.medianMs + 30);
      const noCache = cases.noCache.wall.medianMs;
      return [
        side,
        {
          pageFloorMs: cases.rendererCache.wall.medianMs,
          coreCache: { medianMs: cases.coreCache.wall.medianMs, targetMs: 50, met: cases.coreCache.wall.medianMs <= 50 },
          noCache: { medianMs: noCache, targetMs: noCacheTarget, met: noCache <= noCacheTarget, floorMs, targetBelowFloor: noCacheTarget < floorMs, overFloorMs: round(noCache - floorMs) },
        },
      ];
    }),
  );
}

/** One side's targets as a line of the table. */
function targetLine(target: ReturnType<typeof openTargets>[string]): string {
  const { coreCache, noCache } = target;
  const core = `core cache ${coreCache.medianMs} ≤ 50: ${coreCache.met ? 'met' : 'missed'}`;
  const floor = `its floor (core cache: the same path, no network) ${noCache.floorMs}${noCache.targetBelowFloor ? ', the target below it' : ''}, ${noCache.overFloorMs} over it`;
  return `${core}; no cache ${noCache.medianMs} ≤ ${noCache.targetMs}: ${noCache.met ? 'met' : `missed; ${floor}`}`;
}

/** A renderer build under test: 'this' checkout's, or the base named by CHAT_BENCH_BASE_DIR. */
interface Side {
  readonly name: string;
  /** Its out/renderer, served by browser mode's server for the Enter and heap cases. */
  readonly dir: string;
  /** The same, served statically for the scroll case's stub core. */
  readonly url: string;
  /** Browser mode's page-side bridge (client.ts) of the same checkout, bundled. */
  readonly bridge: string;
}

type Figures = ReturnType<typeof summarise>;

/** Runs `each(side, item)` for every item on every side, the sides' order alternating per item. */
async function interleaved<T>(sides: readonly Side[], items: readonly T[], each: (side: Side, item: T) => Promise<void>): Promise<void> {
  for (const [index, item] of items.entries()) {
    const order = index % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) await each(side, item);
  }
}

async function measureOpen(sides: readonly Side[], browser: Awaited<ReturnType<typeof launchChromium>>) {
  const apps = new Map<string, RealApp>();
  try {
    for (const side of sides) apps.set(side.name, await realApp(side.dir, browser, side.bridge));
    const first = apps.get(sides[0]!.name)!;
    const titles = await chatTitles(first, OPEN_CHATS);
    const cases = ['noCache', 'coreCache', 'rendererCache'] as const;
    const samples = new Map(sides.map((side) => [side.name, Object.fromEntries(cases.map((name) => [name, { ms: [] as number[], cpuMs: [] as number[] }]))]));
    const timeCase = (name: (typeof cases)[number]) => async (side: Side, title: string) => {
      const { ms, cpuMs } = await openAndTime(apps.get(side.name)!.page, title, true);
      samples.get(side.name)![name]!.ms.push(ms);
      samples.get(side.name)![name]!.cpuMs.push(cpuMs);
    };
    await interleaved(sides, titles, timeCase('noCache'));
    const coreNoCache = summarise(first.coreSpans.splice(0));
    // Each round reloads the pages (the renderer then keeps nothing) and opens every chat once.
    for (let round = 0; round < CORE_CACHE_ROUNDS; round++) {
      for (const app of apps.values()) {
        await app.page.reload();
        await app.page.getByRole('combobox').waitFor({ timeout: 30_000 });
      }
      await interleaved(sides, titles, timeCase('coreCache'));
    }
    await interleaved(sides, titles.slice(-RECENT_CHATS), timeCase('rendererCache'));
    const roundTrip = summarise(await loopbackRoundTrips(first));
    const bridge = summarise(await bridgeRoundTrips(first.page));
    const bySide = Object.fromEntries(
      sides.map((side) => [side.name, Object.fromEntries(cases.map((name) => [name, { wall: summarise(samples.get(side.name)![name]!.ms), cpu: summarise(samples.get(side.name)![name]!.cpuMs) }]))]),
    ) as Record<string, Record<(typeof cases)[number], { wall: Figures; cpu: Figures }>>;
    return { chats: titles.length, roundTrip, bridge, coreNoCache, bySide };
  } finally {
    for (const app of apps.values()) await app.close();
  }
}

async function measureHeap(sides: readonly Side[], browser: Awaited<ReturnType<typeof launchChromium>>) {
  const apps = new Map<string, RealApp>();
  try {
    for (const side of sides) apps.set(side.name, await realApp(side.dir, browser, side.bridge));
    const titles = await chatTitles(apps.get(sides[0]!.name)!, HEAP_CHATS);
    const before = new Map<string, number>();
    for (const side of sides) before.set(side.name, await jsHeap(apps.get(side.name)!.page));
    await interleaved(sides, titles, async (side, title) => void (await openAndTime(apps.get(side.name)!.page, title)));
    const bySide: Record<string, { beforeBytes: number; afterBytes: number; growthBytes: number }> = {};
    for (const side of sides) {
      const after = await jsHeap(apps.get(side.name)!.page);
      bySide[side.name] = { beforeBytes: before.get(side.name)!, afterBytes: after, growthBytes: after - before.get(side.name)! };
    }
    return { chats: titles.length, recentChatsKept: RECENT_CHATS, bySide };
  } finally {
    for (const app of apps.values()) await app.close();
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

async function scrollPage(url: string, browser: Awaited<ReturnType<typeof launchChromium>>) {
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
  const page = bridged.page;
  await page.getByRole('combobox').waitFor({ timeout: 30_000 });
  await page.getByRole('combobox').fill('Long History');
  await page.keyboard.press('Enter');
  await page.getByTestId('message').first().waitFor({ timeout: 30_000 });
  return bridged;
}

async function measureScroll(sides: readonly Side[], browser: Awaited<ReturnType<typeof launchChromium>>) {
  const pages = new Map<string, Awaited<ReturnType<typeof scrollPage>>>();
  const phases = ['scroll', 'idle', 'work'] as const;
  const samples = new Map(sides.map((side) => [side.name, Object.fromEntries(phases.map((phase) => [phase, { ms: [] as number[], cpuMs: [] as number[] }]))]));
  let rendered = 0;
  try {
    for (const side of sides) pages.set(side.name, await scrollPage(side.url, browser));
    const rounds = Array.from({ length: SCROLL_ROUNDS }, (_, index) => index);
    await interleaved(sides, rounds, async (side) => {
      const page = pages.get(side.name)!.page;
      for (const phase of phases) {
        const frames = phase === 'work' ? SCROLL_FRAMES / SCROLL_ROUNDS / 4 : SCROLL_FRAMES / SCROLL_ROUNDS;
        const before = await threadMs(page);
        const result = (await page.evaluate(`(${SCROLL})(${JSON.stringify(phase)}, ${frames}, ${SCROLL_STEP})`)) as { samples: number[]; rendered: number };
        const cpu = ((await threadMs(page)) - before) / frames;
        samples.get(side.name)![phase]!.ms.push(...result.samples);
        samples.get(side.name)![phase]!.cpuMs.push(cpu);
        rendered = result.rendered;
      }
    });
  } finally {
    for (const bridged of pages.values()) await bridged.close().catch(() => {}); // a crashed page has nothing left to close; its own error is the one to see
  }
  const bySide = Object.fromEntries(
    sides.map((side) => [
      side.name,
      Object.fromEntries(phases.map((phase) => [phase, { wall: summarise(samples.get(side.name)![phase]!.ms), cpuPerFrameMs: summarise(samples.get(side.name)![phase]!.cpuMs).medianMs }])),
    ]),
  ) as Record<string, Record<(typeof phases)[number], { wall: Figures; cpuPerFrameMs: number }>>;
  return { messages: SCROLL_MESSAGES, renderedRows: rendered, rounds: SCROLL_ROUNDS, bySide };
}

export async function run(): Promise<BenchReport> {
  const unavailable = browserUnavailableReason();
  if (unavailable) {
    console.warn(`[skip] chat bench: ${unavailable}`);
    return { name: 'chat', table: [{ skipped: unavailable }], result: { skipped: unavailable } };
  }
  const baseDir = process.env.CHAT_BENCH_BASE_DIR;
  if (baseDir && !existsSync(join(baseDir, 'index.html'))) throw new Error(`CHAT_BENCH_BASE_DIR=${baseDir} holds no built renderer (index.html)`);
  const [browser, server, baseServer] = await Promise.all([
    launchChromium(['--disable-frame-rate-limit', '--disable-gpu-vsync']),
    serveRenderer(),
    baseDir ? serveRenderer(resolve(baseDir)) : Promise.resolve(undefined),
  ]);
  try {
    const progress = (what: string) => process.stderr.write(`chat bench: ${what}\n`);
    const sides: Side[] = [{ name: 'this', dir: RENDERER_DIR, url: server.url, bridge: await bridgeScript() }];
    if (baseServer && baseDir) sides.unshift({ name: 'base', dir: resolve(baseDir), url: baseServer.url, bridge: await baseBridge(resolve(baseDir), progress) });
    progress(`opening chats (${sides.map((side) => side.name).join(' vs ')})`);
    const open = await measureOpen(sides, browser);
    progress('scrolling');
    const scroll = await measureScroll(sides, browser);
    progress('heap');
    const heap = await measureHeap(sides, browser);
    const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 100) / 100;
    const table: Array<Record<string, string | number>> = [];
    const row = (measure: string, figures: Record<string, Figures | undefined>, cpu?: Record<string, number | undefined>) => {
      const line: Record<string, string | number> = { measure };
      for (const side of sides) {
        const wall = figures[side.name];
        if (wall) Object.assign(line, { [`${side.name} median`]: wall.medianMs, [`${side.name} p95`]: wall.p95Ms });
        if (cpu?.[side.name] !== undefined) line[`${side.name} cpu`] = cpu[side.name]!;
      }
      if (baseServer) {
        const base = figures.base?.medianMs;
        const ours = figures.this?.medianMs;
        if (base && ours !== undefined) line['this/base'] = Math.round((ours / base) * 100) / 100;
      }
      line.samples = Object.values(figures)[0]?.samples ?? 0;
      table.push(line);
    };
    const per = <T>(pick: (side: string) => T) => Object.fromEntries(sides.map((side) => [side.name, pick(side.name)]));
    const openCase = (name: 'noCache' | 'coreCache' | 'rendererCache') => [per((side) => open.bySide[side]![name].wall), per((side) => open.bySide[side]![name].cpu.medianMs)] as const;
    row('Enter → messages painted, no cache (DC over loopback)', ...openCase('noCache'));
    row('loopback round trip (messages.getHistory, 50)', { [sides[0]!.name]: open.roundTrip });
    row('page ⇄ core round trip (app:version over the bridge)', { [sides[0]!.name]: open.bridge });
    row('  of which the core: chat:open → history pushed (Node)', { [sides[0]!.name]: open.coreNoCache });
    row('Enter → messages painted, core cache (page reloaded)', ...openCase('coreCache'));
    row('Enter → messages painted, renderer cache', ...openCase('rendererCache'));
    row(`scroll ${SCROLL_MESSAGES} messages: frame`, per((side) => scroll.bySide[side]!.scroll.wall), per((side) => scroll.bySide[side]!.scroll.cpuPerFrameMs));
    row('idle frame (floor)', per((side) => scroll.bySide[side]!.idle.wall), per((side) => scroll.bySide[side]!.idle.cpuPerFrameMs));
    row('scroll step work (script+layout)', per((side) => scroll.bySide[side]!.work.wall), per((side) => scroll.bySide[side]!.work.cpuPerFrameMs));
    const heapLine: Record<string, string | number> = { measure: `JS heap MB after ${heap.chats} chats (before → after)` };
    for (const side of sides) heapLine[`${side.name} median`] = `${mb(heap.bySide[side.name]!.beforeBytes)} → ${mb(heap.bySide[side.name]!.afterBytes)}`;
    table.push(heapLine);
    const targets = openTargets(open);
    for (const side of sides) {
      table.push({ measure: `${side.name}: Enter targets (medians)`, [`${side.name} median`]: targetLine(targets[side.name]!) });
    }
    return { name: 'chat', table, result: { chromium: CHROMIUM, sides: sides.map((side) => side.name), open, targets, scroll, heap } };
  } finally {
    await browser.close();
    await server.close();
    await baseServer?.close();
  }
}

if (isMainModule(import.meta.url)) {
  const report = await run();
  printTable(report);
  console.log(JSON.stringify(report.result));
}
