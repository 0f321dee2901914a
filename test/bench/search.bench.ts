// The switcher search against fuse.js and fzf on the same data: keystroke latency over generated
// peer lists (1,000 and 10,000 candidates, and 5,000 chats plus top peers), index builds (warm,
// and cold in fresh processes), and top-1 / top-3 accuracy on the labelled case table.
//
//   npx tsx test/bench/search.bench.ts     (or `npm run bench` for every bench)
//   SEARCH_BENCH=cold npx tsx test/bench/search.bench.ts       (only the cold 1,000-candidate builds)
//   SEARCH_BENCH=accuracy npx tsx test/bench/search.bench.ts   (only top-1 / top-3 on the case table)
//
// Every engine builds outside the timed region and returns up to RESULT_LIMIT results (fuse with
// match positions, as ours returns highlights), so a timed call is what one keystroke costs. The
// floor engine (titles folded once; one substring pass over them per keystroke, no index) is
// measured in the same rounds and in the cold runs: it is what this machine charges for touching
// every candidate once, so the margin over it says how much of a figure is the machine's.

import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { SearchCandidate } from '../../renderer/src/lib/search/index';
import { ADDRESS_BOOK, SEARCH_CASES } from '../unit/renderer/search-cases';
import { isMainModule, printTable, type BenchReport } from './report';
import { generateCandidates, QUERIES } from './search-data';
import { ENGINES, type Engine, type EngineName } from './search-engines';

const TIMED: readonly EngineName[] = ['topswitch', 'fuse.js', 'fzf', 'floor'];

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

const round = (ms: number, digits = 4): number => Math.round(ms * 10 ** digits) / 10 ** digits;
const median = (samples: readonly number[]): number => percentile([...samples].sort((a, b) => a - b), 0.5);

interface Latency {
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly meanMs: number;
  readonly samples: number;
}

function summarise(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    medianMs: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    meanMs: round(samples.reduce((sum, ms) => sum + ms, 0) / samples.length),
    samples: samples.length,
  };
}

/** Median warm build (after a first, JIT-cold one in this process) and the last engine built. */
function timeBuilds(build: () => Engine, builds: number): { engine: Engine; medianMs: number } {
  const buildMs: number[] = [];
  let engine: Engine | undefined;
  for (let i = 0; i < builds; i++) {
    const start = performance.now();
    engine = build();
    buildMs.push(performance.now() - start);
    engine(QUERIES[0]!);
  }
  return { engine: engine!, medianMs: round(median(buildMs.slice(1)), 2) };
}

/**
 * Alternates the engines round by round so that all see the same machine state over time, but
 * not query by query: one engine's garbage would then be collected on another's clock. Warm-up
 * runs the whole sequence until each engine has spent about `warmupMs` (the JIT has settled).
 */
function measure(engines: readonly Engine[], rounds: number, warmupMs = 1_000): number[][] {
  for (const engine of engines) {
    const start = performance.now();
    do for (const query of QUERIES) engine(query);
    while (performance.now() - start < warmupMs);
  }
  const samples = engines.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    engines.forEach((engine, e) => {
      for (const query of QUERIES) {
        const start = performance.now();
        engine(query);
        samples[e]!.push(performance.now() - start);
      }
    });
  }
  return samples;
}

/** One cold run's figures (search-cold.ts); the main-thread ones are null off Linux. */
interface ColdRun {
  readonly buildMs: number;
  readonly firstKeyMs: number;
  readonly buildCpuMs: number;
  readonly firstKeyCpuMs: number;
  readonly buildMainMs: number | null;
  readonly firstKeyMainMs: number | null;
}

/** Medians over the cold runs of one engine and first key, with p95s of the wall times. */
interface ColdFigures {
  readonly buildMs: number;
  readonly buildP95Ms: number;
  readonly firstKeyMs: number;
  readonly firstKeyP95Ms: number;
  /** Build and first key of the same run, summed, then the median. */
  readonly buildAndKeyMs: number;
  readonly buildAndKeyP95Ms: number;
  readonly buildCpuMs: number;
  readonly firstKeyCpuMs: number;
  readonly buildMainMs: number | null;
  readonly firstKeyMainMs: number | null;
}

