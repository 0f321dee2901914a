// The switcher in Chromium: how long a keystroke takes to reach the screen with 1,000 and 10,000
// peers, and how soon a cached list is interactive after load.
//
//   npx tsx test/bench/renderer.bench.ts     (or `npm run bench` for every bench)
//
// Against an older commit, side by side: `npm run bench:compare` (renderer-compare.ts).
//
// The built renderer (out/renderer) runs in Debian's Chromium with window.api bridged to a router
// whose handlers serve a generated list, as the core serves its cache: what is measured is the
// renderer alone (search, Svelte, layout, paint), not Telegram. The page has the quick-switcher
// window's size (SWITCHER_SIZE), the window the hotkey summons. Before the keystrokes are timed,
// each text is typed once and left to settle, so the rows have their peers' photos as in an app in
// use (WARM_PHOTOS). Timing happens in the page with performance.now():
//   - keystroke → painted: input event dispatched → two requestAnimationFrame callbacks (the frame
//     with the new list has been produced). Chromium runs with its frame-rate limit lifted, so the
//     figure is the work of producing the frame rather than a wait for the next 60 Hz vsync;
//   - keystroke → frame produced: the input event is dispatched from a requestAnimationFrame
//     callback, so the frame being produced right then carries the change; the span ends in the
//     first task after that frame (script, style, layout, paint and the commit to the compositor),
//     without waiting for a vsync. This is the figure to read against the targets;
//   - field text only (floor): the same span when only the search field's text changes (no input
//     event, so no search and no list update): what any frame with a keystroke in it costs on this
//     machine, the floor under "frame produced";
//   - keystroke work: dispatched from a task of its own (as a real key event is) → Svelte has
//     flushed (a macrotask later) → a forced style + layout read: script and layout alone. (Not from
//     a rAF callback: that would add the frame's paint and commit to it.)
//   - idle frame: two requestAnimationFrame callbacks with nothing typed. This headless Chromium
//     keeps a frame clock of its own (a 16–35 ms idle frame) despite the flags below, so
//     "keystroke → painted" cannot go under this floor whatever the renderer does; read the two
//     together;
//   - cached list interactive: navigation start → the first option row exists and the search
//     field has focus (the renderer asked session, settings, sync and topPeers, and rendered).
//     Playwright's binding stands in for Electron's IPC here and is far slower (each call is a
//     CDP round trip, with zod checking every peer), so the part the renderer owns is reported
//     too: list in hand (it arrives with the session at launch) → interactive; and the whole start
//     again with a window.api that answers inside the page (each answer a serialised copy that
//     arrives as a task of its own, as Electron's IPC replies do), without the bridge.
//     With that window.api, "script loaded → list on screen" starts when the renderer's script has
//     arrived (the page has loaded what it runs) and ends when the frame that shows the list has
//     been laid out: what the renderer's own start costs, cold (each run is a fresh page, so V8
//     compiles the bundle anew, as at an app's first launch). Both window.api objects are the
//     preload's own (PREFETCHED in electron/shared/expose.ts): the page's first reads go out as
//     the page starts, before its script arrives, as the preload sends them in the app. "List on
//     screen minus load event" is the issue's "interactive ≤ 150 ms after load", read strictly:
//     from the load event to the laid-out frame that shows the list.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Handlers, Router } from '../../electron/core/router';
import { createRouter, EventBus } from '../../electron/core/router';
import { CHANNEL_NAMES, DEFAULT_SETTINGS, invokeChannel, type Category, type Peer, type TopPeersSnapshot } from '../../electron/shared/ipc-contract';
import { browserUnavailableReason, CHROMIUM, exposeApiSource, launchChromium, openBridgedPage, RENDERER_DIR, serveRenderer, type BridgedPage } from '../e2e/browser';
import { SWITCHER_SIZE } from '../../electron/main/window-options';
import { isMainModule, printTable, type BenchReport } from './report';

/** 350 is the most the core serves (50 per category, seven categories); 1,000 and 10,000 are the sizes. */
export const SIZES = [350, 1_000, 10_000] as const;
/** Typing and correcting: prefixes of several words, Latin and Cyrillic, as a person types them. */
const TYPED = ['m', 'ma', 'mar', 'mari', 'maria', 'mari', 'mar', 'ma', 'm', '', 'a', 'al', 'ale', 'alex', 'alexa', '', 'и', 'ив', 'ива', 'иван', '', 's', 'so', 'sok', 'soko', '', 'gfd', 'gfdt', 'gfdtk', ''];
const ROUNDS = 6;
const LOAD_RUNS = 9;

