/**
 * The seam between the Electron shell and the core. The shell gives the core a `host` (what only
 * Electron can do: open links, hide the window, own the global hotkey, set the login item) and
 * the platform stores; it gets back handlers for the router, the event bus, and start/stop.
 * No electron import: index.ts passes the Electron-backed pieces in.
 */
import type { Clock } from '../core/clock.js';
import type { KeyValueStore } from '../core/store.js';
import type { SecretStore } from '../core/telegram/secret-store.js';
import { EventBus, type Handlers } from '../core/router.js';

export interface ShellHost {
  /** Opens a tg:// or https://t.me/ link in the OS; anything else is refused. */
  openExternal(url: string): Promise<boolean> | boolean | Promise<void> | void;
  /** The renderer asked to be hidden (`window:hide`). */
  hideWindow(): void;
  /** Registers the global hotkey; false when another app holds it (the old one stays). */
  setHotkey(accelerator: string): boolean;
  setLaunchAtLogin(on: boolean): void;
}

export interface ShellCore {
  handlers: Handlers;
  events: EventBus;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
  /** Called each time a window is shown: the core refreshes the top peers if a refresh is due. */
  onWindowShown?(): void;
}

export interface ShellCoreOptions {
  dataDir: string;
  store: KeyValueStore;
  secretStore: SecretStore;
  env: NodeJS.ProcessEnv;
  host: ShellHost;
  clock: Clock;
  version: string;
}

/**
 * Until electron/core/app-core.ts lands: the version channel answers, every other channel says
 * the core is not there. Replaced by createAppCore once it exists.
 */
export async function createShellCore(options: ShellCoreOptions): Promise<ShellCore> {
  const { AppError } = await import('../core/errors.js');
  const demo = options.env.TOPSWITCH_DEMO === '1';
  const missing = () => {
    throw new AppError('INTERNAL', 'The TopSwitch core is not wired in yet.');
  };
  const handlers = new Proxy({} as Handlers, {
    get: (_target, channel) => (channel === 'app:version' ? () => ({ version: options.version, demo }) : missing),
  });
  return { handlers, events: new EventBus(), start() {}, stop() {} };
}
