/**
 * The app's core in one factory: the Telegram session, the top-peer list with its scheduler,
 * settings, demo mode, and the request handlers the router serves. Plain Node — the Electron
 * shell passes in what only it can do (`AppHost`) and its own stores; the CLI and the tests pass
 * file or memory stores. Nothing here imports 'electron'.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Api } from 'telegram';
import { z } from 'zod';
import {
  defaultSettingsFor,
  SelfUser,
  Settings,
  type Peer,
  type SessionState,
  type SyncStatus,
  type TopPeersSnapshot,
} from '../shared/ipc-contract.js';
import { systemClock, type Clock, type TimerHandle } from './clock.js';
import { AppError } from './errors.js';
import { EventBus, type Handlers, type Logger } from './router.js';
import { loadLocalDc, type LocalDcModule } from '../local-dc/load.js';
import { createMemoryStore, type KeyValueStore } from './store.js';
import { dcOverrideFromEnv, trustServerKey } from './telegram/dc-override.js';
import { toAppError } from './telegram/rpc-errors.js';
import { createMemorySecretStore, type SecretStore } from './telegram/secret-store.js';
import { TelegramSession } from './telegram/session.js';
import { AvatarCache } from './top-peers/avatars.js';
import { RefreshScheduler } from './top-peers/scheduler.js';
import { DEFAULT_LIMIT, DEFAULT_RATING_E_DECAY, TopPeersService, toInputPeer, type FetchOutcome } from './top-peers/service.js';
import { chatHandlers, createChatsService } from './chats/wiring.js';
import type { ChatsService } from './chats/service.js';

/** What only the shell can do. The CLI and tests pass their own. */
export interface AppHost {
  openExternal(url: string): Promise<void> | void;
  hideWindow(): void;
  /** Register the global shortcut; false when the OS or another app holds it. */
  setHotkey(accelerator: string): boolean;
  setLaunchAtLogin(on: boolean): void;
}

/** The local DC module (electron/local-dc), loaded only for demo mode. */
export type FakeDcModule = LocalDcModule;

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
  /** How demo mode gets the local DC; default: `loadLocalDc`. */
  loadFakeDc?: () => Promise<FakeDcModule>;
}

export interface AppCore {
  handlers: Handlers;
  events: EventBus;
  /** Shows the cached state at once, then connects; resolves after the first connection attempt, never rejects. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The shell calls this when it shows the window: refreshes if the last check is older than 2 minutes. */
  windowShown(): void;
  /** The same, under the name the shell's wiring uses. */
  onWindowShown(): void;
  /** For the CLI: a refresh with explicit categories/limit, reporting Telegram's answer. */
  fetchTopPeers(options: { categories?: Settings['categories']; limit?: number; maxPerCategory?: number }): Promise<{
    outcome: FetchOutcome;
    hash: string;
    snapshot: TopPeersSnapshot;
  }>;
  sessionState(): SessionState;
  /** The current Telegram session, for the CLI and tests (it stays in the main process, never crosses IPC). */
  readonly profile: { session: TelegramSession | undefined };
}

// The documented Telegram test-number convention the demo world follows: +99966 2 YYYY on DC 2, code 22222.
const DEMO_PHONE = '+9996621234';
const DEMO_CODE = '22222';
/** Placeholder credentials for DCs that do not check them (the local DC, TG_DC override). */
const TEST_API = { apiId: 1, apiHash: '00000000000000000000000000000000' };

const Credentials = z.object({ apiId: z.number().int().positive(), apiHash: z.string().min(1) });

interface Profile {
  demo: boolean;
  store: KeyValueStore;
  session: TelegramSession;
  topPeers: TopPeersService;
  /** History, sending, reading: built once the session is ready (its SQLite file lives beside the avatars). */
  chats?: ChatsService;
  scheduler: RefreshScheduler;
  avatars: AvatarCache;
  avatarDir: string;
  lastOutcome: FetchOutcome | undefined;
  readyHandled?: boolean;
  closeDc?: () => Promise<void>;
  /** The next attempt to start a saved session that was offline at launch. */
  startRetry?: TimerHandle;
}

/** The longest wait between attempts to start a saved session offline. */
const START_RETRY_MAX_MS = 5 * 60_000;

