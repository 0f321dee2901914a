/**
 * `topswitch --toggle` / `--show` / `--hide` from the CLI: the desktop app owns the switcher, so
 * the CLI only starts the app with the same flag and leaves; the app's single-instance handoff
 * delivers it to a running TopSwitch (or this launch becomes the running one).
 *
 * Which app: $TOPSWITCH_APP (the installed executable or an AppImage), else this source
 * checkout's Electron with the checkout's built app. An installed deb needs none of this: its
 * /usr/bin/topswitch is the app itself.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DESKTOP_FLAGS = ['--toggle', '--show', '--hide'] as const;
export type DesktopFlag = (typeof DESKTOP_FLAGS)[number];

export function desktopFlag(argv: readonly string[]): DesktopFlag | undefined {
  return argv.length === 1 && (DESKTOP_FLAGS as readonly string[]).includes(argv[0]!) ? (argv[0] as DesktopFlag) : undefined;
}

const CHECKOUT = resolve(import.meta.dirname, '../..');

/** The program and arguments that start the desktop app, or why there is none. */
export function desktopAppCommand(env: NodeJS.ProcessEnv, checkout = CHECKOUT): { argv: string[] } | { error: string } {
  if (env.TOPSWITCH_APP) return { argv: [env.TOPSWITCH_APP] };
  const pathFile = join(checkout, 'node_modules/electron/path.txt');
  const binary = existsSync(pathFile) ? join(checkout, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim()) : undefined;
  if (!binary || !existsSync(binary)) {
    return { error: 'No TopSwitch app to hand this to: set TOPSWITCH_APP to the app (e.g. /opt/TopSwitch/topswitch or your AppImage), or run `npm start` once in this checkout so Electron is installed.' };
  }
  if (!existsSync(join(checkout, 'out/main/index.js'))) return { error: 'The app is not built yet in this checkout: run `npm run build` (or `npm start`) first.' };
  return { argv: [binary, checkout] };
}

/** Starts the app detached with the flag; resolves once it started (or failed to). */
export function forwardToDesktopApp(flag: DesktopFlag, env: NodeJS.ProcessEnv): Promise<{ ok: true } | { ok: false; message: string }> {
  const command = desktopAppCommand(env);
  if ('error' in command) return Promise.resolve({ ok: false, message: command.error });
  const [file, ...args] = command.argv as [string, ...string[]];
  return new Promise((settle) => {
    const child = spawn(file, [...args, flag], { detached: true, stdio: 'ignore', env });
    child.once('spawn', () => {
      child.unref();
      settle({ ok: true });
    });
    child.once('error', (error) => settle({ ok: false, message: `Could not start ${file}: ${error.message}` }));
  });
}
