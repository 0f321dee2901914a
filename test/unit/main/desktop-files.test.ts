/**
 * What TopSwitch writes into, and reads from, a real Linux home and root: the per-user desktop
 * entry that gives an AppImage or source run its portal identity, and the sandbox state under
 * /proc and /etc — all on real files in a temp dir standing in for $HOME and /.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { translator } from '../../../electron/shared/i18n.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  APP_ID,
  appIdFor,
  DEVELOPMENT_APP_ID,
  desktopEntryText,
  launchCommand,
  removeDesktopEntry,
  runKind,
  shellCommand,
  syncDesktopEntry,
  userApplicationsDir,
} from '../../../electron/main/desktop-entry.js';
import { probeSandbox, sandboxVerdict } from '../../../electron/main/sandbox-check.js';

let home: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'topswitch-home-'));
  env = { HOME: home, XDG_DATA_DIRS: join(home, 'usr/share') };
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const userEntry = (appId = APP_ID) => join(home, '.local/share/applications', `${appId}.desktop`);
/** The [Desktop Entry] group's keys (the toggle action's group follows it). */
const parse = (text: string) =>
  Object.fromEntries(
    text
      .split('\n[')[0]!
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );

describe('which TopSwitch this is', () => {
  it('tells the deb, the AppImage and a source run apart, and gives a source run its own app id', () => {
    expect(runKind(true, {})).toBe('installed');
    expect(runKind(true, { APPIMAGE: '/home/a/TopSwitch.AppImage' })).toBe('appimage');
    expect(runKind(false, {})).toBe('source');
    expect(appIdFor('appimage')).toBe('org.topswitch.app');
    expect(appIdFor('source')).toBe(DEVELOPMENT_APP_ID);
  });

  it('matches the app id the packages use (package.json desktopName, electron-builder appId)', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as { desktopName: string };
    const builder = readFileSync(join(import.meta.dirname, '../../../electron-builder.yml'), 'utf8');
    expect(pkg.desktopName).toBe(`${APP_ID}.desktop`);
    expect(builder).toMatch(new RegExp(`^appId: ${APP_ID.replace(/\./g, '\\.')}$`, 'm'));
  });

  it('builds the command a desktop shortcut runs, quoted for a shell', () => {
    const paths = { execPath: '/opt/TopSwitch/topswitch', appPath: '/opt/TopSwitch/resources/app.asar', env: {} };
    expect(shellCommand([...launchCommand('installed', paths), '--toggle'])).toBe('/opt/TopSwitch/topswitch --toggle');
    expect(shellCommand([...launchCommand('appimage', { ...paths, env: { APPIMAGE: "/home/a/My Apps/Top'Switch.AppImage" } }), '--toggle'])).toBe(
      "'/home/a/My Apps/Top'\\''Switch.AppImage' --toggle",
    );
    expect(launchCommand('source', { execPath: '/src/node_modules/electron/dist/electron', appPath: '/src', env: {} })).toEqual(['/src/node_modules/electron/dist/electron', '/src']);
  });
});