export function createAppCore(options: AppCoreOptions): AppCore {
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock();
  const random = options.random ?? Math.random;
  const log: Logger = options.log ?? (() => {});
  const events = new EventBus();
  const store = options.store;

  let settings = loadSettings(store);
  let profile: Profile | undefined;
  let sessionState: SessionState = { status: 'connecting', demo: false };
  let sync: SyncStatus = { state: 'idle' };
  let stopped = false;

  const setSession = (state: SessionState) => {
    sessionState = state;
    events.emit('session:changed', state);
  };
  const setSync = (next: SyncStatus) => {
    if (JSON.stringify(next) === JSON.stringify(sync)) return;
    sync = next;
    events.emit('sync:changed', next);
  };

  function credentials(): { apiId: number; apiHash: string } | undefined {
    const fromEnv = { apiId: Number(env.TG_API_ID), apiHash: env.TG_API_HASH ?? '' };
    if (Number.isInteger(fromEnv.apiId) && fromEnv.apiId > 0 && fromEnv.apiHash) return fromEnv;
    const saved = Credentials.safeParse(store.get('credentials'));
    return saved.success ? saved.data : undefined;
  }

  function describeFailure(error: unknown, retryAt: number): SyncStatus {
    const appError = toAppError(error, clock.now());
    switch (appError.code) {
      case 'RATE_LIMITED':
        return { state: 'rate-limited', retryAt: Math.max(retryAt, appError.retryAt ?? 0), message: appError.message };
      case 'NETWORK':
      case 'TIMEOUT':
        return { state: 'offline', retryAt, message: appError.message };
      case 'NOT_LOGGED_IN':
        return { state: 'idle' };
      default:
        return { state: 'error', message: appError.message.slice(0, 1000) };
    }
  }

  function buildProfile(input: {
    demo: boolean;
    store: KeyValueStore;
    secretStore: SecretStore;
    apiId: number;
    apiHash: string;
    dc?: { host: string; port: number };
    avatarDir: string;
  }): Profile {
    const built: Partial<Profile> & { demo: boolean; lastOutcome: FetchOutcome | undefined } = { demo: input.demo, lastOutcome: undefined };
    const session = new TelegramSession({
      apiId: input.apiId,
      apiHash: input.apiHash,
      ...(input.dc ? { dc: input.dc } : {}),
      secretStore: input.secretStore,
      clock,
      demo: input.demo,
      ...(options.invokeTimeoutMs ? { invokeTimeoutMs: options.invokeTimeoutMs } : {}),
      onState: (state) => {
        if (profile && profile.session !== built.session) return; // a replaced profile says nothing
        if (state.status === 'ready') {
          input.store.set('self', state.user);
          if (built.scheduler && !built.readyHandled) {
            built.readyHandled = true;
            onReady(built as Profile);
          }
        }
        setSession(state);
      },
      onSessionEnded: () => {
        built.readyHandled = false;
        built.scheduler?.stop();
        built.topPeers?.wipe();
        const chats = built.chats;
        built.chats = undefined;
        chats?.stop();
        chats?.cache.wipe();
        input.store.delete('self');
        rmSync(input.avatarDir, { recursive: true, force: true });
        setSync({ state: 'idle' });
      },
      onEntities: (entities) => built.topPeers?.applyEntities(entities),
      onUserStatus: (key, online) => built.topPeers?.applyStatus(key, online),
      onUpdate: (update) => built.chats?.handleUpdate(update),
    });
    const topPeers = new TopPeersService({
      telegram: session,
      store: input.store,
      clock,
      onChanged: (snapshot) => {
        if (profile === built) events.emit('topPeers:changed', snapshot);
      },
      categories: () => settings.categories,
      ratingDecaySeconds: () => numberOr(input.store.get('ratingEDecay'), DEFAULT_RATING_E_DECAY),
    });
    const scheduler = new RefreshScheduler({
      clock,
      random,
      intervalMs: settings.refreshIntervalMinutes * 60_000,
      lastCheckedAt: () => topPeers.snapshot().checkedAt,
      ...(options.backoffBaseMs ? { backoffBaseMs: options.backoffBaseMs } : {}),
      run: async () => {
        if (!session.isReady) return;
        setSync({ state: 'refreshing' });
        await session.ensureConnected();
        const { outcome } = await topPeers.fetch();
        built.lastOutcome = outcome;
        setSync({ state: 'idle' });
      },
      onFailure: (error, retryAt) => {
        if (profile === built) setSync(describeFailure(error, retryAt));
      },
    });
    Object.assign(built, { session, topPeers, scheduler, store: input.store, avatarDir: input.avatarDir, avatars: new AvatarCache(input.avatarDir, session) });
    return built as Profile;
  }

  /** Logged in (now or from the cache): learn rating_e_decay and keep the list fresh. */
  function onReady(ready: Profile): void {
    if (stopped) return;
    startChats(ready);
    if (options.autoRefresh !== false) ready.scheduler.start();
    void ready.session
      .invoke(new Api.help.GetConfig())
      .then((config) => ready.store.set('ratingEDecay', config.ratingEDecay))
      .catch(() => undefined);
  }

  async function replaceProfile(next: Profile | undefined): Promise<void> {
    const previous = profile;
    profile = next;
    if (previous) {
      previous.chats?.stop();
      if (previous.startRetry !== undefined) clock.clearTimeout(previous.startRetry);
      previous.scheduler.stop();
      await previous.session.stop();
      await previous.closeDc?.();
    }
  }

  async function startProfile(next: Profile): Promise<void> {
    await replaceProfile(next);
    setSync({ state: 'idle' });
    const cachedSelf = SelfUser.safeParse(next.store.get('self'));
    if (next.topPeers.snapshot().status !== 'empty') events.emit('topPeers:changed', next.topPeers.snapshot());
    await startSession(next, cachedSelf.success ? cachedSelf.data : undefined, 0);
  }

  async function startSession(next: Profile, cachedSelf: SelfUser | undefined, attempt: number): Promise<void> {
    try {
      await next.session.start(cachedSelf);
    } catch (error) {
      if (profile !== next || stopped) return; // replaced while connecting: the new profile speaks
      const appError = toAppError(error, clock.now());
      log('warn', `connecting failed: ${appError.code}`);
      if (appError.code !== 'NETWORK' && appError.code !== 'TIMEOUT') {
        setSync({ state: 'error', message: appError.message });
        return;
      }
      let retryIn = options.backoffBaseMs ?? 15_000;
      if (next.session.isReady) {
        // Offline with a cached login: the scheduler keeps retrying with backoff.
        if (options.autoRefresh !== false) next.scheduler.start();
      } else if (next.session.state.status === 'connecting') {
        // A saved login with no cached account to show (the store was lost): keep saying
        // "connecting" and try again with backoff until Telegram answers.
        retryIn = Math.min(retryIn * 2 ** attempt, START_RETRY_MAX_MS);
        next.startRetry = clock.setTimeout(() => {
          next.startRetry = undefined;
          if (profile === next && !stopped) void startSession(next, undefined, attempt + 1);
        }, retryIn);
      }
      setSync({ state: 'offline', retryAt: clock.now() + retryIn, message: appError.message });
    }
  }

  async function startReal(): Promise<void> {
    let dc: ReturnType<typeof dcOverrideFromEnv>;
    try {
      dc = dcOverrideFromEnv(env);
    } catch (error) {
      setSync({ state: 'error', message: toAppError(error, clock.now()).message });
      setSession({ status: 'needs-credentials' });
      return;
    }
    if (dc) trustServerKey(dc.publicKeyPem);
    // A self-run DC does not check api credentials; Telegram does.
    const creds = credentials() ?? (dc ? TEST_API : undefined);
    if (!creds) {
      await replaceProfile(undefined);
      setSession({ status: 'needs-credentials' });
      return;
    }
    await startProfile(
      buildProfile({
        demo: false,
        store,
        secretStore: options.secretStore,
        ...creds,
        ...(dc ? { dc: { host: dc.host, port: dc.port } } : {}),
        avatarDir: join(options.dataDir, 'avatars'),
      }),
    );
  }

  async function startDemo(): Promise<SessionState> {
    if (profile?.demo && profile.session.isReady) return sessionState;
    const module = await (options.loadFakeDc ?? loadLocalDc)();
    const dc = await module.startFakeDc({ world: 'demo', log: (line) => log('info', `demo DC: ${line}`) });
    trustServerKey(dc.publicKeyPem);
    // The demo never touches the user's real cache or session: both live in memory.
    const demo = buildProfile({
      demo: true,
      store: createMemoryStore(),
      secretStore: createMemorySecretStore(),
      ...TEST_API,
      dc: { host: dc.host, port: dc.port },
      avatarDir: join(options.dataDir, 'demo-avatars'),
    });
    demo.closeDc = () => dc.close();
    await startProfile(demo);
    if (!demo.session.isReady) {
      await demo.session.submitPhone(DEMO_PHONE);
      await demo.session.submitCode(DEMO_CODE);
    }
    return sessionState;
  }

  const requireProfile = (): Profile => {
    if (!profile) throw new AppError('NEEDS_CREDENTIALS', 'Enter your api_id and api_hash first, or try the demo.');
    return profile;
  };
  const requireReady = (): Profile => {
    const current = requireProfile();
    if (!current.session.isReady) throw new AppError('NOT_LOGGED_IN', 'Log in to Telegram first.');
    return current;
  };
  const cachedPeer = (key: string): { peer: Peer; ref: { accessHash?: string; photoDcId?: number } } => {
    const found = requireReady().topPeers.peer(key);
    if (!found) throw new AppError('PEER_NOT_FOUND', 'That peer is not in the list.');
    return found;
  };

  /** A refresh that respects a server-named wait instead of earning another FLOOD_WAIT. */
  async function refreshNow(current: Profile): Promise<void> {
    if (sync.state === 'rate-limited' && sync.retryAt !== undefined && sync.retryAt > clock.now()) {
      throw new AppError('RATE_LIMITED', 'Telegram asked to wait before the next refresh.', sync.retryAt);
    }
    try {
      await current.scheduler.refreshNow();
    } catch (error) {
      throw toAppError(error, clock.now());
    }
  }

  function startChats(ready: Profile): void {
    if (ready.chats) return;
    ready.chats = createChatsService({
      session: ready.session,
      file: join(ready.avatarDir, '..', 'chats.sqlite'),
      inputPeer: (key) => {
        const found = ready.topPeers.peer(key);
        return found ? toInputPeer(key, found.ref) : undefined;
      },
      onEvent: (event) => {
        if (profile !== ready) return;
        if (event.type === 'chat:view') events.emit('chats:view', event.view);
        else events.emit('chats:badges', { badges: [...event.badges] });
      },
    });
    void ready.chats.start().catch((error: unknown) => log('warn', `chat catch-up failed: ${toAppError(error, clock.now()).code}`));
  }
  const requireChats = (): ChatsService => {
    const ready = requireReady();
    if (!ready.chats) startChats(ready);
    return ready.chats!;
  };

  const handlers: Handlers = {
    ...chatHandlers(requireChats),
    'app:version': () => ({ version: options.version ?? '0.1.0', demo: profile?.demo ?? false }),

    'session:get': () => sessionState,
    'session:setCredentials': async ({ apiId, apiHash }) => {
      store.set('credentials', { apiId, apiHash: apiHash.toLowerCase() });
      if (!profile || profile.demo || !profile.session.isReady) await startReal();
      return sessionState;
    },
    'session:startDemo': () => startDemo(),
    'session:logout': async () => {
      const current = requireProfile();
      await current.session.logout();
      if (current.demo) {
        // Leaving the demo returns to the real account (or the first-run screen).
        await startReal();
      }
      return sessionState;
    },

    'login:submitPhone': ({ phone }) => requireProfile().session.submitPhone(phone),
    'login:submitCode': ({ code }) => requireProfile().session.submitCode(code),
    'login:resendCode': () => requireProfile().session.resendCode(),
    'login:submitPassword': ({ password }) => requireProfile().session.submitPassword(password),
    'login:startQr': () => requireProfile().session.startQr(),
    'login:restart': () => requireProfile().session.restartLogin(),

    'topPeers:get': () => (profile ? profile.topPeers.snapshot() : emptySnapshot(settings)),
    'topPeers:refresh': async () => {
      const current = requireReady();
      await refreshNow(current);
      const snapshot = current.topPeers.snapshot();
      const outcome = current.lastOutcome ?? (snapshot.status === 'disabled' ? 'disabled' : 'not-modified');
      return { outcome, snapshot };
    },
    'topPeers:remove': ({ key, category }) => requireReady().topPeers.remove(key, category),
    'topPeers:setEnabled': ({ enabled }) => requireReady().topPeers.setEnabled(enabled),
    'sync:get': () => sync,

    'peers:avatar': async ({ key }) => {
      const { peer, ref } = cachedPeer(key);
      return { dataUrl: await requireReady().avatars.dataUrl(key, peer.photoId, ref) };
    },
    'peers:open': async ({ key }) => {
      const { peer } = cachedPeer(key);
      const url = openUrl(peer);
      await options.host.openExternal(url);
      requireReady().topPeers.bumpOnOpen(key);
      // No chat pane yet: 'app' also opens Telegram, and says so.
      return { openedIn: 'telegram' as const, url };
    },
    'peers:link': ({ key }) => ({ url: publicLink(cachedPeer(key).peer) }),

    'settings:get': () => settings,
    'settings:set': async (patch) => {
      const next = Settings.parse({ ...settings, ...patch });
      if (patch.hotkey !== undefined && patch.hotkey !== settings.hotkey && !options.host.setHotkey(patch.hotkey)) {
        throw new AppError('HOTKEY_UNAVAILABLE', `${patch.hotkey} is taken by the system or another app; choose another.`);
      }
      if (patch.launchAtLogin !== undefined && patch.launchAtLogin !== settings.launchAtLogin) options.host.setLaunchAtLogin(patch.launchAtLogin);
      const categoriesChanged = patch.categories !== undefined && patch.categories.join() !== settings.categories.join();
      const intervalChanged = next.refreshIntervalMinutes !== settings.refreshIntervalMinutes;
      settings = next;
      store.set('settings', settings);
      events.emit('settings:changed', settings);
      if (intervalChanged) profile?.scheduler.setInterval(settings.refreshIntervalMinutes * 60_000);
      // A new category set makes the hash meaningless: fetch the new list (hash 0) in the background.
      if (categoriesChanged && profile?.session.isReady) void profile.scheduler.refreshNow().catch(() => undefined);
      return settings;
    },

    'window:hide': () => {
      options.host.hideWindow();
      return { ok: true as const };
    },
  };

  return {
    handlers,
    events,
    profile: {
      get session() {
        return profile?.session;
      },
    },
    sessionState: () => sessionState,
    async start() {
      stopped = false;
      try {
        if (env.TOPSWITCH_DEMO === '1') await startDemo();
        else await startReal();
      } catch (error) {
        log('error', 'start failed', error);
        setSync({ state: 'error', message: toAppError(error, clock.now()).message });
      }
    },
    async stop() {
      stopped = true;
      await replaceProfile(undefined);
    },
    windowShown() {
      if (profile?.session.isReady && options.autoRefresh !== false) profile.scheduler.windowShown();
    },
    onWindowShown() {
      this.windowShown();
    },
    async fetchTopPeers(fetchOptions) {
      const current = requireReady();
      if (sync.state === 'rate-limited' && sync.retryAt !== undefined && sync.retryAt > clock.now()) {
        throw new AppError('RATE_LIMITED', 'Telegram asked to wait before the next refresh.', sync.retryAt);
      }
      await current.session.ensureConnected();
      const { outcome, snapshot } = await current.topPeers.fetch({ limit: DEFAULT_LIMIT, ...fetchOptions });
      return { outcome, snapshot, hash: current.topPeers.hash };
    },
  };
}

