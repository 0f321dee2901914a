/**
 * The session-bus questions against a real, private dbus-daemon (no desktop needed): who owns a
 * name, whether a GlobalShortcuts portal answers, and what the app concludes when there is no
 * tray host. Skipped, with the reason, where dbus-daemon is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execRunner, nameHasOwner, parseBoolean, portalHasGlobalShortcuts, SECRET_SERVICE, STATUS_NOTIFIER_WATCHER } from '../../../electron/main/dbus.js';
import { createDesktopIntegration } from '../../../electron/main/desktop-integration.js';
import { detectDesktop } from '../../../electron/main/desktop.js';
import { createHotkeyController, type GlobalShortcutLike } from '../../../electron/main/hotkey.js';
import { translator } from '../../../electron/shared/i18n.js';

/** The shell's words in English, as these tests read them. */
const english = () => translator('en');

const hasDaemon = spawnSync('dbus-daemon', ['--version']).status === 0;
if (!hasDaemon) console.warn('[skip] D-Bus probes: dbus-daemon is not installed');

describe.skipIf(!hasDaemon)('asking a real session bus', () => {
  let address = '';
  let pid = 0;
  beforeAll(() => {
    const [line1, line2] = execFileSync('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1'], { encoding: 'utf8' }).trim().split('\n');
    address = line1!;
    pid = Number(line2);
  });
  afterAll(() => {
    if (pid) process.kill(pid);
  });
  const env = () => ({ ...process.env, DBUS_SESSION_BUS_ADDRESS: address });

  it('knows an owned name from a missing one (the bus owns its own name; nobody runs a tray host here)', async () => {
    const run = execRunner(env());
    expect(await nameHasOwner(run, 'org.freedesktop.DBus')).toBe(true);
    expect(await nameHasOwner(run, STATUS_NOTIFIER_WATCHER)).toBe(false);
    expect(await nameHasOwner(run, SECRET_SERVICE)).toBe(false);
  });

  it('falls back to dbus-send when gdbus is not installed', async () => {
    const real = execRunner(env());
    const withoutGdbus: typeof real = (file, args) => (file === 'gdbus' ? Promise.resolve({ started: false, code: null, stdout: '', stderr: '' }) : real(file, args));
    expect(await nameHasOwner(withoutGdbus, 'org.freedesktop.DBus')).toBe(true);
    expect(await nameHasOwner(withoutGdbus, STATUS_NOTIFIER_WATCHER)).toBe(false);
  });

  it('reads "no portal" as no GlobalShortcuts, not as "could not ask"', async () => {
    expect(await portalHasGlobalShortcuts(execRunner(env()))).toBe(false);
  });

  it('says null (unknown) when there is no bus at all, and never throws', async () => {
    const run = execRunner({ ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' });
    expect(await nameHasOwner(run, STATUS_NOTIFIER_WATCHER)).toBeNull();
    expect(await portalHasGlobalShortcuts(run)).toBeNull();
    await expect(nameHasOwner(run, 'not a name')).rejects.toThrow(/not a D-Bus name/);
  });

  it('on GNOME Wayland with no tray host and no portal: closing quits, the hotkey is unavailable, the command is offered', async () => {
    const desktop = detectDesktop('linux', { XDG_CURRENT_DESKTOP: 'GNOME', WAYLAND_DISPLAY: 'wayland-0' });
    const integration = createDesktopIntegration({ desktop, run: execRunner(env()), command: 'topswitch --toggle', portalIdentity: true });
    const registered = new Set<string>();
    const shortcuts: GlobalShortcutLike = { register: (key) => (registered.add(key), true), unregister: (key) => void registered.delete(key), isRegistered: (key) => registered.has(key) };
    const hotkey = integration.track(createHotkeyController(shortcuts, () => {}, 'linux', english));
    // Electron says yes, as it does on the portal path whatever the desktop decides.
    expect(hotkey.apply('CommandOrControl+Alt+K').ok).toBe(true);
    await integration.probed;
    expect(integration.trayHost()).toBe(false);
    const status = integration.status();
    expect(status).toMatchObject({ state: 'unavailable', accelerator: 'CommandOrControl+Alt+K', command: 'topswitch --toggle', trayMissing: true });
    expect(status.message).toMatch(/no GlobalShortcuts portal/);
  });
});

describe('reading the clients’ answers', () => {
  it('understands gdbus and dbus-send', () => {
    expect(parseBoolean('(true,)\n')).toBe(true);
    expect(parseBoolean('method return time=1 sender=org.freedesktop.DBus\n   boolean false\n')).toBe(false);
    expect(parseBoolean('')).toBeNull();
  });
});