const FIRST = ['Maria', 'Alex', 'Alexandra', 'Ivan', 'Иван', 'Мария', 'Павел', 'Sofia', 'Oleg', 'Anna', 'Dmitri', 'Zoë', 'José', 'Marek', 'Mila', 'Sam', 'Lena', 'Chen', 'Aiko', 'Noah'];
const LAST = ['Sokolov', 'Петров', 'Smith', 'Müller', 'Ivanova', 'García', 'Kowalski', 'Tanaka', 'Brown', 'Schäfer', 'Dupont', 'Соколова', 'Lee', 'Novak', 'Rossi'];
const GROUP_WORDS = ['Team', 'Club', 'News', 'Devs', 'Family', 'Клуб', 'Чат', 'Updates', 'Hikers', 'Crew'];
const CATEGORIES: readonly Category[] = ['correspondents', 'bots_pm', 'groups', 'channels', 'phone_calls'];

/** A deterministic list shaped like top peers: mostly people, some groups and channels, a few bots. */
export function generatePeers(count: number): Peer[] {
  let seed = 0x5eed;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, (_, index) => {
    const roll = next();
    const rating = Math.round(next() ** 2 * 40_000_000) / 1_000_000;
    // Most people have a photo: rows then ask peers:avatar for it, as they do in the app.
    const base = { isSelf: false, verified: next() < 0.05, premium: next() < 0.1, deleted: false, ...(next() < 0.6 ? { photoId: `${index}` } : {}) } as const;
    if (roll < 0.75) {
      const firstName = pick(FIRST);
      const lastName = pick(LAST);
      return {
        ...base,
        key: `user:${1_000 + index}`,
        kind: 'user',
        title: `${firstName} ${lastName}`,
        firstName,
        lastName,
        ...(next() < 0.5 ? { username: `${firstName}_${lastName}_${index}`.toLowerCase().replace(/[^a-z0-9_]/g, 'x') } : {}),
        categories: { [next() < 0.85 ? 'correspondents' : 'phone_calls']: rating },
      } satisfies Peer;
    }
    if (roll < 0.8) {
      return { ...base, key: `user:${1_000 + index}`, kind: 'bot', title: `${pick(FIRST)} Bot`, username: `bot_${index}_bot`, categories: { bots_pm: rating } } satisfies Peer;
    }
    const channel = roll < 0.9;
    return {
      ...base,
      key: `channel:${5_000 + index}`,
      kind: channel ? 'channel' : 'supergroup',
      title: `${pick(LAST)} ${pick(GROUP_WORDS)}`,
      categories: { [channel ? 'channels' : 'groups']: rating },
    } satisfies Peer;
  });
}

/** A 1×1 JPEG: the photo's pixels do not matter here, only that each peer's is its own. */
const TINY_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
  'base64',
);
/** About the size of Telegram's small (160×160) profile photo as a JPEG. */
const PHOTO_BYTES = 7_000;

/**
 * Each peer's photo as its own data: URL of a realistic length: the tiny JPEG with a comment
 * segment (FF FE) naming the peer, padded out. Rows that switch peers then switch photos as they
 * do in the app, instead of all sharing one string.
 */
export function benchAvatar(key: string): string {
  const comment = Buffer.alloc(PHOTO_BYTES - TINY_JPEG.length - 4, 0x20);
  comment.write(key);
  const segment = Buffer.concat([Buffer.from([0xff, 0xfe, (comment.length + 2) >> 8, (comment.length + 2) & 0xff]), comment]);
  const bytes = Buffer.concat([TINY_JPEG.subarray(0, 2), segment, TINY_JPEG.subarray(2)]);
  return `data:image/jpeg;base64,${bytes.toString('base64')}`;
}

