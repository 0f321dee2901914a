// Runs every test/bench/*.bench.ts (see report.ts for the contract), prints each table, then one
// combined JSON line: { "<name>": result, … }. A failing bench is reported and fails the run,
// without hiding the others.

import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printTable, type BenchReport } from './report';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();

const combined: Record<string, unknown> = {};
for (const file of files) {
  try {
    const module = (await import(pathToFileURL(join(here, file)).href)) as { run?: () => Promise<BenchReport> };
    if (typeof module.run !== 'function') throw new Error(`${file} does not export run()`);
    const report = await module.run();
    printTable(report);
    combined[report.name] = report.result;
  } catch (error) {
    console.error(`\n== ${file} failed ==\n`, error);
    combined[file] = { error: String(error) };
    process.exitCode = 1;
  }
}
console.log(JSON.stringify(combined));