describe('the per-user desktop entry', () => {
  const appImage = () => ({ appId: APP_ID, kind: 'appimage' as const, env, launch: [join(home, 'Apps/TopSwitch.AppImage')] });

  it('an AppImage writes it where the portal looks, named after the app id, with a toggle action', () => {
    const result = syncDesktopEntry(appImage());
    expect(result).toMatchObject({ action: 'written', identity: true, file: userEntry() });
    const text = readFileSync(userEntry(), 'utf8');
    const fields = parse(text);
    expect(fields.Exec).toBe(join(home, 'Apps/TopSwitch.AppImage'));
    expect(fields.TryExec).toBe(join(home, 'Apps/TopSwitch.AppImage'));
    expect(fields.StartupWMClass).toBe(APP_ID);
    expect(text).toContain(`[Desktop Action toggle]\nName=Show or hide the quick switcher\nName[ru]=Показать или скрыть быстрый переключатель\nExec=${join(home, 'Apps/TopSwitch.AppImage')} --toggle`);
    expect(statSync(userEntry()).mode & 0o777).toBe(0o644);
    expect(userApplicationsDir({ XDG_DATA_HOME: '/x' })).toBe('/x/applications');
  });

  it('is left unchanged on the next run, and refreshed when the AppImage moved', () => {
    syncDesktopEntry(appImage());
    expect(syncDesktopEntry(appImage()).action).toBe('unchanged');
    const moved = { ...appImage(), launch: [join(home, 'Downloads/TopSwitch 2.AppImage')] };
    expect(syncDesktopEntry(moved).action).toBe('refreshed');
    expect(parse(readFileSync(userEntry(), 'utf8')).Exec).toBe(`"${join(home, 'Downloads/TopSwitch 2.AppImage')}"`);
  });

  it('is removed by --uninstall, and an entry the user wrote is never touched', () => {
    syncDesktopEntry(appImage());
    expect(removeDesktopEntry(APP_ID, env)).toBe(true);
    expect(existsSync(userEntry())).toBe(false);
    expect(removeDesktopEntry(APP_ID, env)).toBe(false);

    mkdirSync(join(home, '.local/share/applications'), { recursive: true });
    writeFileSync(userEntry(), '[Desktop Entry]\nType=Application\nName=My TopSwitch\nExec=/my/own/topswitch --hidden\n');
    expect(syncDesktopEntry(appImage())).toMatchObject({ action: 'none', identity: true });
    expect(removeDesktopEntry(APP_ID, env)).toBe(false);
    expect(readFileSync(userEntry(), 'utf8')).toContain('Name=My TopSwitch');
  });

  it('the deb relies on its system entry and removes one an AppImage left behind', () => {
    syncDesktopEntry(appImage());
    const system = join(home, 'usr/share/applications');
    mkdirSync(system, { recursive: true });
    writeFileSync(join(system, `${APP_ID}.desktop`), desktopEntryText({ appId: APP_ID, launch: ['/opt/TopSwitch/topswitch'] }));
    expect(syncDesktopEntry({ appId: APP_ID, kind: 'installed', env, launch: ['/opt/TopSwitch/topswitch'] })).toMatchObject({ action: 'removed', identity: true });
    expect(existsSync(userEntry())).toBe(false);
    expect(syncDesktopEntry({ appId: APP_ID, kind: 'installed', env, launch: ['/opt/TopSwitch/topswitch'] })).toMatchObject({ action: 'none', identity: true });
  });

  it('an AppImage next to an installed package does not shadow the package’s entry', () => {
    const system = join(home, 'usr/share/applications');
    mkdirSync(system, { recursive: true });
    writeFileSync(join(system, `${APP_ID}.desktop`), desktopEntryText({ appId: APP_ID, launch: ['/opt/TopSwitch/topswitch'] }));
    expect(syncDesktopEntry(appImage())).toMatchObject({ action: 'none', identity: true });
    expect(existsSync(userEntry())).toBe(false);
  });

  it('a package without an entry has no portal identity', () => {
    expect(syncDesktopEntry({ appId: APP_ID, kind: 'installed', env, launch: ['/opt/TopSwitch/topswitch'] })).toMatchObject({ action: 'none', identity: false });
  });

  it('a source run writes its own development entry and never the installed app’s', () => {
    const result = syncDesktopEntry({ appId: DEVELOPMENT_APP_ID, kind: 'source', env, launch: ['/src/node_modules/electron/dist/electron', '/src'], development: true, iconPath: '/src/build/icons/256x256.png' });
    expect(result.action).toBe('written');
    expect(existsSync(userEntry())).toBe(false);
    const fields = parse(readFileSync(userEntry(DEVELOPMENT_APP_ID), 'utf8'));
    expect(fields.Name).toBe('TopSwitch (development)');
    expect(fields.Exec).toBe('/src/node_modules/electron/dist/electron /src');
    expect(fields.Icon).toBe('/src/build/icons/256x256.png');
  });

  it('says so, without throwing, when the folder cannot be written', () => {
    mkdirSync(join(home, '.local/share'), { recursive: true });
    writeFileSync(join(home, '.local/share/applications'), 'a file where the folder should be');
    const result = syncDesktopEntry(appImage());
    expect(result.action).toBe('failed');
    expect(result.identity).toBe(false);
  });
});

