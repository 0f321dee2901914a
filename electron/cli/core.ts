/**
 * The core as a CLI command sees it: one core per run, started on the CLI's data dir and stopped
 * when the command ends. Commands call channels through the router (`invoke`: the same contract
 * validation as the renderer's IPC, arguments typed per channel) and the core API for the one
 * thing that is not a channel (a fetch with explicit categories and limit).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createAppCore, type CoreApi } from '../core/app-core.js';
import { createInvoke, type Invoke } from '../core/invoke.js';
import { createRouter, type EventBus } from '../core/router.js';
import { openFileStore } from '../core/store.js';
import { createFileSecretStore } from '../core/telegram/secret-store.js';

export interface CliCore {
  invoke: Invoke;
  api: Pick<CoreApi, 'fetchTopPeers' | 'callMethod'>;
  events: EventBus;
}

export const out = (text: string) => process.stdout.write(`${text}\n`);
export const err = (text: string) => process.stderr.write(`${text}\n`);

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'topswitch-cli');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'topswitch-cli');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'topswitch-cli');
}

export async function withCore<T>(run: (core: CliCore) => Promise<T>): Promise<T> {
  const dataDir = process.env.TG_DATA_DIR || defaultDataDir();
  const core = createAppCore({
    dataDir,
    store: openFileStore(dataDir, undefined, (movedTo) => err(`The store file was corrupt; kept it as ${movedTo} and started afresh.`)),
    secretStore: createFileSecretStore(dataDir, process.env.TG_SECRET_KEY_FILE || undefined),
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
    return await run({ invoke: createInvoke(createRouter(core.handlers)), api: core.api, events: core.events });
  } finally {
    await core.stop();
  }
}