export function benchHandlers(peers: readonly Peer[], defaultSettings: unknown = DEFAULT_SETTINGS): Handlers {
  const now = Date.now();
  const snapshot: TopPeersSnapshot = { status: 'ok', peers: [...peers], categories: [...CATEGORIES], fetchedAt: now, checkedAt: now };
  const handlers: Partial<Handlers> = {
    'app:version': () => ({ version: 'bench', demo: true }),
    'session:get': () => ({ status: 'ready', demo: true, user: { key: 'user:1', title: 'Bench' } }),
    'settings:get': () => defaultSettings as typeof DEFAULT_SETTINGS,
    'sync:get': () => ({ state: 'idle' }),
    'topPeers:get': () => snapshot,
    'peers:avatar': ({ key }) => ({ dataUrl: benchAvatar(key) }),
  };
  return handlers as Handlers;
}

// In-page scripts are plain strings: tsx compiles this file with esbuild's keepNames, whose
// __name() helper would be missing inside the page if a function were handed over.

/**
 * Installed before the page's own scripts: notes the moment a row exists and the search field has
 * focus, checked on every DOM change and focus change, so the figure does not depend on when the
 * bench gets round to asking (page.goto and evaluate are CDP round trips after the fact).
 * Records [ms since navigation start, ms since the list arrived from window.api].
 */
const INTERACTIVE_PROBE = `(() => {
  const check = () => {
    if (globalThis.__topswitchInteractive) return;
    const field = document.querySelector('[role="combobox"]');
    if (!field || field !== document.activeElement || !document.querySelector('[role="option"]')) return;
    const now = performance.now();
    const received = performance.getEntriesByName('topswitch:list-received')[0];
    globalThis.__topswitchInteractive = [now, received ? now - received.startTime : NaN];
    observer.disconnect();
    // The next frame shows the list: its style and layout are done once a layout read returns.
    requestAnimationFrame(() => {
      void document.body.offsetHeight;
      const script = performance.getEntriesByType('resource').find((entry) => entry.initiatorType === 'script');
      globalThis.__topswitchOnScreenAt = performance.now();
      globalThis.__topswitchOnScreen = script ? globalThis.__topswitchOnScreenAt - script.responseEnd : NaN;
    });
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
  document.addEventListener('focusin', check, true);
})();`;

/** Resolves with what INTERACTIVE_PROBE recorded, once it has. */
export const INTERACTIVE_AT = `new Promise((done) => {
  const wait = () => (globalThis.__topswitchInteractive ? done(globalThis.__topswitchInteractive) : setTimeout(wait, 5));
  wait();
})`;

/** Resolves with INTERACTIVE_PROBE's "script loaded → list on screen" and when that was, once it has them. */
export const ON_SCREEN_AFTER_SCRIPT = `new Promise((done) => {
  const wait = () => (globalThis.__topswitchOnScreen !== undefined ? done([globalThis.__topswitchOnScreen, globalThis.__topswitchOnScreenAt]) : setTimeout(wait, 5));
  wait();
})`;

/**
 * Types each text once and lets it settle, so the photos of every peer the timed keystrokes show
 * are loaded and decoded: the steady state of a switcher in use, where a keystroke swaps photos in
 * rows, not just initials (a row asks for a new peer's photo only after it settles).
 */
const WARM_PHOTOS = `async (typed) => {
  const field = document.querySelector('[role="combobox"]');
  for (const text of typed) {
    field.value = text;
    field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
    await new Promise((done) => setTimeout(done, 400));
  }
}`;

/** Types each text into the field and times it twice: to the painted frame, and as CPU work alone. */
const KEYSTROKES = `async (typed, rounds) => {
  const field = document.querySelector('[role="combobox"]');
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  const macrotask = () => new Promise((done) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done();
    channel.port2.postMessage(null);
  });
  const type = (text) => {
    field.value = text;
    field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
  };
  const painted = [];
  const produced = [];
  const floor = [];
  const work = [];
  const idle = [];
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < typed.length; i++) {
      await frame();
      const start = performance.now();
      await frame();
      await frame();
      idle.push(performance.now() - start);
    }
    for (const text of typed) {
      await frame(); // start each keystroke on a quiet frame
      const start = performance.now();
      type(text);
      await frame();
      await frame();
      painted.push(performance.now() - start);
    }
    for (const text of typed) {
      await frame(); // in the rAF callback: this frame will carry the change
      const start = performance.now();
      type(text);
      await macrotask(); // the first task after the frame was produced
      produced.push(performance.now() - start);
    }
    for (const text of typed) {
      await frame(); // the same span, but only the field's text changes: no input event, no list work
      const start = performance.now();
      field.value = text + ' ';
      await macrotask();
      floor.push(performance.now() - start);
    }
    for (const text of typed) {
      await frame();
      await macrotask(); // out of the frame: a task of its own, like a key event
      const start = performance.now();
      type(text);
      await macrotask(); // Svelte flushes in a microtask; this runs after it
      void document.body.offsetHeight; // force style + layout of what changed
      work.push(performance.now() - start);
    }
  }
  return { painted, produced, floor, work, idle };
}`;

