import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { coreEnvironment, handoffFor, parseLaunchArgs, secondInstanceAction } from '../../../electron/main/launch-args.js';
import { developmentDataDir } from '../../../electron/main/development.js';
import { applyLaunchAtLogin, autostartEntry, autostartDir, launchExecutable, removeAutostartEntry, AUTOSTART_FILE, LEGACY_AUTOSTART_FILE } from '../../../electron/main/platform/login-item.js';

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
    applyLaunchAtLogin(true, { platform: 'linux', execPath: '/opt/TopSwitch/topswitch', env, setLoginItemSettings, packaged: true });
    const file = join(autostartDir(env), AUTOSTART_FILE);
    const entry = readFileSync(file, 'utf8');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toContain('Exec=/opt/TopSwitch/topswitch --hidden');
    applyLaunchAtLogin(false, { platform: 'linux', execPath: '/opt/TopSwitch/topswitch', env, setLoginItemSettings, packaged: true });
    expect(existsSync(file)).toBe(false);
    expect(calls).toEqual([]);
  });

  it('names the entry after the app id (the session names its unit after it) and replaces the old one', () => {
    dir = mkdtempSync(join(tmpdir(), 'topswitch-autostart-'));
    const env = { XDG_CONFIG_HOME: dir };
    expect(AUTOSTART_FILE).toBe('org.topswitch.app.desktop');
    mkdirSync(autostartDir(env), { recursive: true });
    writeFileSync(join(autostartDir(env), LEGACY_AUTOSTART_FILE), '[Desktop Entry]\nExec=/opt/TopSwitch/topswitch --hidden\n');
    applyLaunchAtLogin(true, { platform: 'linux', execPath: '/opt/TopSwitch/topswitch', env, setLoginItemSettings: () => {}, packaged: true });
    expect(readdirSync(autostartDir(env))).toEqual([AUTOSTART_FILE]);
    removeAutostartEntry(env);
    expect(readdirSync(autostartDir(env))).toEqual([]);
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
      applyLaunchAtLogin(true, { platform, execPath: 'x', env: {}, setLoginItemSettings: (settings) => void calls.push(settings), packaged: true });
    }
    applyLaunchAtLogin(false, { platform: 'win32', execPath: 'x', env: {}, setLoginItemSettings: (settings) => void calls.push(settings), packaged: true });
    expect(calls).toEqual([
      { openAtLogin: true, args: ['--hidden'] },
      { openAtLogin: true, args: ['--hidden'] },
      { openAtLogin: false, args: ['--hidden'] },
    ]);
  });
});

describe('development runs', () => {
  it('never touch the login item, on any platform', () => {
    const dir = mkdtempSync(join(tmpdir(), 'topswitch-autostart-dev-'));
    try {
      const calls: unknown[] = [];
      for (const platform of ['linux', 'darwin', 'win32'] as const) {
        const outcome = applyLaunchAtLogin(true, { platform, execPath: '/repo/node_modules/electron/dist/electron', env: { XDG_CONFIG_HOME: dir }, setLoginItemSettings: (settings) => void calls.push(settings), packaged: false });
        expect(outcome).toBe('skipped-development');
      }
      expect(calls).toEqual([]);
      expect(existsSync(join(dir, 'autostart', AUTOSTART_FILE))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('use their own data folder unless the run names one', () => {
    expect(developmentDataDir({ packaged: false, appDataDir: '/home/a/.config', argv: ['electron', '.'] })).toBe(join('/home/a/.config', 'TopSwitch (development)'));
    expect(developmentDataDir({ packaged: true, appDataDir: '/home/a/.config', argv: ['topswitch'] })).toBeUndefined();
    expect(developmentDataDir({ packaged: false, appDataDir: '/home/a/.config', argv: ['electron', '.', '--user-data-dir=/tmp/x'] })).toBeUndefined();
  });
});

describe('desktop commands', () => {
  it('reads --toggle, --show, --hide (the last one wins) and --uninstall', () => {
    expect(parseLaunchArgs(['/opt/TopSwitch/topswitch', '--toggle'], {}).action).toBe('toggle');
    expect(parseLaunchArgs(['x', '--show', '--hide'], {}).action).toBe('hide');
    expect(parseLaunchArgs(['x'], {}).action).toBeUndefined();
    expect(parseLaunchArgs(['x', '--uninstall'], {}).uninstall).toBe(true);
  });

  it('hands the action to the running instance as data, and opens the main window for a plain launch', () => {
    const args = parseLaunchArgs(['x', '--toggle'], {});
    // What Electron delivers to 'second-instance' is what the second launch passed, as JSON.
    const delivered = JSON.parse(JSON.stringify(handoffFor(args)));
    expect(secondInstanceAction(delivered, ['x', '--original-process-start-time=1'])).toBe('toggle');
    expect(secondInstanceAction(JSON.parse(JSON.stringify(handoffFor(parseLaunchArgs(['x'], {})))), ['x'])).toBe('open-main');
  });

  it('treats another process’s data as untrusted: anything unexpected falls back to its argv', () => {
    expect(secondInstanceAction({ action: 'format-disk' }, ['x', '--show'])).toBe('show');
    expect(secondInstanceAction(null, ['x'])).toBe('open-main');
    expect(secondInstanceAction({ action: 'hide', extra: 1 }, ['x'])).toBe('open-main');
  });
});
