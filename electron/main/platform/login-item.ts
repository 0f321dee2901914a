/**
 * Launch at login. macOS and Windows have app.setLoginItemSettings; Linux has no such API, so the
 * XDG autostart entry (~/.config/autostart/org.topswitch.app.desktop) is written by hand. The entry text
 * and paths are plain functions; `applyLaunchAtLogin` takes the Electron call as a parameter so
 * this file stays importable under Node.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { APP_ID, localizedEntry, quoteExecArgument } from '../desktop-entry.js';
import { HIDDEN_FLAG } from '../launch-args.js';

/**
 * Named after the app id: the session starts an autostart entry in a systemd unit named after the
 * file (app-gnome-org.topswitch.app-….scope), which is how the shortcut portal knows the app.
 */
export const AUTOSTART_FILE = `${APP_ID}.desktop`;
/** What earlier versions wrote; replaced (not left to start a second copy) when the setting is applied. */
export const LEGACY_AUTOSTART_FILE = 'topswitch.desktop';

export function autostartDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart');
}


/** An AppImage's executable is the mounted squashfs, gone after quit: autostart the AppImage file. */
export function launchExecutable(execPath: string, env: NodeJS.ProcessEnv): string {
  return env.APPIMAGE || execPath;
}

export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=TopSwitch',
    ...localizedEntry('Comment', (t) => t('desktop.entry.comment')),
    `Exec=${quoteExecArgument(executable)} ${HIDDEN_FLAG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export interface LoginItemSettingsSetter {
  (settings: { openAtLogin: boolean; args?: string[] }): void;
}

export function applyLaunchAtLogin(
  on: boolean,
  options: {
    platform: NodeJS.Platform;
    execPath: string;
    env: NodeJS.ProcessEnv;
    setLoginItemSettings: LoginItemSettingsSetter;
    /** An unpackaged run would point the login item at the bare Electron binary: it never touches it. */
    packaged: boolean;
  },
): 'applied' | 'skipped-development' {
  if (!options.packaged) return 'skipped-development';
  if (options.platform === 'linux') {
    const dir = autostartDir(options.env);
    const file = join(dir, AUTOSTART_FILE);
    rmSync(join(dir, LEGACY_AUTOSTART_FILE), { force: true });
    if (on) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, autostartEntry(launchExecutable(options.execPath, options.env)), { mode: 0o644 });
    } else {
      rmSync(file, { force: true });
    }
    return 'applied';
  }
  // Windows passes args to the executable; macOS ignores them, and the app then reads
  // app.getLoginItemSettings().wasOpenedAtLogin instead (see index.ts).
  options.setLoginItemSettings({ openAtLogin: on, args: [HIDDEN_FLAG] });
  return 'applied';
}

/** `--uninstall`: the XDG autostart entry goes too (macOS and Windows remove login items with the app). */
export function removeAutostartEntry(env: NodeJS.ProcessEnv): void {
  for (const name of [AUTOSTART_FILE, LEGACY_AUTOSTART_FILE]) rmSync(join(autostartDir(env), name), { force: true });
}
