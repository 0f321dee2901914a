// One cold index build, in a fresh process so that nothing before it warmed the JIT or the
// search's lazy tables: `node --import tsx test/bench/search-cold.ts <engine> <size> [query]`
// prints the build's and the first key's wall time, process CPU time and main-thread CPU time
// as JSON, the first key being `query` (default: the first timed query). search.bench.ts runs
// it several times per engine and first key.
//
// Process CPU counts the engine's background threads too (the optimising compiler, the
// collector's helpers); main-thread CPU is what the build itself keeps the thread busy with, the
// wall time of an idle machine. It is read from Linux's per-thread scheduler figures and is null
// where those are not available.
//
// The floor engine's "build" is the text work no index can skip: every title folded.

import { readFileSync } from 'node:fs';
import { generateCandidates, QUERIES } from './search-data';
import { ENGINES, type EngineName } from './search-engines';

const name = (process.argv[2] ?? 'topswitch') as EngineName;
const size = Number(process.argv[3] ?? 1000);
const make = ENGINES[name];
if (make === undefined) throw new Error(`unknown engine ${name}`);
const candidates = generateCandidates(size);

const schedstat = `/proc/self/task/${process.pid}/schedstat`;
/** Main-thread CPU in ms (the main thread's id is the process id), or NaN off Linux. */
function mainThreadMs(): number {
  try {
    return Number(readFileSync(schedstat, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
}
function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
// Once each before timing, so that their own first calls are not timed.
mainThreadMs();
processCpuMs();

const main0 = mainThreadMs();
const cpu0 = processCpuMs();
const start = performance.now();
const engine = make(candidates);
const built = performance.now();
const cpu1 = processCpuMs();
const main1 = mainThreadMs();
engine(process.argv[4] ?? QUERIES[0]!);
const keyed = performance.now();
const cpu2 = processCpuMs();
const main2 = mainThreadMs();
const orNull = (ms: number): number | null => (Number.isNaN(ms) ? null : ms);
console.log(
  JSON.stringify({
    buildMs: built - start,
    firstKeyMs: keyed - built,
    buildCpuMs: cpu1 - cpu0,
    firstKeyCpuMs: cpu2 - cpu1,
    buildMainMs: orNull(main1 - main0),
    firstKeyMainMs: orNull(main2 - main1),
  }),
);