function loadSettings(store: KeyValueStore): Settings {
  // Settings shows the hotkey that is really registered, so the default is the platform's own.
  const defaults = defaultSettingsFor(process.platform);
  const parsed = Settings.safeParse({ ...defaults, ...(objectOr(store.get('settings'))) });
  return parsed.success ? parsed.data : defaults;
}

const objectOr = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const numberOr = (value: unknown, fallback: number): number => (typeof value === 'number' && value > 0 ? value : fallback);

function emptySnapshot(settings: Settings): TopPeersSnapshot {
  return { status: 'empty', peers: [], categories: settings.categories, fetchedAt: null, checkedAt: null };
}

/** tg:// for the official app: by username when there is one, else by id; channels through a t.me/c link. */
export function openUrl(peer: Pick<Peer, 'key' | 'kind' | 'username'>): string {
  const [kind, id] = peer.key.split(':') as [string, string];
  if (peer.username) return `tg://resolve?domain=${encodeURIComponent(peer.username)}`;
  if (kind === 'user') return `tg://user?id=${id}`;
  if (kind === 'channel') return `https://t.me/c/${id}/999999999`;
  // Basic groups have no link of their own; the id form at least lets Telegram try.
  return `tg://openmessage?chat_id=${id}`;
}

export function publicLink(peer: Pick<Peer, 'key' | 'username'>): string | null {
  const [kind, id] = peer.key.split(':') as [string, string];
  if (peer.username) return `https://t.me/${peer.username}`;
  if (kind === 'channel') return `https://t.me/c/${id}/999999999`;
  return null;
}
