/**
 * vitest global setup: one private scratch directory per run, handed to every test, worker and
 * child process as TMPDIR and removed when the run ends. Tests make their data dirs, sessions and
 * stand-in programs with mkdtemp under os.tmpdir(); a test that fails before its own clean-up
 * (or a child that outlives it) then still leaves nothing behind in the machine's /tmp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function scratchDir(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'topswitch-test-run-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    // A child still closing (Chromium, a stand-in program) may be writing as the run ends.
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
}
