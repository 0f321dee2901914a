// Keystroke latency of the switcher search against fuse.js on the same generated peer lists,
// plus top-1 accuracy of both on the unit test's case table.
//
//   npx tsx test/bench/search.bench.ts     (or `npm run bench` for every bench)
//
// Both engines build their index outside the timed region and return the same number of
// results with match positions (fuse: includeMatches; ours: highlights), so a timed call is
// what one keystroke costs the switcher.
//
// Building is timed separately: the median of several builds of the same list (the first, cold
// one, when the JIT has not seen the code yet, is reported on its own), each followed by one
// keystroke on the fresh index, since that keystroke would pay for anything a build leaves to
// first use.

import { loadavg } from 'node:os';
import Fuse from 'fuse.js';
import { buildIndex, search, type SearchCandidate } from '../../renderer/src/lib/search/index';
import { isMainModule, printTable, type BenchReport } from './report';
import { ADDRESS_BOOK, SEARCH_CASES } from '../unit/renderer/search-cases';
import { generateCandidates, QUERIES } from './search-data';

const RESULT_LIMIT = 50;

type Engine = (query: string) => readonly string[];

function ourEngine(candidates: readonly SearchCandidate[]): Engine {
  const index = buildIndex(candidates);
  return (query) => search(index, query, { limit: RESULT_LIMIT }).map((result) => result.key);
}

