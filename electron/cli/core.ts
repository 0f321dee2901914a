/**
 * The core as a CLI command sees it: one core per run, started on the CLI's data dir and stopped
 * when the command ends. Commands call channels through the router (`invoke`: the same contract
 * validation as the renderer's IPC, arguments typed per channel) and the core API for the one
 * thing that is not a channel (a fetch with explicit categories and limit).
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createAppCore, type CoreApi } from '../core/app-core.js';
import { createInvoke, type Invoke } from '../core/invoke.js';
import { createRouter, type EventBus } from '../core/router.js';
import { openFileStore } from '../core/store.js';
import { createFileSecretStore } from '../core/telegram/secret-store.js';
import { accountFolders } from '../core/account-storage.js';
import { createCliLogger } from './log.js';

export interface CliCore {
  invoke: Invoke;
  api: Pick<CoreApi, 'fetchTopPeers' | 'callMethod' | 'rateLimits' | 'addAccount' | 'listAccounts' | 'withAccount'>;
  events: EventBus;
}

export interface WithCoreOptions {
  /** `--account N|phone`: the command sees and acts as that account only. */
  account?: string | undefined;
}

export const out = (text: string) => process.stdout.write(`${text}\n`);
export const err = (text: string) => process.stderr.write(`${text}\n`);

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'topswitch-cli');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'topswitch-cli');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'topswitch-cli');
}

export const cliDataDir = (): string => process.env.TG_DATA_DIR || defaultDataDir();

export async function withCore<T>(run: (core: CliCore) => Promise<T>, options: WithCoreOptions = {}): Promise<T> {
  const dataDir = cliDataDir();
  // The CLI's own dir: private before anything is written into it, also when an older version made it 0755.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const log = createCliLogger(dataDir);
  const store = openFileStore(dataDir, undefined, (movedTo) => err(`The store file was corrupt; kept it as ${movedTo} and started afresh.`));
  const keyFile = process.env.TG_SECRET_KEY_FILE || undefined;
  const secretStore = createFileSecretStore(dataDir, keyFile);
  const core = createAppCore({
    dataDir,
    log,
    store,
    secretStore,
    accountStorage: accountFolders({ dataDir, mainStore: store, legacySecret: secretStore, secretFor: (dir) => createFileSecretStore(dir, keyFile), log: (line) => log('info', line) }),
    env: process.env,
    autoRefresh: false,
    host: {
      openExternal: (url) => void out(url),
      hideWindow: () => {},
      setHotkey: () => false,
      setLaunchAtLogin: () => {},
    },
  });
  await core.start();
  try {
    const cli: CliCore = { invoke: createInvoke(createRouter(core.handlers)), api: core.api, events: core.events };
    if (options.account === undefined) return await run(cli);
    const account = core.api.resolveAccount(options.account);
    return await core.api.withAccount(account, () => run(cli));
  } finally {
    await core.stop();
  }
}
