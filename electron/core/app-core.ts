/**
 * The composition root of the core: builds the status board, the settings, the accounts (one
 * Profile per signed-in account) and the typed API over them, and the router's handler table
 * over that API. Plain Node — the Electron shell passes in what only it can do (`AppHost`) and
 * its own stores; the CLI and the tests pass file or memory stores. Nothing here imports 'electron'.
 */
import { createCoreApi, type CoreApi } from './api.js';
import { Accounts } from './accounts.js';
import { systemClock, type Clock } from './clock.js';
import { createHandlers } from './handlers.js';
import type { AppHost } from './host.js';
import { EventBus, type Handlers, type Logger } from './router.js';
import { SettingsService } from './settings.js';
import { CoreStatus, errorSync } from './status.js';
import type { KeyValueStore } from './store.js';
import { toAppError } from './telegram/rpc-errors.js';
import type { SecretStore } from './telegram/secret-store.js';
import type { AccountStorage } from './account-storage.js';
import type { LocalDcModule } from '../local-dc/load.js';

export type { AppHost, CoreApi };

export interface AppCoreOptions {
  /** Where the avatar cache lives (and the CLI's store and secret). */
  dataDir: string;
  /** Settings, credentials and the top-peer cache (electron-store in the app, conf or memory elsewhere). */
  store: KeyValueStore;
  /** The Telegram session string, encrypted (safeStorage in the app, a 0600 file in the CLI). */
  secretStore: SecretStore;
  /** TG_API_ID, TG_API_HASH, TG_DC, TG_DC_PUBLIC_KEY, TOPSWITCH_DEMO. */
  env?: Record<string, string | undefined>;
  host: AppHost;
  clock?: Clock;
  random?: () => number;
  version?: string;
  log?: Logger;
  /** Bound for every Telegram call (default 15 s). */
  invokeTimeoutMs?: number;
  /** Scheduler backoff after a failure (default 15 s, doubling up to 30 min). */
  backoffBaseMs?: number;
  /** Keep the list fresh with the scheduler (default true); the CLI fetches only when told to. */
  autoRefresh?: boolean;
  /** How demo mode gets the local DC; default: `loadLocalDc` (electron/local-dc/load.ts). */
  loadFakeDc?: () => Promise<LocalDcModule>;
  /**
   * Where each account keeps its things (account-storage.ts): the app, browser mode and the CLI
   * pass `accountFolders`; by default the first account uses `store`/`secretStore` as a
   * single-account core always did, and further accounts `accounts/<n>/` of `dataDir`.
   */
  accountStorage?: AccountStorage;
  /** How much later each further account's first scheduled refresh comes (default 20 s). */
  refreshStaggerMs?: number;
}

export interface AppCore {
  /** What the shell and the CLI call; the handler table maps every channel onto it. */
  api: CoreApi;
  /** For `createRouter`: one handler per contract channel, each a call into `api`. */
  handlers: Handlers;
  events: EventBus;
  /** Shows the cached state at once, then connects; resolves after the first connection attempt, never rejects. */
  start(): Promise<void>;
  /** Closes the client, the scheduler's timer and the demo DC. */
  stop(): Promise<void>;
}

export function createAppCore(options: AppCoreOptions): AppCore {
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock();
  const log: Logger = options.log ?? (() => {});
  const events = new EventBus();
  const status = new CoreStatus(events, clock);
  const settings = new SettingsService(options.store, events, options.host);
  const accounts = new Accounts({
    context: {
      clock,
      random: options.random ?? Math.random,
      log,
      status,
      events,
      settings: () => settings.current,
      autoRefresh: options.autoRefresh !== false,
      ...(options.invokeTimeoutMs ? { invokeTimeoutMs: options.invokeTimeoutMs } : {}),
      ...(options.backoffBaseMs ? { backoffBaseMs: options.backoffBaseMs } : {}),
    },
    dataDir: options.dataDir,
    store: options.store,
    secretStore: options.secretStore,
    env,
    ...(options.loadFakeDc ? { loadLocalDc: options.loadFakeDc } : {}),
    ...(options.accountStorage ? { storage: options.accountStorage } : {}),
    ...(options.refreshStaggerMs !== undefined ? { refreshStaggerMs: options.refreshStaggerMs } : {}),
  });
  const api = createCoreApi({ accounts, settings, status, events, host: options.host, version: options.version ?? '0.1.0' });

  return {
    api,
    handlers: createHandlers(api),
    events,
    async start() {
      try {
        if (env.TOPSWITCH_DEMO === '1') await accounts.startDemo();
        else await accounts.startReal();
      } catch (error) {
        log('error', 'start failed', error);
        status.setSync(errorSync(toAppError(error, clock.now())));
      }
    },
    stop: () => accounts.stop(),
  };
}