function fuseEngine(candidates: readonly SearchCandidate[]): Engine {
  const keys = ['title', 'firstName', 'lastName', 'username'];
  const fuse = new Fuse(candidates, { keys, includeMatches: true, ignoreDiacritics: true }, Fuse.createIndex(keys, candidates));
  return (query) => fuse.search(query, { limit: RESULT_LIMIT }).map((result) => result.item.key);
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

interface Latency {
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly meanMs: number;
  readonly samples: number;
}

function summarise(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (ms: number): number => Math.round(ms * 10_000) / 10_000;
  return {
    medianMs: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    meanMs: round(samples.reduce((sum, ms) => sum + ms, 0) / samples.length),
    samples: samples.length,
  };
}

/** The first keystroke the switcher sees after a list arrives: a single letter. */
const FIRST_QUERY = QUERIES[0]!;

interface BuildTiming {
  /** The last engine built, for the keystroke rounds. */
  readonly engine: Engine;
  /** The first build in this process, JIT cold. */
  readonly coldMs: number;
  /** Median over the builds after the first. */
  readonly medianMs: number;
  /** Median of the first keystroke on each freshly built index. */
  readonly firstKeystrokeMs: number;
  readonly builds: number;
}

function timeBuilds(build: () => Engine, builds: number): BuildTiming {
  const buildMs: number[] = [];
  const firstMs: number[] = [];
  let engine: Engine | undefined;
  for (let i = 0; i < builds; i++) {
    const start = performance.now();
    engine = build();
    const built = performance.now();
    engine(FIRST_QUERY);
    buildMs.push(built - start);
    firstMs.push(performance.now() - built);
  }
  const round = (ms: number): number => Math.round(ms * 100) / 100;
  const median = (samples: number[]): number => round(percentile([...samples].sort((a, b) => a - b), 0.5));
  return {
    engine: engine!,
    coldMs: round(buildMs[0]!),
    medianMs: median(buildMs.length > 1 ? buildMs.slice(1) : buildMs),
    firstKeystrokeMs: median(firstMs.length > 1 ? firstMs.slice(1) : firstMs),
    builds,
  };
}

/**
 * Alternates the engines round by round so that both see the same machine state over time, but
 * not query by query: one engine's garbage would then be collected on the other's clock. Warm-up runs
 * the whole sequence until each engine has spent about `warmupMs` (the JIT has settled), so a
 * slow engine is not warmed for minutes.
 */
function measure(engines: readonly Engine[], rounds: number, warmupMs = 1_500): number[][] {
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

/** Top-1 agreement with the case table (`top`, else the first of `order`; null means "no result"). */
function accuracy(makeEngine: (candidates: readonly SearchCandidate[]) => Engine): { correct: number; total: number; misses: string[] } {
  let correct = 0;
  let total = 0;
  const misses: string[] = [];
  const shared = makeEngine(ADDRESS_BOOK);
  for (const testCase of SEARCH_CASES) {
    const expected = testCase.top !== undefined ? testCase.top : testCase.order?.[0];
    if (expected === undefined) continue;
    total++;
    const engine = testCase.candidates ? makeEngine(testCase.candidates) : shared;
    const first = engine(testCase.query)[0] ?? null;
    if (first === expected) correct++;
    else misses.push(testCase.name);
  }
  return { correct, total, misses };
}

export async function run(): Promise<BenchReport> {
  const table: Array<Record<string, string | number>> = [];
  const datasets: Record<string, unknown>[] = [];
  for (const [size, rounds, builds] of [
    [1_000, 30, 21],
    [10_000, 5, 9],
  ] as const) {
    const candidates = generateCandidates(size);
    const ours = timeBuilds(() => ourEngine(candidates), builds);
    const fuse = timeBuilds(() => fuseEngine(candidates), builds);
    const [oursSamples, fuseSamples] = measure([ours.engine, fuse.engine], rounds);
    const oursLatency = summarise(oursSamples!);
    const fuseLatency = summarise(fuseSamples!);
    const speedup = Math.round((fuseLatency.medianMs / oursLatency.medianMs) * 10) / 10;
    const speedupP95 = Math.round((fuseLatency.p95Ms / oursLatency.p95Ms) * 10) / 10;
    for (const [engine, latency, build] of [
      ['topswitch', oursLatency, ours],
      ['fuse.js', fuseLatency, fuse],
    ] as const) {
      table.push({
        candidates: size,
        engine,
        'median ms': latency.medianMs,
        'p95 ms': latency.p95Ms,
        'mean ms': latency.meanMs,
        'build ms (median)': build.medianMs,
        'cold build ms': build.coldMs,
        'first key ms': build.firstKeystrokeMs,
        'fuse/ours (median)': engine === 'fuse.js' ? speedup : '',
      });
    }
    const buildFigures = (build: BuildTiming) => ({
      buildMs: build.medianMs,
      coldBuildMs: build.coldMs,
      firstKeystrokeMs: build.firstKeystrokeMs,
      builds: build.builds,
    });
    datasets.push({
      candidates: size,
      queries: QUERIES.length,
      rounds,
      firstQuery: FIRST_QUERY,
      ours: { ...oursLatency, ...buildFigures(ours) },
      fuse: { ...fuseLatency, ...buildFigures(fuse) },
      speedupMedian: speedup,
      speedupP95,
    });
  }

  const oursAccuracy = accuracy(ourEngine);
  const fuseAccuracy = accuracy(fuseEngine);
  for (const [engine, result] of [
    ['topswitch', oursAccuracy],
    ['fuse.js', fuseAccuracy],
  ] as const) {
    table.push({ candidates: 'case table', engine, 'top-1': `${result.correct}/${result.total}` });
  }
  return {
    name: 'search',
    table,
    result: {
      node: process.version,
      // Other work on the machine shows up in wall-clock p95s; this says how busy it was.
      loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
      limit: RESULT_LIMIT,
      datasets,
      accuracy: {
        ours: { ...oursAccuracy, rate: oursAccuracy.correct / oursAccuracy.total },
        fuse: { correct: fuseAccuracy.correct, total: fuseAccuracy.total, rate: fuseAccuracy.correct / fuseAccuracy.total, misses: fuseAccuracy.misses.length },
      },
    },
  };
}

if (isMainModule(import.meta.url)) {
  const report = await run();
  printTable(report);
  console.log(JSON.stringify({ [report.name]: report.result }));
}
