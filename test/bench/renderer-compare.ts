// The renderer bench, base against this checkout, side by side in one session:
//
//   npx tsx test/bench/renderer-compare.ts            (base: BENCH_BASE, default 424b4a7)
//
// Both checkouts are built, then measured in one Chromium with the very same measurement code
// (renderer.bench.ts), each over its own built page, contract, router and `window.api` builder,
// on the same generated peers. Runs alternate base/this, this/base round after round, so a
// machine that gets busier or quieter mid-run weighs on both alike. Each round, per side: one
// start over the Playwright bridge, COMPARE_COLD cold starts with the in-page api, and one round
// of the typed texts on a page kept open (its photos warmed once). Samples are pooled per side;
// the table gives medians and p95 of each, the ratio this/base, and whether this is within 10%
// of base (for the figures measured from the load event, which can be ≤ 0, within 10 ms).
//
// BENCH_BASE_DIR: a checkout of the base to use as it is (its node_modules installed); without
// it one is made with `git worktree add` under the system's temp folder, node_modules linked
// from this checkout (if the base's package.json wants other versions, give BENCH_BASE_DIR).
// BENCH_THIS_DIR: another checkout to stand as "this" (measured through its own modules, as the
// base is), so any two commits can be compared: one change's own before and after, say.

import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { browserUnavailableReason, launchChromium, serveRenderer } from '../e2e/browser';
import {
  benchRouter,
  bridgedStart,
  build,
  CHROMIUM_ARGS,
  coldStart,
  generatePeers,
  samplePeerOf,
  SIZES,
  summarise,
  thisSide,
  typeRounds,
  warmPhotos,
  type BenchSide,
  type KeystrokeSamples,
} from './renderer.bench';
import { isMainModule, printTable, type BenchReport } from './report';

const ROOT = resolve(import.meta.dirname, '../..');
const BASE = process.env.BENCH_BASE ?? '424b4a7';
const ROUNDS = positive('COMPARE_ROUNDS', 8);
const COLD_PER_ROUND = positive('COMPARE_COLD', 2);
const COMPARE_SIZES = (process.env.COMPARE_SIZES?.split(',').map(Number) ?? [...SIZES]).filter((size) => Number.isInteger(size) && size > 0);

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

/** What one size's comparison reports per figure: [key, label, rule]. */
const FIGURES = [
  ['painted', 'keystroke → painted (2 rAF)', 'ratio'],
  ['idle', 'idle frame (2 rAF, no keystroke)', 'ratio'],
  ['produced', 'keystroke → frame produced', 'ratio'],
  ['floor', 'field text only, no list (floor)', 'ratio'],
  ['work', 'keystroke work (script+layout)', 'ratio'],
  ['listToInteractive', 'list in hand → interactive', 'ratio'],
  ['cachedInteractive', 'navigation start → cached list interactive', 'ratio'],
  ['localInteractive', 'navigation start → cached list interactive, in-page api', 'ratio'],
  ['onScreenSinceScript', 'script loaded → list on screen, in-page api (cold)', 'ratio'],
  ['interactiveSinceLoadEvent', 'interactive minus load event, in-page api', 'delta'],
  ['onScreenSinceLoadEvent', 'list on screen minus load event, in-page api', 'delta'],
] as const;
type Figure = (typeof FIGURES)[number][0];
type Samples = Record<Figure, number[]>;

const emptySamples = (): Samples => Object.fromEntries(FIGURES.map(([key]) => [key, []])) as unknown as Samples;

