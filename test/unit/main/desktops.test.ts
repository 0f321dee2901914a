/**
 * Every Linux-desktop decision over one table of desktops: the environment each one really
 * sets, and what TopSwitch chooses there — hotkey status and the command to bind, switcher
 * placement, what closing a window does, which keyring, and whether the sandbox can start.
 */
import { describe, expect, it } from 'vitest';
import { appIdFromCgroup, detectDesktop, type DesktopEnvironment } from '../../../electron/main/desktop.js';
import { customShortcutHint, hotkeyStatus, type PortalState } from '../../../electron/main/hotkey-status.js';
import { createHotkeyController, type GlobalShortcutLike, type HotkeyResult } from '../../../electron/main/hotkey.js';
import type { CommandRunner } from '../../../electron/main/dbus.js';
import { createDesktopIntegration } from '../../../electron/main/desktop-integration.js';
import { keyringChoice, LIBSECRET_ARGUMENT } from '../../../electron/main/keyring.js';
import { sandboxVerdict, type SandboxProbe } from '../../../electron/main/sandbox-check.js';
import { closeAction, switcherPlacement } from '../../../electron/main/window-options.js';
import { translator } from '../../../electron/shared/i18n.js';

/** The shell's words in English, as these tests read them. */
const english = () => translator('en');

interface Row {
  name: string;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  portal: PortalState;
  trayHost: boolean | null;
  /** What Chromium's safeStorage picks there with no --password-store. */
  backend: 'basic_text' | 'gnome_libsecret' | 'kwallet6' | 'unknown';
  expect: {
    desktop: DesktopEnvironment;
    state: 'registered' | 'unconfirmed' | 'unavailable';
    placement: 'centre-on-active-display' | 'compositor';
    close: 'hide' | 'quit';
    where: RegExp | null;
  };
}

const COMMAND = "/home/a/Apps/TopSwitch.AppImage --toggle";
const ok: HotkeyResult = { ok: true, accelerator: 'CommandOrControl+Alt+K' };