describe('the sandbox state, read from real files', () => {
  function root(files: Record<string, string>) {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(home, path, '..'), { recursive: true });
      writeFileSync(join(home, path), text);
    }
    return home;
  }

  it('reads the AppArmor restriction and finds no usable helper in a source checkout', () => {
    const execPath = join(home, 'src/node_modules/electron/dist/electron');
    root({ 'proc/sys/kernel/apparmor_restrict_unprivileged_userns': '1\n', 'src/node_modules/electron/dist/electron': '', 'src/node_modules/electron/dist/chrome-sandbox': '' });
    chmodSync(join(home, 'src/node_modules/electron/dist/chrome-sandbox'), 0o755);
    const probe = probeSandbox({ platform: 'linux', kind: 'source', execPath, argv: [execPath, '.'], env: {}, root: home });
    expect(probe).toMatchObject({ appArmorRestrictsUserns: true, usernsCloneDisabled: false, appArmorProfile: false, noSandbox: false });
    // Owned by whoever runs the test, and not setuid: Chromium would abort.
    expect(probe.helper.state).toBe('not-setuid-root');
    expect(sandboxVerdict(probe, translator('en')).ok).toBe(false);
  });

  // Only root can make a file root-owned and setuid; elsewhere the case is covered by the table test.
  const asRoot = process.getuid?.() === 0;
  if (!asRoot) console.warn('[skip] setuid-root sandbox helper: needs a test run as root to create one');
  it.skipIf(!asRoot)('accepts a setuid-root helper even where namespaces are restricted', () => {
    root({ 'proc/sys/kernel/apparmor_restrict_unprivileged_userns': '1', 'opt/TopSwitch/topswitch': '', 'opt/TopSwitch/chrome-sandbox': '' });
    chmodSync(join(home, 'opt/TopSwitch/chrome-sandbox'), 0o4755);
    const probe = probeSandbox({ platform: 'linux', kind: 'installed', execPath: join(home, 'opt/TopSwitch/topswitch'), argv: [], env: {}, root: home });
    expect(probe.helper.state).toBe('setuid-root');
    expect(sandboxVerdict(probe, translator('en')).ok).toBe(true);
  });

  it('accepts the AppArmor profile the deb installs for its executable', () => {
    root({
      'proc/sys/kernel/apparmor_restrict_unprivileged_userns': '1',
      'etc/apparmor.d/topswitch': 'abi <abi/4.0>,\ninclude <tunables/global>\n\nprofile "topswitch" "/opt/TopSwitch/topswitch" flags=(unconfined) {\n  userns,\n}\n',
      'etc/apparmor.d/other': 'profile "other" "/usr/bin/other" {\n  userns,\n}\n',
    });
    const probe = probeSandbox({ platform: 'linux', kind: 'installed', execPath: '/opt/TopSwitch/topswitch', argv: [], env: {}, root: home });
    expect(probe.appArmorProfile).toBe(true);
    expect(probe.helper.state).toBe('missing');
    expect(sandboxVerdict(probe, translator('en')).ok).toBe(true);
    expect(probeSandbox({ platform: 'linux', kind: 'installed', execPath: '/opt/Else/else', argv: [], env: {}, root: home }).appArmorProfile).toBe(false);
  });

  it('reads the older Debian switch, and a machine with neither file is unrestricted', () => {
    root({ 'proc/sys/kernel/unprivileged_userns_clone': '0' });
    expect(probeSandbox({ platform: 'linux', kind: 'appimage', execPath: '/tmp/.mount_x/topswitch', argv: [], env: {}, root: home }).usernsCloneDisabled).toBe(true);
    const empty = mkdtempSync(join(tmpdir(), 'topswitch-root-'));
    try {
      const probe = probeSandbox({ platform: 'linux', kind: 'appimage', execPath: '/tmp/.mount_x/topswitch', argv: ['--no-sandbox'], env: { TOPSWITCH_ALLOW_NO_SANDBOX: '1' }, root: empty });
      expect(probe).toMatchObject({ appArmorRestrictsUserns: false, usernsCloneDisabled: false, noSandbox: true, noSandboxAllowed: true });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('the check `npm start` runs before Electron', () => {
  /** Runs the preflight in a terminal speaking `lang` (gettext's variables, LC_ALL first). */
  const preflight = (args: string[], lang = 'C.UTF-8') =>
    new Promise<{ code: number | null; stderr: string }>((settle, fail) => {
      const env = { ...process.env, LC_ALL: lang, LC_MESSAGES: lang, LANG: lang };
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../../electron/main/sandbox-preflight.ts'), ...args], { stdio: ['ignore', 'ignore', 'pipe'], env });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('error', fail);
      child.on('close', (code) => settle({ code, stderr }));
    });

  it.skipIf(process.platform !== 'linux')('stops with the exact fix on an AppArmor-restricted machine, and lets an unrestricted one through', async () => {
    const dist = join(home, 'src/node_modules/electron/dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'electron'), '');
    writeFileSync(join(dist, 'chrome-sandbox'), '');
    mkdirSync(join(home, 'proc/sys/kernel'), { recursive: true });
    writeFileSync(join(home, 'proc/sys/kernel/apparmor_restrict_unprivileged_userns'), '1\n');
    const stopped = await preflight([join(dist, 'electron'), `--root=${home}`]);
    expect(stopped.code).toBe(3);
    expect(stopped.stderr).toContain(`sudo chown root:root '${join(dist, 'chrome-sandbox')}' && sudo chmod 4755`);
    // A Russian terminal reads it in Russian, the command as it is.
    const russian = await preflight([join(dist, 'electron'), `--root=${home}`], 'ru_RU.UTF-8');
    expect(russian.code).toBe(3);
    expect(russian.stderr).toMatch(/Здесь TopSwitch не может запустить Electron\.[\s\S]*AppArmor[\s\S]*sudo chown root:root/);
    writeFileSync(join(home, 'proc/sys/kernel/apparmor_restrict_unprivileged_userns'), '0\n');
    expect(await preflight([join(dist, 'electron'), `--root=${home}`])).toEqual({ code: 0, stderr: '' });
  });
});