function baseCheckout(): string {
  const given = process.env.BENCH_BASE_DIR;
  if (given) return resolve(given);
  const sha = execFileSync('git', ['rev-parse', '--short=12', `${BASE}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
  const dir = join(tmpdir(), `topswitch-bench-${sha}`);
  if (!existsSync(join(dir, 'package.json'))) {
    execFileSync('git', ['worktree', 'add', '--detach', dir, sha], { cwd: ROOT, stdio: 'inherit' });
  }
  if (!existsSync(join(dir, 'node_modules'))) {
    // Hard links where the file system has them (a real copy for Vite's resolver), else a link.
    try {
      execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(dir, 'node_modules')]);
    } catch {
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    }
  }
  return dir;
}

/** The base's own modules, in BenchSide's shape. */
async function loadSide(root: string, url: string): Promise<BenchSide> {
  const load = (path: string) => import(pathToFileURL(join(root, path)).href) as Promise<Record<string, unknown>>;
  const [router, contract, browser] = await Promise.all([load('electron/core/router.ts'), load('electron/shared/ipc-contract.ts'), load('test/e2e/browser.ts')]);
  return {
    url,
    createRouter: router.createRouter as BenchSide['createRouter'],
    EventBus: router.EventBus as BenchSide['EventBus'],
    channelNames: contract.CHANNEL_NAMES as string[],
    invokeChannel: contract.invokeChannel as BenchSide['invokeChannel'],
    defaultSettings: contract.DEFAULT_SETTINGS,
    exposeApiSource: browser.exposeApiSource as BenchSide['exposeApiSource'],
    openBridgedPage: browser.openBridgedPage as BenchSide['openBridgedPage'],
  };
}

/** One round of one side: a bridged start, the cold starts, a round of keystrokes on `warm`. */
async function round(browser: Browser, side: BenchSide, size: number, warm: Page, into: Samples): Promise<void> {
  const peers = generatePeers(size);
  const router = benchRouter(side, peers);
  const start = await bridgedStart(browser, side, router);
  await start.bridged.close();
  into.cachedInteractive.push(start.interactiveAt);
  into.listToInteractive.push(start.sinceData);
  for (let run = 0; run < COLD_PER_ROUND; run++) {
    const cold = await coldStart(browser, side, router, samplePeerOf(peers));
    into.localInteractive.push(cold.interactiveAt);
    into.onScreenSinceScript.push(cold.onScreenSinceScript);
    into.interactiveSinceLoadEvent.push(cold.interactiveSinceLoadEvent);
    into.onScreenSinceLoadEvent.push(cold.onScreenSinceLoadEvent);
  }
  const typed: KeystrokeSamples = await typeRounds(warm, 1);
  for (const key of ['painted', 'produced', 'floor', 'work', 'idle'] as const) into[key].push(...typed[key]);
}

type Row = Record<string, string | number>;

function compareRows(size: number, base: Samples, current: Samples): Row[] {
  return FIGURES.map(([key, measure, rule]) => {
    const before = summarise(base[key]);
    const after = summarise(current[key]);
    const ratio = after.medianMs / before.medianMs;
    const delta = after.medianMs - before.medianMs;
    const within = rule === 'ratio' ? after.medianMs <= before.medianMs * 1.1 : delta <= 10;
    return {
      size,
      measure,
      base_median: before.medianMs,
      this_median: after.medianMs,
      ratio: rule === 'ratio' ? Math.round(ratio * 100) / 100 : '—',
      delta_ms: Math.round(delta * 10) / 10,
      base_p95: before.p95Ms,
      this_p95: after.p95Ms,
      p95_ratio: rule === 'ratio' ? Math.round((after.p95Ms / before.p95Ms) * 100) / 100 : '—',
      verdict: within ? (rule === 'ratio' ? 'within 10%' : 'within 10 ms') : rule === 'ratio' ? 'OVER 10%' : 'OVER 10 ms',
      samples: `${before.samples}/${after.samples}`,
    };
  });
}

export async function run(): Promise<BenchReport> {
  const unavailable = browserUnavailableReason();
  if (unavailable) {
    console.warn(`[skip] renderer comparison: ${unavailable}`);
    return { name: 'renderer-compare', table: [{ skipped: unavailable }], result: { skipped: unavailable } };
  }
  const baseRoot = baseCheckout();
  const thisRoot = process.env.BENCH_THIS_DIR ? resolve(process.env.BENCH_THIS_DIR) : ROOT;
  build(baseRoot);
  build(thisRoot);
  const baseOut = join(baseRoot, 'out/renderer');
  const [browser, baseServer, server] = await Promise.all([launchChromium(CHROMIUM_ARGS), serveRenderer(baseOut), serveRenderer(join(thisRoot, 'out/renderer'))]);
  const sides = { base: await loadSide(baseRoot, baseServer.url), this: thisRoot === ROOT ? thisSide(server.url) : await loadSide(thisRoot, server.url) };
  const table: Row[] = [];
  const result: Record<string, { base: Samples; this: Samples }> = {};
  try {
    for (const size of COMPARE_SIZES) {
      const samples = { base: emptySamples(), this: emptySamples() };
      const warm: Partial<Record<'base' | 'this', Page>> = {};
      const closers: Array<() => Promise<void>> = [];
      try {
        for (const name of ['base', 'this'] as const) {
          const start = await bridgedStart(browser, sides[name], benchRouter(sides[name], generatePeers(size)));
          closers.push(() => start.bridged.close());
          await warmPhotos(start.bridged.page);
          warm[name] = start.bridged.page;
        }
        for (let index = 0; index < ROUNDS; index++) {
          const order = index % 2 === 0 ? (['base', 'this'] as const) : (['this', 'base'] as const);
          for (const name of order) await round(browser, sides[name], size, warm[name]!, samples[name]);
          process.stderr.write(`[compare] ${size} peers: round ${index + 1}/${ROUNDS}\n`);
        }
      } finally {
        for (const close of closers) await close();
      }
      result[String(size)] = samples;
      table.push(...compareRows(size, samples.base, samples.this));
    }
  } finally {
    await browser.close();
    await Promise.all([baseServer.close(), server.close()]);
  }
  const summary = Object.fromEntries(
    Object.entries(result).map(([size, { base, this: current }]) => [
      size,
      Object.fromEntries(FIGURES.map(([key]) => [key, { base: summarise(base[key]), this: summarise(current[key]) }])),
    ]),
  );
  return { name: 'renderer-compare', table, result: { base: BASE, baseRoot, rounds: ROUNDS, coldPerRound: COLD_PER_ROUND, ...summary } };
}

if (isMainModule(import.meta.url)) {
  const report = await run();
  printTable(report);
  console.log(JSON.stringify(report.result));
}
