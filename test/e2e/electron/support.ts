/**
 * Finding an Electron binary for the end-to-end suite without ever loading the `electron` npm
 * package (its index.js downloads the binary when it is missing), and the reason to skip when
 * there is none.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ElectronApplication, Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../../..');
const ELECTRON_PACKAGE = join(ROOT, 'node_modules/electron');

function executableName(): string {
  const pathFile = join(ELECTRON_PACKAGE, 'path.txt');
  if (existsSync(pathFile)) return readFileSync(pathFile, 'utf8').trim();
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return process.platform === 'win32' ? 'electron.exe' : 'electron';
}

/** ELECTRON_OVERRIDE_DIST_PATH (as the electron package reads it), else node_modules/electron/dist. */
export function electronExecutable(): string {
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(ELECTRON_PACKAGE, 'dist');
  return join(dist, executableName());
}

/** Why the Electron suite cannot run here, or null when it can. */
export function electronUnavailableReason(): string | null {
  const executable = electronExecutable();
  if (!existsSync(executable)) {
    return `no Electron binary at ${executable} (run \`npx install-electron\` on a machine with internet, or set ELECTRON_OVERRIDE_DIST_PATH)`;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display for Electron (run the suite under xvfb-run)';
  }
  if (!existsSync(join(ROOT, 'out/main/index.js'))) return 'the app is not built (out/main/index.js)';
  return null;
}

/** The window showing `view` ('' is the switcher, 'main', 'settings'), once it exists. */
export async function windowShowing(app: ElectronApplication, view: string, timeout = 20_000): Promise<Page> {
  const matches = (page: Page) => {
    const url = new URL(page.url());
    return url.protocol === 'app:' && url.hash.replace(/^#/, '') === view;
  };
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = app.windows().find(matches);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no window showing "${view || 'switcher'}" (have: ${app.windows().map((page) => page.url()).join(', ')})`);
    await app.waitForEvent('window', { timeout: 1_000 }).catch(() => undefined);
  }
}

export interface WindowState {
  url: string;
  visible: boolean;
  alwaysOnTop: boolean;
  focused: boolean;
}

/** What the main process knows about its windows. */
export function windowStates(app: ElectronApplication): Promise<WindowState[]> {
  return app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows().map((window) => ({
      url: window.webContents.getURL(),
      visible: window.isVisible(),
      alwaysOnTop: window.isAlwaysOnTop(),
      focused: window.isFocused(),
    })),
  );
}

/** Arguments every test launch gets: a throwaway profile, and (as root only) an explicit, allowed --no-sandbox. */
export function baseLaunch(profile: string): { args: string[]; env: Record<string, string> } {
  const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  delete env.ELECTRON_RUN_AS_NODE;
  const asRoot = process.getuid?.() === 0;
  // Chromium's sandbox cannot run as root; TopSwitch runs unsandboxed only when told so explicitly.
  return {
    args: [ROOT, `--user-data-dir=${profile}`, ...(asRoot ? ['--no-sandbox'] : [])],
    // Its own XDG data home: a source run writes its desktop entry there, never into the real one.
    env: { ...env, XDG_DATA_HOME: join(profile, 'data-home'), ...(asRoot ? { TOPSWITCH_ALLOW_NO_SANDBOX: '1' } : {}) },
  };
}
