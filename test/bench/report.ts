import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The contract between test/bench/run.ts and every test/bench/*.bench.ts: a bench module exports
// `async function run(): Promise<BenchReport>`, and may print itself when run directly.

export interface BenchReport {
  /** Short id; the key of this report in the combined JSON. */
  readonly name: string;
  /** Rows for humans, printed with console.table. */
  readonly table: ReadonlyArray<Record<string, string | number>>;
  /** Figures for machines, collected into the combined JSON. */
  readonly result: unknown;
}

export function printTable(report: BenchReport): void {
  console.log(`\n== ${report.name} ==`);
  console.table(report.table);
}

/** True when `moduleUrl` (pass import.meta.url) is the script node/tsx was started with. */
export function isMainModule(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  // tsx may be given the path with or without its extension.
  const stripExtension = (path: string): string => path.replace(/\.[cm]?[jt]s$/, '');
  return stripExtension(fileURLToPath(moduleUrl)) === stripExtension(resolve(entry));
}
