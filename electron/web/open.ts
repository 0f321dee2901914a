/**
 * How browser mode puts things in front of the user: the app's URL in a Chromium-family browser's
 * app mode (`--app=`, a window without tabs or address bar) when one is installed, else the
 * default browser; Telegram links through the system's handler. TOPSWITCH_OPENER replaces both
 * with a command of the user's choice (like $BROWSER), which is called with the URL as its one
 * argument.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface Opener {
  /** Opens the app's page; false when nothing could (the caller then prints the URL). */
  openApp(url: string): Promise<boolean>;
  /** Hands a link (tg://, https://t.me/) to the system. */
  openLink(url: string): Promise<boolean>;
}

const CHROMIUM_NAMES: Record<string, string[]> = {
  linux: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'brave-browser'],
  darwin: [],
  win32: [],
};

function chromiumCandidates(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  if (platform === 'darwin') {
    return ['Google Chrome', 'Chromium', 'Microsoft Edge', 'Brave Browser'].map((name) => `/Applications/${name}.app/Contents/MacOS/${name}`);
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((root): root is string => !!root);
    return roots.flatMap((root) => [join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe')]);
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  return (CHROMIUM_NAMES[platform] ?? CHROMIUM_NAMES.linux!).flatMap((name) => dirs.map((dir) => join(dir, name)));
}

export function findChromium(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  return chromiumCandidates(env, platform).find((candidate) => existsSync(candidate));
}

/** The platform's "open this with whatever the user chose" command. */
export function systemOpenCommand(platform: NodeJS.Platform = process.platform): [string, string[]] {
  if (platform === 'darwin') return ['open', []];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""']];
  return ['xdg-open', []];
}

/** Starts a program detached; resolves whether it could be started at all. */
function launch(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true, env });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}

export function createOpener(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Opener {
  const custom = env.TOPSWITCH_OPENER;
  const [system, systemArgs] = systemOpenCommand(platform);
  const openLink = (url: string) => (custom ? launch(custom, [url], env) : launch(system, [...systemArgs, url], env));
  return {
    async openApp(url) {
      if (custom) return launch(custom, [url], env);
      const chromium = findChromium(env, platform);
      if (chromium && (await launch(chromium, [`--app=${url}`], env))) return true;
      return launch(system, [...systemArgs, url], env);
    },
    openLink,
  };
}