const DESKTOPS: Row[] = [
  {
    name: 'GNOME Wayland with a portal identity (deb, or AppImage after its entry is written)',
    platform: 'linux',
    env: { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME', XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' },
    portal: { identity: true, globalShortcuts: true },
    trayHost: true, // Ubuntu ships the AppIndicator extension
    backend: 'gnome_libsecret',
    expect: { desktop: { platform: 'linux', wayland: true, desktop: 'gnome' }, state: 'unconfirmed', placement: 'compositor', close: 'hide', where: /Settings → Keyboard/ },
  },
  {
    name: 'GNOME Wayland without a portal identity, no tray host (Fedora default)',
    platform: 'linux',
    env: { XDG_CURRENT_DESKTOP: 'GNOME', XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' },
    portal: { identity: false, globalShortcuts: true },
    trayHost: false,
    backend: 'gnome_libsecret',
    expect: { desktop: { platform: 'linux', wayland: true, desktop: 'gnome' }, state: 'unavailable', placement: 'compositor', close: 'quit', where: /Custom Shortcuts/ },
  },
  {
    name: 'KDE Plasma Wayland',
    platform: 'linux',
    env: { XDG_CURRENT_DESKTOP: 'KDE', XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' },
    portal: { identity: true, globalShortcuts: true },
    trayHost: true,
    backend: 'kwallet6',
    expect: { desktop: { platform: 'linux', wayland: true, desktop: 'kde' }, state: 'unconfirmed', placement: 'compositor', close: 'hide', where: /System Settings → Keyboard → Shortcuts/ },
  },
  {
    name: 'sway (xdg-desktop-portal-wlr has no GlobalShortcuts)',
    platform: 'linux',
    env: { XDG_CURRENT_DESKTOP: 'sway', XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-1', SWAYSOCK: '/run/user/1000/sway-ipc.sock' },
    portal: { identity: true, globalShortcuts: false },
    trayHost: true, // waybar's tray
    backend: 'basic_text',
    expect: { desktop: { platform: 'linux', wayland: true, desktop: 'sway' }, state: 'unavailable', placement: 'compositor', close: 'hide', where: /bindsym .* exec \/home\/a\/Apps\/TopSwitch.AppImage --toggle/ },
  },
  {
    name: 'X11 (GNOME on Xorg)',
    platform: 'linux',
    env: { XDG_CURRENT_DESKTOP: 'GNOME', XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' },
    portal: { identity: true, globalShortcuts: null },
    trayHost: true,
    backend: 'gnome_libsecret',
    expect: { desktop: { platform: 'linux', wayland: false, desktop: 'gnome' }, state: 'unconfirmed', placement: 'centre-on-active-display', close: 'hide', where: /GNOME/ },
  },
  {
    name: 'macOS',
    platform: 'darwin',
    env: {},
    portal: { identity: false, globalShortcuts: null },
    trayHost: null,
    backend: 'unknown',
    expect: { desktop: { platform: 'darwin', wayland: false, desktop: 'other' }, state: 'registered', placement: 'centre-on-active-display', close: 'hide', where: null },
  },
  {
    name: 'Windows',
    platform: 'win32',
    env: {},
    portal: { identity: false, globalShortcuts: null },
    trayHost: null,
    backend: 'unknown',
    expect: { desktop: { platform: 'win32', wayland: false, desktop: 'other' }, state: 'registered', placement: 'centre-on-active-display', close: 'hide', where: null },
  },
];

describe.each(DESKTOPS)('$name', (row) => {
  const desktop = detectDesktop(row.platform, row.env, []);

  it('is recognised from its environment', () => {
    expect(desktop).toEqual(row.expect.desktop);
  });

  it('reports the hotkey as it really stands, with the command and where to bind it on Linux', () => {
    const status = hotkeyStatus({ desktop, accelerator: ok.accelerator, result: ok, portal: row.portal, command: COMMAND, trayMissing: row.trayHost === false });
    expect(status.state).toBe(row.expect.state);
    expect(status.accelerator).toBe('CommandOrControl+Alt+K');
    if (row.platform === 'linux') {
      expect(status.command).toBe(COMMAND);
      expect(status.message).toMatch(/command below/);
    } else {
      expect(status.command).toBeNull();
    }
    if (row.expect.where) expect(status.where).toMatch(row.expect.where);
    else expect(status.where).toBeNull();
    expect(status.trayMissing).toBe(row.trayHost === false);
    if (row.trayHost === false) expect(status.message).toMatch(/no tray icon.*closing the window quits/i);
  });

  it('places the switcher itself only where the platform lets it', () => {
    expect(switcherPlacement(desktop)).toBe(row.expect.placement);
  });

  it('closes to the tray only when there is a tray', () => {
    expect(closeAction({ platform: row.platform, trayHost: row.trayHost })).toBe(row.expect.close);
  });

  it('never keeps the session in basic_text: relaunches with libsecret when a Secret Service runs, else says what to do', () => {
    const withService = keyringChoice({ platform: row.platform, backend: row.backend, secretService: true, args: ['.'] });
    const without = keyringChoice({ platform: row.platform, backend: row.backend, secretService: false, args: ['.'] });
    if (row.backend === 'basic_text') {
      expect(withService).toEqual({ action: 'relaunch', args: ['.', LIBSECRET_ARGUMENT] });
      expect(without.action).toBe('refuse');
      expect(without.action === 'refuse' && without.message(english())).toContain(LIBSECRET_ARGUMENT);
      // Worded when shown, in the language the shell speaks then.
      expect(without.action === 'refuse' && without.message(translator('ru'))).toMatch(/связк.*--password-store=gnome-libsecret/s);
    } else {
      expect(withService).toEqual({ action: 'use' });
      expect(without).toEqual({ action: 'use' });
    }
  });
});

describe('detecting the desktop', () => {
  it('follows an explicit ozone platform over WAYLAND_DISPLAY', () => {
    const env = { XDG_CURRENT_DESKTOP: 'GNOME', WAYLAND_DISPLAY: 'wayland-0' };
    expect(detectDesktop('linux', env, ['--ozone-platform=x11']).wayland).toBe(false);
    expect(detectDesktop('linux', { ...env, ELECTRON_OZONE_PLATFORM_HINT: 'x11' }).wayland).toBe(false);
    expect(detectDesktop('linux', { DISPLAY: ':0' }, ['--ozone-platform=wayland']).wayland).toBe(true);
  });

  it('knows Hyprland and falls back to "other" for desktops it has no advice for', () => {
    const hyprland = detectDesktop('linux', { XDG_CURRENT_DESKTOP: 'Hyprland', WAYLAND_DISPLAY: 'wayland-1' });
    expect(hyprland.desktop).toBe('hyprland');
    expect(customShortcutHint(hyprland, 'topswitch --toggle')).toMatch(/bind = CTRL ALT, K, exec, topswitch --toggle/);
    expect(detectDesktop('linux', { XDG_CURRENT_DESKTOP: 'XFCE', DISPLAY: ':0' }).desktop).toBe('other');
  });
});

describe('hotkey status edge cases', () => {
  const gnome = detectDesktop('linux', { XDG_CURRENT_DESKTOP: 'GNOME', WAYLAND_DISPLAY: 'wayland-0' });

  it('a refused registration is unavailable everywhere, with Electron’s reason', () => {
    for (const desktop of [gnome, detectDesktop('darwin', {}), detectDesktop('linux', { DISPLAY: ':0' })]) {
      const refused: HotkeyResult = { ok: false, code: 'HOTKEY_UNAVAILABLE', message: 'Ctrl+Alt+K is already used by another application.', kept: null };
      const status = hotkeyStatus({ desktop, accelerator: 'CommandOrControl+Alt+K', result: refused, portal: { identity: true, globalShortcuts: true }, command: 'topswitch --toggle', trayMissing: false });
      expect(status.state).toBe('unavailable');
      expect(status.message).toContain('already used by another application');
    }
  });

  it('an unknown portal (the bus could not be asked) is not taken for a missing one', () => {
    const status = hotkeyStatus({ desktop: gnome, accelerator: 'CommandOrControl+Alt+K', result: ok, portal: { identity: true, globalShortcuts: null }, command: 'topswitch --toggle', trayMissing: false });
    expect(status.state).toBe('unconfirmed');
    expect(status.message).toMatch(/asks you once to allow it/);
  });
});

describe('the sandbox on Linux', () => {
  const probe = (overrides: Partial<SandboxProbe>): SandboxProbe => ({
    platform: 'linux',
    kind: 'appimage',
    appArmorRestrictsUserns: false,
    usernsCloneDisabled: false,
    appArmorProfile: false,
    helper: { path: '/tmp/.mount_Top/chrome-sandbox', state: 'not-setuid-root' },
    noSandbox: false,
    noSandboxAllowed: false,
    ...overrides,
  });

  it('starts where user namespaces work, or a profile grants them, or the helper is setuid root', () => {
    expect(sandboxVerdict(probe({}), english()).ok).toBe(true);
    expect(sandboxVerdict(probe({ appArmorRestrictsUserns: true, appArmorProfile: true, kind: 'installed' }), english()).ok).toBe(true);
    expect(sandboxVerdict(probe({ appArmorRestrictsUserns: true, helper: { path: '/opt/TopSwitch/chrome-sandbox', state: 'setuid-root' } }), english()).ok).toBe(true);
    expect(sandboxVerdict(probe({ platform: 'darwin', noSandbox: true }), english()).ok).toBe(true);
  });

  it('on Ubuntu 24.04+ explains the AppImage’s limit and recommends the deb', () => {
    const verdict = sandboxVerdict(probe({ appArmorRestrictsUserns: true }), english());
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.message).toMatch(/apparmor_restrict_unprivileged_userns=1.*\.deb package is the recommended way/s);
  });

  it('gives a source checkout the exact commands for its helper', () => {
    const verdict = sandboxVerdict(probe({ kind: 'source', appArmorRestrictsUserns: true, helper: { path: '/src/node_modules/electron/dist/chrome-sandbox', state: 'not-setuid-root' } }), english());
    expect(!verdict.ok && verdict.message).toContain("sudo chown root:root '/src/node_modules/electron/dist/chrome-sandbox' && sudo chmod 4755");
  });

  it('never runs unsandboxed unless the user said so: the AppImage launcher’s silent --no-sandbox is refused', () => {
    const silent = sandboxVerdict(probe({ appArmorRestrictsUserns: true, noSandbox: true }), english());
    expect(silent.ok).toBe(false);
    expect(!silent.ok && silent.message).toMatch(/AppImage launcher turned .* sandbox off.*TOPSWITCH_ALLOW_NO_SANDBOX=1/s);
    expect(sandboxVerdict(probe({ noSandbox: true, noSandboxAllowed: true }), english()).ok).toBe(true);
  });
});

describe('the shell’s desktop integration', () => {
  // A machine without gdbus or dbus-send: every bus question is "could not ask".
  const noTools: CommandRunner = async () => ({ started: false, code: null, stdout: '', stderr: '' });
  const shortcuts = (taken: string[]): GlobalShortcutLike => {
    const held = new Set<string>();
    return {
      register: (key) => !taken.includes(key) && (held.add(key), true),
      unregister: (key) => void held.delete(key),
      isRegistered: (key) => held.has(key),
    };
  };

  it('speaks of the hotkey that is live: a refused change keeps the old one registered', async () => {
    const integration = createDesktopIntegration({ desktop: detectDesktop('darwin', {}), run: noTools, command: 'x --toggle', portalIdentity: false });
    const hotkey = integration.track(createHotkeyController(shortcuts(['Command+Space']), () => {}, 'darwin', english));
    hotkey.apply('Command+Shift+K');
    expect(hotkey.apply('Command+Space').ok).toBe(false);
    await integration.probed;
    expect(integration.trayHost()).toBe(true);
    expect(integration.status()).toMatchObject({ state: 'registered', accelerator: 'Command+Shift+K', command: null });
  });

  it('without D-Bus tools keeps the tray behaviour and does not claim a missing portal', async () => {
    const integration = createDesktopIntegration({ desktop: detectDesktop('linux', { XDG_CURRENT_DESKTOP: 'KDE', WAYLAND_DISPLAY: 'wayland-0' }), run: noTools, command: 'x --toggle', portalIdentity: true });
    integration.track(createHotkeyController(shortcuts([]), () => {}, 'linux', english)).apply('CommandOrControl+Alt+K');
    await integration.probed;
    expect(integration.trayHost()).toBeNull();
    expect(closeAction({ platform: 'linux', trayHost: integration.trayHost() })).toBe('hide');
    expect(integration.status()).toMatchObject({ state: 'unconfirmed', trayMissing: false });
  });
});

describe('which app the session thinks this is (the portal’s identity for a host app)', () => {
  it('reads the app id from the systemd unit a launcher started it in', () => {
    expect(appIdFromCgroup('0::/user.slice/user-1000.slice/user@1000.service/app.slice/app-gnome-org.topswitch.app-4242.scope\n')).toBe('org.topswitch.app');
    expect(appIdFromCgroup('0::/user.slice/user-1000.slice/user@1000.service/app.slice/app-org.topswitch.app-8f2c.scope')).toBe('org.topswitch.app');
    expect(appIdFromCgroup('0::/user.slice/user-1000.slice/user@1000.service/app.slice/app-org.topswitch.app.dev@3a7e.service')).toBe('org.topswitch.app.dev');
    // v1 hierarchy: the name=systemd line.
    expect(appIdFromCgroup('9:name=systemd:/user.slice/user-1000.slice/user@1000.service/app.slice/app-gnome-org.gnome.Terminal-77.scope\n0::/')).toBe('org.gnome.Terminal');
  });

  it('finds no app unit for a process started from a terminal tab or outside systemd', () => {
    expect(appIdFromCgroup('0::/user.slice/user-1000.slice/user@1000.service/app.slice/app-gnome-org.gnome.Terminal-77.scope/vte-spawn-1c2d.scope')).toBeNull();
    expect(appIdFromCgroup('0::/')).toBeNull();
    expect(appIdFromCgroup('')).toBeNull();
  });

  it('on Wayland, a run the portal cannot attribute says so and offers the command', () => {
    const desktop = detectDesktop('linux', { XDG_CURRENT_DESKTOP: 'GNOME', WAYLAND_DISPLAY: 'wayland-0' });
    const base = { desktop, accelerator: ok.accelerator, result: ok, command: COMMAND, trayMissing: false };
    const fromTerminal = hotkeyStatus({ ...base, portal: { identity: true, globalShortcuts: true, launchedAs: 'other' } });
    expect(fromTerminal.state).toBe('unavailable');
    expect(fromTerminal.message).toMatch(/not started from its menu entry/);
    expect(hotkeyStatus({ ...base, portal: { identity: true, globalShortcuts: true, launchedAs: 'this-app' } }).state).toBe('unconfirmed');
  });
});
