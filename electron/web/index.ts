/**
 * Browser mode: TopSwitch's core in plain Node, serving the built renderer to a browser on the
 * loopback interface, for machines where Electron's binary cannot be had. `npm start` comes here
 * when Electron is missing (or with --browser); it can also be run directly:
 *
 *   tsx electron/web/index.ts [--demo] [--no-open] [--port N]
 *
 * The session and settings are kept as the CLI keeps them (the same data dir, the session
 * encrypted in a 0600 file under a 0600 key), so `topswitch` commands and browser mode share one
 * login. It stops on Ctrl+C, and by itself once the last page has been closed for a while.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createAppCore } from '../core/app-core.js';
import { withTimeout } from '../core/clock.js';
import { createRouter, type Logger } from '../core/router.js';
import { openFileStore } from '../core/store.js';
import { createFileSecretStore } from '../core/telegram/secret-store.js';
import { accountFolders } from '../core/account-storage.js';
import { defaultDataDir } from '../cli/core.js';
import { bridgeScript } from './bridge-bundle.js';
import { browserHandlers, createBrowserHost } from './host.js';
import { startLocalApiSwitch } from './local-api.js';
import { createOpener } from './open.js';
import { startWebServer } from './server.js';

const ROOT = resolve(import.meta.dirname, '../..');

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      demo: { type: 'boolean', default: false },
      'no-open': { type: 'boolean', default: false },
      port: { type: 'string' },
    },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port takes a port number (0 for any free port).');
  const env: NodeJS.ProcessEnv = { ...process.env, ...(values.demo ? { TOPSWITCH_DEMO: '1' } : {}) };
  const log: Logger = (level, message, detail) => {
    if (level === 'info') return;
    console.error(`[topswitch] ${level}: ${message}${detail instanceof Error ? ` (${detail.message})` : ''}`);
  };
  const dataDir = env.TG_DATA_DIR || defaultDataDir();
  const opener = createOpener(env);
  const store = openFileStore(dataDir, undefined, (movedTo) => log('warn', `the store file was corrupt; kept it as ${movedTo}`));
  const keyFile = env.TG_SECRET_KEY_FILE || undefined;
  const secretStore = createFileSecretStore(dataDir, keyFile);
  const core = createAppCore({
    dataDir,
    store,
    secretStore,
    // The CLI's layout, so the CLI and browser mode keep sharing their logins.
    accountStorage: accountFolders({ dataDir, mainStore: store, legacySecret: secretStore, secretFor: (dir) => createFileSecretStore(dir, keyFile) }),
    env,
    host: createBrowserHost(opener),
    log,
  });

  let stopping: Promise<void> | undefined;
  const stop = (why: string) => {
    stopping ??= (async () => {
      console.log(`TopSwitch is stopping (${why}).`);
      await Promise.allSettled([server.close(), localApi.close()]);
      // The core saves what it holds and closes Telegram's connection; a hung socket must not keep the process alive.
      await withTimeout(core.stop(), 5_000, () => new Error('the core did not stop within 5 s')).catch((error: unknown) => log('warn', 'stopping', error));
    })().finally(() => process.exit(0));
    return stopping;
  };

  const idleSeconds = Number(env.TOPSWITCH_IDLE_EXIT_SECONDS || 60);
  const server = await startWebServer({
    router: createRouter(browserHandlers(core.handlers), log),
    events: core.events,
    rendererDir: join(ROOT, 'out', 'renderer'),
    bridgeScript: await bridgeScript(),
    port,
    idleMs: (Number.isFinite(idleSeconds) && idleSeconds > 0 ? idleSeconds : 60) * 1000,
    onIdle: () => void stop('no page has been open for a while'),
    log,
  });
  const localApi = startLocalApiSwitch({ core, dataDir, log });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal));

  console.log(`TopSwitch is running in browser mode at ${server.url}`);
  console.log('The link works once (it signs this browser in). Press Ctrl+C to stop.');
  if (!values['no-open'] && !(await opener.openApp(server.url))) console.log('No browser could be started: open the link above yourself.');
  await core.start();
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`TopSwitch could not start in browser mode: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