/**
 * Uncapped frames: two requestAnimationFrame callbacks then measure producing the frame, not
 * waiting for a 60 Hz vsync (which would put a ~33 ms floor under every figure).
 */
export const CHROMIUM_ARGS = ['--disable-frame-rate-limit', '--disable-gpu-vsync'];

/**
 * One renderer under test: its built page and its own contract, router and `window.api` builder.
 * The bench measures this checkout's (`thisSide`); renderer-compare.ts loads an older checkout's
 * modules into the same shape, so both run under the very same measurement code.
 */
export interface BenchSide {
  readonly url: string;
  readonly createRouter: (handlers: Handlers) => Router;
  readonly EventBus: new () => EventBus;
  readonly channelNames: readonly string[];
  readonly invokeChannel: (channel: string) => string;
  readonly defaultSettings: unknown;
  readonly exposeApiSource: typeof exposeApiSource;
  readonly openBridgedPage: typeof openBridgedPage;
}

export function thisSide(url: string): BenchSide {
  return {
    url,
    createRouter,
    EventBus,
    channelNames: CHANNEL_NAMES,
    invokeChannel: (channel) => invokeChannel(channel as (typeof CHANNEL_NAMES)[number]),
    defaultSettings: DEFAULT_SETTINGS,
    exposeApiSource,
    openBridgedPage,
  };
}

/** The bench's router over `peers`, built with `side`'s own router and contract. */
export function benchRouter(side: BenchSide, peers: readonly Peer[]): Router {
  return side.createRouter(benchHandlers(peers, side.defaultSettings));
}

/** The peer whose photo the in-page api answers every peers:avatar with. */
export const samplePeerOf = (peers: readonly Peer[]): Peer => peers.find((peer) => peer.photoId !== undefined) ?? peers[0]!;

/**
 * Opens the renderer with the preload's `window.api` (early reads included) over an invoke that
 * answers inside the page, from answers the router gave beforehand (each posted through a
 * MessageChannel: copied, and delivered as a task, as IPC replies are). It stands in for
 * Electron's IPC, a local copy, where the Playwright bridge pays a CDP round trip per call: what
 * is left to measure is the renderer's own start.
 */
export async function openWithInPageApi(browser: Browser, side: BenchSide, router: Router, samplePeer: Peer, beforeLoad?: (page: Page) => Promise<void>) {
  const answers: Record<string, unknown> = {};
  for (const channel of side.channelNames) {
    const args = channel === 'peers:avatar' ? { key: samplePeer.key } : {};
    answers[side.invokeChannel(channel)] = await router.handle(channel as Parameters<Router['handle']>[0], args);
  }
  const context = await browser.newContext({ viewport: SWITCHER_SIZE, colorScheme: 'light' });
  const page = await context.newPage();
  await page.addInitScript({ content: INTERACTIVE_PROBE });
  await page.addInitScript({
    content: `(() => {
      const answers = ${JSON.stringify(answers)};
      // Through a MessageChannel: serialised and delivered as a task, like an IPC reply.
      const invoke = (channel) => new Promise((done) => {
        const port = new MessageChannel();
        port.port1.onmessage = (event) => done(event.data);
        port.port2.postMessage(answers[channel]);
      });
      ${side.exposeApiSource('invoke', '() => () => {}')}
    })();`,
  });
  await beforeLoad?.(page);
  await page.goto(side.url);
  return { page, close: () => context.close() };
}

