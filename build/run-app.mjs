#!/usr/bin/env node
// @ts-check
/**
 * `npm start` / `npm run demo` / `npm run dev`: make sure Electron's binary is there, build, and run
 * the built app with `electron-vite preview`. Where the binary cannot be had (no GitHub, an offline
 * mirror), say so in one line and run the same app in browser mode instead (electron/web/).
 *
 * Why a launcher: npm 11 does not run dependencies' install scripts unless approved, and Electron
 * 45 fetches its binary lazily anyway, but electron-vite only looks for it (node_modules/electron/
 * path.txt) and fails with a bare "Electron uninstall". Here the binary is fetched on first run
 * with Electron's own installer, or the user is told exactly what to do. It also passes `--demo`
 * to the app without cross-env (the main process reads the flag).
 *
 *   node build/run-app.mjs [--demo] [--no-build]   build, then run the built app
 *   node build/run-app.mjs --dev [--demo]          electron-vite dev (renderer hot reload)
 *   … --browser                                    browser mode even where Electron could run
 *   … --no-open                                    browser mode: print the URL, open nothing
 *
 * ELECTRON_OVERRIDE_DIST_PATH=<dir with an unpacked Electron> uses that binary instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));
const args = process.argv.slice(2);
const demo = args.includes('--demo');

/** Where Electron's executable is (or would be) for this platform, and whether it is there. */
export function findElectronBinary(env = process.env) {
  const electronDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : defaultExecutable(process.platform);
  const executable = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative)
    : join(electronDir, 'dist', relative);
  return { electronDir, executable, present: existsSync(executable) && existsSync(pathFile) };
}

/** @param {NodeJS.Platform} platform */
function defaultExecutable(platform) {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** @param {string} command @param {string[]} argv @param {NodeJS.ProcessEnv} [env] */
function run(command, argv, env = process.env) {
  const result = spawnSync(command, argv, { cwd: ROOT, stdio: 'inherit', env });
  return result.status ?? 1;
}

/** Electron's executable, fetched once if need be; undefined when it cannot be had. */
function ensureElectron() {
  let found = findElectronBinary();
  if (found.present) return found.executable;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH && existsSync(found.executable)) return found.executable;
  console.log('Electron\'s binary is not installed yet (npm does not run its installer by default). Fetching it once…');
  // Electron's installer prints its own long failure; the one line below says what happens instead.
  const fetched = spawnSync(process.execPath, [join(found.electronDir, 'install.js')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
  found = findElectronBinary();
  if (found.present) return found.executable;
  const why = String(fetched.stderr ?? '').split('\n').find((line) => /error|ENOTFOUND|ECONN|timed? ?out/i.test(line))?.trim();
  console.log(
    `Electron ${readElectronVersion()} could not be downloaded${why ? ` (${why.slice(0, 120)})` : ''}: starting TopSwitch in browser mode instead (ELECTRON_OVERRIDE_DIST_PATH or node node_modules/electron/install.js gets the desktop app).`,
  );
  return undefined;
}

/** Browser mode: the built renderer served by the core in Node (electron/web/index.ts, through tsx). */
function runBrowserMode() {
  const argv = ['--import', 'tsx', join(ROOT, 'electron/web/index.ts'), ...(demo ? ['--demo'] : []), ...(args.includes('--no-open') ? ['--no-open'] : [])];
  const child = spawn(process.execPath, argv, { cwd: ROOT, stdio: 'inherit', env: process.env });
  // Ctrl+C reaches the whole process group; a signal sent to this launcher alone is passed on.
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
}

function readElectronVersion() {
  return /** @type {{ version: string }} */ (require('electron/package.json')).version;
}

function build() {
  if (args.includes('--no-build')) return;
  const status = run(process.execPath, [join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js'), 'build']);
  if (status !== 0) process.exit(status);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (args.includes('--browser')) console.log('Starting TopSwitch in browser mode (--browser).');
  const executable = args.includes('--browser') ? undefined : ensureElectron();
  if (executable === undefined) {
    if (args.includes('--dev')) console.log('Browser mode has no hot reload: it serves the built renderer.');
    build();
    runBrowserMode();
  } else {
    runElectron(executable);
  }
}

/** @param {string} executable */
function runElectron(executable) {
  // Where Ubuntu's AppArmor rule (or a kernel switch) leaves Chromium no sandbox, it aborts before
  // the app could explain: say what to do first (electron/main/sandbox-check.ts).
  const preflight = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/main/sandbox-preflight.ts'), executable], { cwd: ROOT, stdio: 'inherit' });
  if (preflight.status !== 0) process.exit(preflight.status ?? 1);
  const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js');
  // electron-vite honours ELECTRON_EXEC_PATH (not ELECTRON_OVERRIDE_DIST_PATH): hand it the binary we found.
  const env = { ...process.env, ELECTRON_EXEC_PATH: executable, ...(demo ? { TOPSWITCH_DEMO: '1' } : {}) };
  const appArgs = demo ? ['--', '--demo'] : [];
  if (args.includes('--dev')) process.exit(run(process.execPath, [electronVite, 'dev', ...appArgs], env));
  build();
  process.exit(run(process.execPath, [electronVite, 'preview', '--skipBuild', ...appArgs], env));
}
