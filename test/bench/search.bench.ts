// Keystroke latency of the switcher search against fuse.js on the same generated peer lists,
// plus top-1 accuracy of both on the unit test's case table.
//
//   npx tsx test/bench/search.bench.ts     (or `npm run bench` for every bench)
//
// Both engines build their index outside the timed region and return the same number of
// results with match positions (fuse: includeMatches; ours: highlights), so a timed call is
// what one keystroke costs the switcher.

import { loadavg } from 'node:os';
import Fuse from 'fuse.js';
import { buildIndex, search, type SearchCandidate } from '../../renderer/src/lib/search/index';
import { isMainModule, printTable, type BenchReport } from './report';
import { ADDRESS_BOOK, SEARCH_CASES } from './search-cases';
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

function timeBuild(build: () => Engine): { engine: Engine; ms: number } {
  const start = performance.now();
  const engine = build();
  return { engine, ms: Math.round((performance.now() - start) * 100) / 100 };
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
  for (const [size, rounds] of [
    [1_000, 30],
    [10_000, 5],
  ] as const) {
    const candidates = generateCandidates(size);
    const ours = timeBuild(() => ourEngine(candidates));
    const fuse = timeBuild(() => fuseEngine(candidates));
    const [oursSamples, fuseSamples] = measure([ours.engine, fuse.engine], rounds);
    const oursLatency = summarise(oursSamples!);
    const fuseLatency = summarise(fuseSamples!);
    const speedup = Math.round((fuseLatency.medianMs / oursLatency.medianMs) * 10) / 10;
    const speedupP95 = Math.round((fuseLatency.p95Ms / oursLatency.p95Ms) * 10) / 10;
    for (const [engine, latency, build] of [
      ['topswitch', oursLatency, ours.ms],
      ['fuse.js', fuseLatency, fuse.ms],
    ] as const) {
      table.push({ candidates: size, engine, 'median ms': latency.medianMs, 'p95 ms': latency.p95Ms, 'mean ms': latency.meanMs, 'build ms': build, 'fuse/ours (median)': engine === 'fuse.js' ? speedup : '' });
    }
    datasets.push({ candidates: size, queries: QUERIES.length, rounds, ours: { ...oursLatency, buildMs: ours.ms }, fuse: { ...fuseLatency, buildMs: fuse.ms }, speedupMedian: speedup, speedupP95 });
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
