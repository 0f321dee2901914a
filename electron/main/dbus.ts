/**
 * The few questions TopSwitch asks the session bus — is there a tray host, a Secret Service, a
 * GlobalShortcuts portal — through the desktop's own command-line clients (gdbus, else
 * dbus-send), each bounded by a timeout. No D-Bus library: three questions do not justify one.
 * Every answer is true, false, or null ("could not ask"), and a question never throws.
 */
import { execFile } from 'node:child_process';

export interface RunResult {
  /** The program exists and ran. */
  started: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
}

export type CommandRunner = (file: string, args: readonly string[]) => Promise<RunResult>;

export const DBUS_TIMEOUT_MS = 2_000;

/** child_process with a timeout; a missing program is `started: false`, never an exception. */
export function execRunner(env: NodeJS.ProcessEnv = process.env, timeoutMs = DBUS_TIMEOUT_MS): CommandRunner {
  return (file, args) =>
    new Promise((resolve) => {
      execFile(file, [...args], { env, timeout: timeoutMs, maxBuffer: 64 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        const started = !(error && (error as NodeJS.ErrnoException).code === 'ENOENT');
        resolve({ started, code, stdout: String(stdout ?? ''), stderr: String(stderr ?? '') });
      });
    });
}

/** A tray icon host (KDE, GNOME's AppIndicator extension, waybar, …) owns this name. */
export const STATUS_NOTIFIER_WATCHER = 'org.kde.StatusNotifierWatcher';
/** gnome-keyring, KeePassXC, KWallet's bridge: anything speaking the Secret Service API. */
export const SECRET_SERVICE = 'org.freedesktop.secrets';

const DBUS_NAME = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)+$/;

/** Does anyone own `name` on the session bus right now? */
export async function nameHasOwner(run: CommandRunner, name: string): Promise<boolean | null> {
  if (!DBUS_NAME.test(name)) throw new Error(`not a D-Bus name: ${name}`);
  const viaGdbus = await run('gdbus', [
    'call', '--session', '--timeout', '2',
    '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus',
    '--method', 'org.freedesktop.DBus.NameHasOwner', name,
  ]);
  if (viaGdbus.started) return viaGdbus.code === 0 ? parseBoolean(viaGdbus.stdout) : null;
  const viaDbusSend = await run('dbus-send', [
    '--session', '--print-reply', '--reply-timeout=2000',
    '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', `string:${name}`,
  ]);
  return viaDbusSend.started && viaDbusSend.code === 0 ? parseBoolean(viaDbusSend.stdout) : null;
}

/** gdbus prints `(true,)`; dbus-send prints `   boolean true`. */
export function parseBoolean(output: string): boolean | null {
  if (/\btrue\b/.test(output)) return true;
  if (/\bfalse\b/.test(output)) return false;
  return null;
}

// The bus or the portal answered, and the answer was "no such thing".
const ABSENT = /ServiceUnknown|UnknownInterface|UnknownProperty|InvalidArgs|No such interface|No such property|was not provided by any \.service files/i;

/** Does the session's xdg-desktop-portal offer the GlobalShortcuts interface? */
export async function portalHasGlobalShortcuts(run: CommandRunner): Promise<boolean | null> {
  const answer = await run('gdbus', [
    'call', '--session', '--timeout', '2',
    '--dest', 'org.freedesktop.portal.Desktop', '--object-path', '/org/freedesktop/portal/desktop',
    '--method', 'org.freedesktop.DBus.Properties.Get', 'org.freedesktop.portal.GlobalShortcuts', 'version',
  ]);
  const result = answer.started
    ? answer
    : await run('dbus-send', [
        '--session', '--print-reply', '--reply-timeout=2000',
        '--dest=org.freedesktop.portal.Desktop', '/org/freedesktop/portal/desktop',
        'org.freedesktop.DBus.Properties.Get', 'string:org.freedesktop.portal.GlobalShortcuts', 'string:version',
      ]);
  if (!result.started) return null;
  if (result.code === 0) return /uint32\s+\d+/.test(result.stdout);
  return ABSENT.test(result.stderr) ? false : null;
}
