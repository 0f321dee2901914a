/**
 * `npm start` / `npm run demo` go through build/run-app.mjs, which finds Electron's binary and
 * runs `electron-vite preview`. Here the binary is a stand-in (ELECTRON_OVERRIDE_DIST_PATH) that
 * writes down how it was started, so the test sees exactly what a user's Electron would get.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
let dist: string;

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'topswitch-launcher-'));
  const script = '#!/bin/sh\nprintf "%s\\n" "$@" > "$LAUNCH_RECORD"\necho "TOPSWITCH_DEMO=$TOPSWITCH_DEMO" >> "$LAUNCH_RECORD"\n';
  writeFileSync(join(dist, 'electron'), script);
  chmodSync(join(dist, 'electron'), 0o755);
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

async function launch(args: string[]): Promise<string[]> {
  const record = join(dist, `record-${args.join('_') || 'plain'}.txt`);
  await promisify(execFile)(process.execPath, [join(ROOT, 'build/run-app.mjs'), '--no-build', ...args], {
    cwd: ROOT,
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist, LAUNCH_RECORD: record, TOPSWITCH_DEMO: '' },
    timeout: 60_000,
  });
  return readFileSync(record, 'utf8').trim().split('\n');
}

describe.skipIf(process.platform === 'win32')('npm start / npm run demo launcher', () => {
  it('starts the built app with the Electron binary it found', async () => {
    const argv = await launch([]);
    expect(argv[0]).toBe('.');
    expect(argv).not.toContain('--demo');
    expect(argv).toContain('TOPSWITCH_DEMO=');
  });

  it('demo passes --demo to the app (no cross-env needed) and sets TOPSWITCH_DEMO=1', async () => {
    const argv = await launch(['--demo']);
    expect(argv.slice(0, 2)).toEqual(['.', '--demo']);
    expect(argv).toContain('TOPSWITCH_DEMO=1');
  });
});