/** One cold start with the in-page api: each figure in ms (see the header). */
export async function coldStart(browser: Browser, side: BenchSide, router: Router, samplePeer: Peer) {
  const local = await openWithInPageApi(browser, side, router, samplePeer);
  try {
    const [interactiveAt] = (await local.page.evaluate(INTERACTIVE_AT)) as [number, number];
    const loadEventEnd = (await local.page.evaluate(
      `new Promise((done) => { const read = () => { const entry = performance.getEntriesByType('navigation')[0]; entry && entry.loadEventEnd > 0 ? done(entry.loadEventEnd) : setTimeout(read, 5); }; read(); })`,
    )) as number;
    const [sinceScript, onScreenAt] = (await local.page.evaluate(ON_SCREEN_AFTER_SCRIPT)) as [number, number];
    return { interactiveAt, interactiveSinceLoadEvent: interactiveAt - loadEventEnd, onScreenSinceScript: sinceScript, onScreenSinceLoadEvent: onScreenAt - loadEventEnd };
  } finally {
    await local.close();
  }
}

/** One start over the Playwright bridge; the page stays open (close it, or type into it). */
export async function bridgedStart(browser: Browser, side: BenchSide, router: Router) {
  const bridged = await side.openBridgedPage(browser, side.url, router, new side.EventBus(), { viewport: SWITCHER_SIZE, initScript: INTERACTIVE_PROBE });
  const [interactiveAt, sinceData] = (await bridged.page.evaluate(INTERACTIVE_AT)) as [number, number];
  return { bridged, interactiveAt, sinceData };
}

/** Types every text once and lets it settle, so the rows have their photos (WARM_PHOTOS). */
export async function warmPhotos(page: Page): Promise<void> {
  await page.evaluate(`(${WARM_PHOTOS})(${JSON.stringify(TYPED)})`);
}

export type KeystrokeSamples = Record<'painted' | 'produced' | 'floor' | 'work' | 'idle', number[]>;