/** One cold build, in a fresh process (search-cold.ts): the first build after the app starts. */
function coldBuild(engine: EngineName, size: number, firstQuery: string): ColdRun {
  const script = fileURLToPath(new URL('./search-cold.ts', import.meta.url));
  const child = spawnSync(process.execPath, ['--import', 'tsx', script, engine, String(size), firstQuery], {
    encoding: 'utf8',
    // `--import tsx` resolves from the working directory: the repository's.
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
  });
  if (child.status !== 0) throw new Error(`cold build of ${engine} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as ColdRun;
}

/**
 * The first keys a cold build is timed with: a Latin letter, a Cyrillic one, and two that need
 * the key space, which ours builds shard by shard on first use (a transliterated name, and
 * "павел" typed on the Latin layout).
 */
export const COLD_FIRST_KEYS: ReadonlyArray<readonly [label: string, query: string]> = [
  ['Latin', 'i'],
  ['Cyrillic', 'п'],
  ['transliterated', 'pavel'],
  ['wrong layout', 'gfdtk'],
];

/**
 * Every engine with every first key, `runs` times each in fresh processes, alternating run by
 * run so that a busy spell on the shared machine hits all of them. The floor engine has no
 * tiers to tell the keys apart: it runs with the first one only.
 */
function coldBuilds(engines: readonly EngineName[], size: number, runs: number): Record<string, Record<string, ColdFigures>> {
  const plan = engines.flatMap((engine) =>
    (engine === 'floor' ? COLD_FIRST_KEYS.slice(0, 1) : COLD_FIRST_KEYS).map(([label, query]) => ({ engine, label, query })),
  );
  const samples = plan.map((): ColdRun[] => []);
  for (let i = 0; i < runs; i++) plan.forEach(({ engine, query }, p) => samples[p]!.push(coldBuild(engine, size, query)));
  const p95 = (values: number[]): number => round(percentile([...values].sort((a, b) => a - b), 0.95), 2);
  const mid = (values: number[]): number => round(median(values), 2);
  const midOrNull = (values: (number | null)[]): number | null => (values.some((v) => v === null) ? null : mid(values as number[]));
  const figures: Record<string, Record<string, ColdFigures>> = {};
  plan.forEach(({ engine, label }, p) => {
    const runsOf = samples[p]!;
    const both = runsOf.map((run) => run.buildMs + run.firstKeyMs);
    (figures[engine] ??= {})[label] = {
      buildMs: mid(runsOf.map((run) => run.buildMs)),
      buildP95Ms: p95(runsOf.map((run) => run.buildMs)),
      firstKeyMs: mid(runsOf.map((run) => run.firstKeyMs)),
      firstKeyP95Ms: p95(runsOf.map((run) => run.firstKeyMs)),
      buildAndKeyMs: mid(both),
      buildAndKeyP95Ms: p95(both),
      buildCpuMs: mid(runsOf.map((run) => run.buildCpuMs)),
      firstKeyCpuMs: mid(runsOf.map((run) => run.firstKeyCpuMs)),
      buildMainMs: midOrNull(runsOf.map((run) => run.buildMainMs)),
      firstKeyMainMs: midOrNull(runsOf.map((run) => run.firstKeyMainMs)),
    };
  });
  return figures;
}

interface Accuracy {
  readonly top1: number;
  readonly top3: number;
  readonly total: number;
  readonly misses: readonly string[];
}

/** Top-1 / top-3 agreement with the case table (`top`, else the first of `order`; null: "no result"). */
export function accuracy(make: (candidates: readonly SearchCandidate[]) => Engine): Accuracy {
  const engines = new Map<readonly SearchCandidate[], Engine>();
  const engineFor = (candidates: readonly SearchCandidate[]): Engine => {
    let engine = engines.get(candidates);
    if (engine === undefined) engines.set(candidates, (engine = make(candidates)));
    return engine;
  };
  let top1 = 0;
  let top3 = 0;
  let total = 0;
  const misses: string[] = [];
  for (const testCase of SEARCH_CASES) {
    const expected = testCase.top !== undefined ? testCase.top : testCase.order?.[0];
    if (expected === undefined) continue;
    total++;
    const keys = engineFor(testCase.candidates ?? ADDRESS_BOOK)(testCase.query);
    if (expected === null ? keys.length === 0 : keys[0] === expected) top1++;
    else misses.push(testCase.name);
    if (expected === null ? keys.length === 0 : keys.slice(0, 3).includes(expected)) top3++;
  }
  return { top1, top3, total, misses };
}

function accuracyScores(): Record<string, Accuracy> {
  return Object.fromEntries((['topswitch', 'fuse.js', 'fzf'] as const).map((name) => [name, accuracy(ENGINES[name])]));
}

/** Top-1 / top-3 rows of every engine on the case table, into `table`. */
function accuracyTable(table: Array<Record<string, string | number>>, scores = accuracyScores()): Array<Record<string, string | number>> {
  for (const [name, result] of Object.entries(scores)) {
    table.push({
      candidates: 'case table',
      engine: name,
      'top-1': `${result.top1}/${result.total} (${Math.round((result.top1 / result.total) * 1000) / 10}%)`,
      'top-3': `${result.top3}/${result.total} (${Math.round((result.top3 / result.total) * 1000) / 10}%)`,
    });
  }
  return table;
}

/** 5,000 chats from the chat list plus the top peers, rated above them, in one list. */
function chatsPlusTopPeers(): SearchCandidate[] {
  const chats = generateCandidates(5_000, 5_005).map((chat) => ({ ...chat, key: `chat5k:${chat.key}`, rating: chat.rating / 100 }));
  const top = generateCandidates(100, 100).map((peer) => ({ ...peer, key: `top:${peer.key}`, rating: peer.rating + 10 }));
  return [...top, ...chats];
}

/**
 * Cold builds and first keystrokes of 1,000 candidates, each engine and first key `runs` times
 * in fresh processes; ratios are ours over fuse.js's with the same first key.
 */
function coldTable(table: Array<Record<string, string | number>>, runs: number): Record<string, Record<string, ColdFigures>> {
  const engines = (process.env.SEARCH_BENCH_ENGINES ?? 'topswitch,fuse.js,floor').split(',') as EngineName[];
  const cold = coldBuilds(engines, 1_000, runs);
  for (const [label] of COLD_FIRST_KEYS) {
    for (const engine of engines) {
      const figures = cold[engine]?.[label];
      if (figures === undefined) continue;
      const fuse = cold['fuse.js']?.[label];
      const ours = cold.topswitch?.[label];
      const ratio = (mine: number | null | undefined, theirs: number | null | undefined): string | number =>
        engine !== 'topswitch' || mine == null || theirs == null ? '' : round(mine / theirs, 2);
      table.push({
        candidates: '1,000 cold',
        engine,
        'first key': `${label} '${COLD_FIRST_KEYS.find(([l]) => l === label)![1]}'`,
        'build ms': figures.buildMs,
        'build p95': figures.buildP95Ms,
        'key ms': figures.firstKeyMs,
        'key p95': figures.firstKeyP95Ms,
        'build+key ms': figures.buildAndKeyMs,
        'build+key p95': figures.buildAndKeyP95Ms,
        'build cpu': figures.buildCpuMs,
        'key cpu': figures.firstKeyCpuMs,
        'build main': figures.buildMainMs ?? '',
        'key main': figures.firstKeyMainMs ?? '',
        'ours/fuse build': ratio(ours?.buildMs, fuse?.buildMs),
        'ours/fuse build main': ratio(ours?.buildMainMs, fuse?.buildMainMs),
        'ours/fuse build+key': ratio(ours?.buildAndKeyMs, fuse?.buildAndKeyMs),
      });
    }
  }
  return cold;
}

export async function run(): Promise<BenchReport> {
  const table: Array<Record<string, string | number>> = [];
  if (process.env.SEARCH_BENCH === 'accuracy') return { name: 'search', table: accuracyTable(table), result: { node: process.version } };
  if (process.env.SEARCH_BENCH === 'cold') {
    const cold = coldTable(table, Number(process.env.SEARCH_BENCH_RUNS ?? 9));
    return { name: 'search', table, result: { node: process.version, loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100, coldBuild1000: cold } };
  }
  const datasets: Record<string, unknown>[] = [];
  for (const [label, candidates, rounds, builds] of [
    ['1,000', generateCandidates(1_000), 20, 11],
    ['10,000', generateCandidates(10_000), 4, 5],
    ['5,000 chats + 100 top', chatsPlusTopPeers(), 6, 5],
  ] as const) {
    const built = TIMED.map((name) => timeBuilds(() => ENGINES[name](candidates), builds));
    const latencies = measure(
      built.map((b) => b.engine),
      rounds,
    ).map(summarise);
    const ours = latencies[0]!;
    const figures: Record<string, unknown> = { candidates: candidates.length, queries: QUERIES.length, rounds };
    TIMED.forEach((name, e) => {
      const latency = latencies[e]!;
      table.push({
        candidates: label,
        engine: name,
        'median ms': latency.medianMs,
        'p95 ms': latency.p95Ms,
        'build ms': built[e]!.medianMs,
        'vs ours (median)': e === 0 ? '' : round(latency.medianMs / ours.medianMs, 1),
        'vs ours (p95)': e === 0 ? '' : round(latency.p95Ms / ours.p95Ms, 1),
      });
      figures[name] = { ...latency, buildMs: built[e]!.medianMs };
    });
    datasets.push({ label, ...figures });
  }

  const cold = coldTable(table, 5);

  const scores = accuracyScores();
  accuracyTable(table, scores);
  return {
    name: 'search',
    table,
    result: {
      node: process.version,
      // Other work on the machine shows up in wall-clock p95s; this says how busy it was.
      loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
      limit: 50,
      datasets,
      coldBuild1000: cold,
      accuracy: Object.fromEntries(
        Object.entries(scores).map(([name, result]) => [
          name,
          { top1: result.top1, top3: result.top3, total: result.total, rate1: result.top1 / result.total, rate3: result.top3 / result.total, misses: result.misses },
        ]),
      ),
    },
  };
}

if (isMainModule(import.meta.url)) {
  const report = await run();
  printTable(report);
  console.log(JSON.stringify({ [report.name]: report.result }));
}
