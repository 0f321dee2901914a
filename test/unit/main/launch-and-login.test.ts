import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { coreEnvironment, parseLaunchArgs } from '../../../electron/main/launch-args.js';
import { applyLaunchAtLogin, autostartEntry, autostartDir, launchExecutable, AUTOSTART_FILE } from '../../../electron/main/platform/login-item.js';

describe('launch arguments', () => {
  it('reads --demo (npm run demo) and --hidden (login item)', () => {
    expect(parseLaunchArgs(['/usr/bin/electron', '.', '--demo'], {})).toEqual({ demo: true, hidden: false });
    expect(parseLaunchArgs(['/opt/TopSwitch/topswitch', '--hidden'], {})).toEqual({ demo: false, hidden: true });
    expect(parseLaunchArgs(['/opt/TopSwitch/topswitch'], {})).toEqual({ demo: false, hidden: false });
  });

  it('accepts TOPSWITCH_DEMO=1 too, and hands the core TOPSWITCH_DEMO=1 for either', () => {
    expect(parseLaunchArgs([], { TOPSWITCH_DEMO: '1' }).demo).toBe(true);
    expect(parseLaunchArgs([], { TOPSWITCH_DEMO: '0' }).demo).toBe(false);
    expect(coreEnvironment({ demo: true, hidden: false }, { PATH: '/bin' })).toEqual({ PATH: '/bin', TOPSWITCH_DEMO: '1' });
    expect(coreEnvironment({ demo: false, hidden: false }, { PATH: '/bin' })).toEqual({ PATH: '/bin' });
  });
});

describe('a packaged app ignores the development switches', () => {
  it('no --demo, TOPSWITCH_DEMO, TG_DC or TG_DC_PUBLIC_KEY reaches the core', () => {
    const env = { PATH: '/bin', TOPSWITCH_DEMO: '1', TG_DC: '10.0.0.1:443', TG_DC_PUBLIC_KEY: '/tmp/evil.pem' };
    const packaged = parseLaunchArgs(['/opt/TopSwitch/topswitch', '--demo'], env, true);
    expect(packaged.demo).toBe(false);
    expect(coreEnvironment(packaged, env, true)).toEqual({ PATH: '/bin' });
    expect(coreEnvironment({ demo: true, hidden: false }, env, true)).toEqual({ PATH: '/bin' });
    // Development runs keep them.
    const dev = parseLaunchArgs(['electron', '.', '--demo'], env, false);
    expect(dev.demo).toBe(true);
    expect(coreEnvironment(dev, env, false)).toMatchObject({ TG_DC: '10.0.0.1:443', TOPSWITCH_DEMO: '1' });
  });
});

describe('launch at login', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('writes and removes an XDG autostart entry on Linux, starting hidden', () => {
    dir = mkdtempSync(join(tmpdir(), 'topswitch-autostart-'));
    const env = { XDG_CONFIG_HOME: dir };
    const calls: unknown[] = [];
    const setLoginItemSettings = (settings: unknown) => void calls.push(settings);
    applyLaunchAtLogin(true, { platform: 'linux', execPath: '/opt/TopSwitch/topswitch', env, setLoginItemSettings });
    const file = join(autostartDir(env), AUTOSTART_FILE);
    const entry = readFileSync(file, 'utf8');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toContain('Exec=/opt/TopSwitch/topswitch --hidden');
    applyLaunchAtLogin(false, { platform: 'linux', execPath: '/opt/TopSwitch/topswitch', env, setLoginItemSettings });
    expect(existsSync(file)).toBe(false);
    expect(calls).toEqual([]);
  });

  it('autostarts the AppImage file, not its temporary mount', () => {
    expect(launchExecutable('/tmp/.mount_TopSwiXYZ/topswitch', { APPIMAGE: '/home/a/Apps/TopSwitch.AppImage' })).toBe('/home/a/Apps/TopSwitch.AppImage');
    expect(launchExecutable('/opt/TopSwitch/topswitch', {})).toBe('/opt/TopSwitch/topswitch');
  });

  it('quotes an Exec path with spaces and shell characters', () => {
    expect(autostartEntry('/home/a b/Top"Switch$.AppImage')).toContain('Exec="/home/a b/Top\\"Switch\\$.AppImage" --hidden');
  });

  it('uses the login item API on macOS and Windows', () => {
    const calls: unknown[] = [];
    for (const platform of ['darwin', 'win32'] as const) {
      applyLaunchAtLogin(true, { platform, execPath: 'x', env: {}, setLoginItemSettings: (settings) => void calls.push(settings) });
    }
    applyLaunchAtLogin(false, { platform: 'win32', execPath: 'x', env: {}, setLoginItemSettings: (settings) => void calls.push(settings) });
    expect(calls).toEqual([
      { openAtLogin: true, args: ['--hidden'] },
      { openAtLogin: true, args: ['--hidden'] },
      { openAtLogin: false, args: ['--hidden'] },
    ]);
  });
});