/** `rounds` rounds of the typed texts (KEYSTROKES): every sample, in ms. */
export async function typeRounds(page: Page, rounds: number): Promise<KeystrokeSamples> {
  return (await page.evaluate(`(${KEYSTROKES})(${JSON.stringify(TYPED)}, ${rounds})`)) as KeystrokeSamples;
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

export function summarise(samples: number[]): { medianMs: number; p95Ms: number; samples: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return { medianMs: round(percentile(sorted, 0.5)), p95Ms: round(percentile(sorted, 0.95)), samples: sorted.length };
}

/** Builds `root`'s app (main, preload, renderer) into its out/. */
export function build(root: string): void {
  execFileSync(process.execPath, [resolve(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
}

function ensureBuilt(): void {
  if (existsSync(join(RENDERER_DIR, 'index.html'))) return;
  build(resolve(import.meta.dirname, '../..'));
}

async function measureSize(browser: Browser, side: BenchSide, size: number) {
  const peers = generatePeers(size);
  const router = benchRouter(side, peers);
  const load: number[] = [];
  const fromData: number[] = [];
  let bridged: BridgedPage | undefined;
  for (let run = 0; run < LOAD_RUNS; run++) {
    await bridged?.close(); // the last page stays open for the keystroke runs
    const start = await bridgedStart(browser, side, router);
    bridged = start.bridged;
    load.push(start.interactiveAt);
    fromData.push(start.sinceData);
  }
  if (!bridged) throw new Error('no page opened');
  const localLoad: number[] = [];
  const localSinceLoadEvent: number[] = [];
  const localSinceScript: number[] = [];
  const localOnScreenSinceLoadEvent: number[] = [];
  for (let run = 0; run < LOAD_RUNS; run++) {
    const cold = await coldStart(browser, side, router, samplePeerOf(peers));
    localLoad.push(cold.interactiveAt);
    localSinceLoadEvent.push(cold.interactiveSinceLoadEvent);
    localSinceScript.push(cold.onScreenSinceScript);
    localOnScreenSinceLoadEvent.push(cold.onScreenSinceLoadEvent);
  }
  try {
    await warmPhotos(bridged.page);
    const { painted, produced, floor, work, idle } = await typeRounds(bridged.page, ROUNDS);
    const rows = await bridged.page.locator('[role="option"]').count();
    return {
      painted: summarise(painted),
      produced: summarise(produced),
      fieldOnly: summarise(floor),
      work: summarise(work),
      idleFrame: summarise(idle),
      cachedInteractive: summarise(load),
      cachedInteractiveLocalApi: summarise(localLoad),
      localInteractiveSinceLoadEvent: summarise(localSinceLoadEvent),
      localOnScreenSinceScript: summarise(localSinceScript),
      localOnScreenSinceLoadEvent: summarise(localOnScreenSinceLoadEvent),
      listToInteractive: summarise(fromData),
      renderedRows: rows,
    };
  } finally {
    await bridged.close();
  }
}

export async function run(): Promise<BenchReport> {
  ensureBuilt();
  const unavailable = browserUnavailableReason();
  if (unavailable) {
    console.warn(`[skip] renderer bench: ${unavailable}`);
    return { name: 'renderer', table: [{ skipped: unavailable }], result: { skipped: unavailable } };
  }
  const [browser, server] = await Promise.all([launchChromium(CHROMIUM_ARGS), serveRenderer()]);
  const result: Record<string, Awaited<ReturnType<typeof measureSize>>> = {};
  const table: Array<Record<string, string | number>> = [];
  try {
    for (const size of SIZES) {
      const figures = await measureSize(browser, thisSide(server.url), size);
      result[String(size)] = figures;
      table.push(
        { candidates: size, measure: 'keystroke → painted (2 rAF)', median_ms: figures.painted.medianMs, p95_ms: figures.painted.p95Ms, samples: figures.painted.samples },
        { candidates: size, measure: 'idle frame (2 rAF, no keystroke)', median_ms: figures.idleFrame.medianMs, p95_ms: figures.idleFrame.p95Ms, samples: figures.idleFrame.samples },
        { candidates: size, measure: 'keystroke → frame produced', median_ms: figures.produced.medianMs, p95_ms: figures.produced.p95Ms, samples: figures.produced.samples },
        {
          candidates: size,
          measure: 'field text only, no list (floor)',
          median_ms: figures.fieldOnly.medianMs,
          p95_ms: figures.fieldOnly.p95Ms,
          samples: figures.fieldOnly.samples,
        },
        { candidates: size, measure: 'keystroke work (script+layout)', median_ms: figures.work.medianMs, p95_ms: figures.work.p95Ms, samples: figures.work.samples },
        {
          candidates: size,
          measure: 'list in hand → interactive',
          median_ms: figures.listToInteractive.medianMs,
          p95_ms: figures.listToInteractive.p95Ms,
          samples: figures.listToInteractive.samples,
        },
        {
          candidates: size,
          measure: 'navigation start → cached list interactive',
          median_ms: figures.cachedInteractive.medianMs,
          p95_ms: figures.cachedInteractive.p95Ms,
          samples: figures.cachedInteractive.samples,
        },
        {
          candidates: size,
          measure: 'navigation start → cached list interactive, in-page api',
          median_ms: figures.cachedInteractiveLocalApi.medianMs,
          p95_ms: figures.cachedInteractiveLocalApi.p95Ms,
          samples: figures.cachedInteractiveLocalApi.samples,
        },
        {
          candidates: size,
          measure: 'script loaded → list on screen, in-page api (cold)',
          median_ms: figures.localOnScreenSinceScript.medianMs,
          p95_ms: figures.localOnScreenSinceScript.p95Ms,
          samples: figures.localOnScreenSinceScript.samples,
        },
        {
          candidates: size,
          measure: 'interactive minus load event, in-page api (<0: before it)',
          median_ms: figures.localInteractiveSinceLoadEvent.medianMs,
          p95_ms: figures.localInteractiveSinceLoadEvent.p95Ms,
          samples: figures.localInteractiveSinceLoadEvent.samples,
        },
        {
          candidates: size,
          measure: 'list on screen minus load event, in-page api',
          median_ms: figures.localOnScreenSinceLoadEvent.medianMs,
          p95_ms: figures.localOnScreenSinceLoadEvent.p95Ms,
          samples: figures.localOnScreenSinceLoadEvent.samples,
        },
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { name: 'renderer', table, result: { chromium: CHROMIUM, ...result } };
}

if (isMainModule(import.meta.url)) {
  const report = await run();
  printTable(report);
  console.log(JSON.stringify(report.result));
}
