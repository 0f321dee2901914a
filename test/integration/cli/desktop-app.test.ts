/**
 * `topswitch --toggle` from the CLI starts the desktop app with the same flag (the app's
 * single-instance handoff does the rest). The app here is a stand-in executable that writes
 * down how it was started, run for real as a detached child.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktopAppCommand, desktopFlag } from '../../../electron/cli/desktop-app.js';
import { spawnCli } from './spawn-cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'topswitch-cli-desktop-'));
  writeFileSync(join(dir, 'app'), '#!/bin/sh\nprintf "%s\\n" "$@" > "$LAUNCH_RECORD.tmp" && mv "$LAUNCH_RECORD.tmp" "$LAUNCH_RECORD"\n');
  chmodSync(join(dir, 'app'), 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const { code, stderr } = await spawnCli(args, { env });
  return { code, stderr };
}

describe.skipIf(process.platform === 'win32')('topswitch --toggle / --show / --hide', () => {
  it.each(['--toggle', '--show', '--hide'])('%s starts the app with that flag and exits 0', async (flag) => {
    const record = join(dir, `record${flag}`);
    const run = await cli([flag], { TOPSWITCH_APP: join(dir, 'app'), LAUNCH_RECORD: record });
    expect(run).toEqual({ code: 0, stderr: '' });
    await expect.poll(() => existsSync(record), { timeout: 20_000 }).toBe(true);
    expect(readFileSync(record, 'utf8').trim().split('\n')).toEqual([flag]);
  });

  it('says which app it could not start', async () => {
    const run = await cli(['--toggle'], { TOPSWITCH_APP: join(dir, 'no-such-app') });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Could not start ${join(dir, 'no-such-app')}`);
  });
});

describe('finding the desktop app', () => {
  it('takes only a lone flag (a flag inside another command is that command’s)', () => {
    expect(desktopFlag(['--toggle'])).toBe('--toggle');
    expect(desktopFlag(['status', '--toggle'])).toBeUndefined();
    expect(desktopFlag([])).toBeUndefined();
  });

  it('uses a source checkout’s Electron with the built app, and says what is missing', () => {
    const checkout = join(dir, 'checkout');
    mkdirSync(join(checkout, 'node_modules/electron/dist'), { recursive: true });
    expect(desktopAppCommand({}, checkout)).toMatchObject({ error: expect.stringContaining('TOPSWITCH_APP') });
    writeFileSync(join(checkout, 'node_modules/electron/path.txt'), 'electron');
    writeFileSync(join(checkout, 'node_modules/electron/dist/electron'), '');
    expect(desktopAppCommand({}, checkout)).toMatchObject({ error: expect.stringContaining('npm run build') });
    mkdirSync(join(checkout, 'out/main'), { recursive: true });
    writeFileSync(join(checkout, 'out/main/index.js'), '');
    expect(desktopAppCommand({}, checkout)).toEqual({ argv: [join(checkout, 'node_modules/electron/dist/electron'), checkout] });
    expect(desktopAppCommand({ TOPSWITCH_APP: '/opt/TopSwitch/topswitch' }, checkout)).toEqual({ argv: ['/opt/TopSwitch/topswitch'] });
  });
});
