// One cold index build, in a fresh process so that nothing before it warmed the JIT or the
// search's lazy tables: `node --import tsx test/bench/search-cold.ts <engine> <size> [query]`
// prints { buildMs, firstKeyMs } as JSON, the first key being `query` (default: the first timed
// query). search.bench.ts runs it several times per engine.
//
// The floor engine's "build" is the text work no index can skip: every title folded.

import { generateCandidates, QUERIES } from './search-data';
import { ENGINES, type EngineName } from './search-engines';

const name = (process.argv[2] ?? 'topswitch') as EngineName;
const size = Number(process.argv[3] ?? 1000);
const make = ENGINES[name];
if (make === undefined) throw new Error(`unknown engine ${name}`);
const candidates = generateCandidates(size);
const start = performance.now();
const engine = make(candidates);
const built = performance.now();
engine(process.argv[4] ?? QUERIES[0]!);
const keyed = performance.now();
console.log(JSON.stringify({ buildMs: built - start, firstKeyMs: keyed - built }));
