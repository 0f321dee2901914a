/**
 * One signed-in account and everything that belongs to it: its Telegram session, its top peers
 * with their refresh scheduler, its avatar cache, its store and avatar folder, and (for the demo)
 * the DC it dialled. Built by `Accounts`, driven by the core API, with an explicit start/stop.
 *
 * A new per-account service (the chat list, a chat's history, …) joins as a field built in the
 * constructor from `session` and `store`, plus a line in `start()`/`#onReady()` and in `stop()`.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Api } from 'telegram';
import { SelfUser, type Settings, type TopPeersSnapshot } from '../shared/ipc-contract.js';
import type { Clock, TimerHandle } from './clock.js';
import type { EventBus, Logger } from './router.js';
import { errorSync, type AccountStatus } from './status.js';
import type { KeyValueStore } from './store.js';
import { CallGate } from './telegram/call-gate.js';
import { UpdatesCatchUp } from './telegram/catch-up.js';
import { toAppError } from './telegram/rpc-errors.js';
import type { SecretStore } from './telegram/secret-store.js';
import { TelegramSession } from './telegram/session.js';
import { DialogsService } from './dialogs/service.js';
import { AvatarCache } from './top-peers/avatars.js';
import { RefreshScheduler } from './top-peers/scheduler.js';
import { DEFAULT_LIMIT, DEFAULT_RATING_E_DECAY, TopPeersService, toInputPeer, type FetchOptions, type FetchOutcome } from './top-peers/service.js';
import type { ChatsService } from './chats/service.js';
import { ChatPhotos } from './chats/photos.js';
import { createChatsService } from './chats/wiring.js';

/** What every profile of one core shares: time, the status board, the event bus, the settings. */
export interface ProfileContext {
  clock: Clock;
  random: () => number;
  log: Logger;
  /** This account's view of the status board (the core's own with a single account). */
  status: AccountStatus;
  /** Where the account's pushes go: Accounts qualifies their keys and merges the lists. */
  events: Pick<EventBus, 'emit'>;
  settings: () => Settings;
  /** Keep the list fresh with the scheduler; the CLI fetches only when told to. */
  autoRefresh: boolean;
  /** Bound for every Telegram call (the session's default when absent). */
  invokeTimeoutMs?: number;
  /** First wait after a failure, for the scheduler and for starting a saved session offline. */
  backoffBaseMs?: number;
}

/** Which account, and where it keeps its things. */
export interface ProfileOptions {
  demo: boolean;
  store: KeyValueStore;
  secretStore: SecretStore;
  apiId: number;
  apiHash: string;
  /** Dial this DC instead of Telegram's (its key must already be trusted). */
  dc?: { host: string; port: number };
  avatarDir: string;
  /** Closes the DC this profile brought up (the demo's in-process one). */
  closeDc?: () => Promise<void>;
  /** How long after start the scheduler's first refresh waits: several accounts do not all ask at once. */
  refreshDelayMs?: number;
}

export interface RefreshResult {
  outcome: FetchOutcome;
  snapshot: TopPeersSnapshot;
}

export interface FetchResult extends RefreshResult {
  /** The hash the next request will send, signed decimal ('0' when the list is not comparable). */
  hash: string;
}

const TOP_PEERS_METHOD = 'contacts.GetTopPeers';

/** The longest wait between attempts to start a saved session offline. */
const START_RETRY_MAX_MS = 5 * 60_000;
const DEFAULT_BACKOFF_MS = 15_000;

export class Profile {
  readonly demo: boolean;
  readonly store: KeyValueStore;
  readonly session: TelegramSession;
  // The account's services. A new one (dialogs/, chats/) is a field here, built in the constructor,
  // started in #onReady(), stopped in stop(), wiped in #onSessionEnded().
  readonly topPeers: TopPeersService;
  readonly refreshScheduler: RefreshScheduler<FetchOutcome | undefined>;
  readonly avatars: AvatarCache;
  /** The whole chat list and contacts.search. */
  readonly dialogs: DialogsService;
  /** Renames and photos changed while away: updates.getDifference from the saved state (telegram/catch-up.ts). */
  readonly catchUp: UpdatesCatchUp;
  /** Photos in messages at bubble size, on disk beside the history cache (core/chats/photos.ts). */
  readonly chatPhotos: ChatPhotos;
  #readyHandled = false;
  #stopped = false;
  /** The next attempt to start a saved session that was offline at launch. */
  #startRetry: TimerHandle | undefined;

  constructor(
    private readonly context: ProfileContext,
    private readonly options: ProfileOptions,
  ) {
    this.demo = options.demo;
    this.store = options.store;
    this.session = this.#createSession();
    this.topPeers = new TopPeersService({
      telegram: this.session,
      store: this.store,
      clock: context.clock,
      onChanged: (snapshot) => {
        if (!this.#stopped) context.events.emit('topPeers:changed', snapshot);
      },
      onChecked: (checkedAt) => {
        if (!this.#stopped) context.events.emit('topPeers:checked', { checkedAt });
      },
      categories: () => context.settings().categories,
      ratingDecaySeconds: () => positiveOr(this.store.get('ratingEDecay'), DEFAULT_RATING_E_DECAY),
    });
    this.refreshScheduler = new RefreshScheduler({
      clock: context.clock,
      random: context.random,
      intervalMs: this.#intervalMs(),
      lastCheckedAt: () => this.topPeers.snapshot().checkedAt,
      ...(options.refreshDelayMs ? { startDelayMs: options.refreshDelayMs } : {}),
      ...(context.backoffBaseMs ? { backoffBaseMs: context.backoffBaseMs } : {}),
      run: () => this.#refreshRun(),
      onFailure: (error, retryAt) => {
        if (!this.#stopped) context.status.reportFailure(error, retryAt);
      },
    });
    this.avatars = new AvatarCache(options.avatarDir, this.session);
    this.dialogs = new DialogsService({
      store: this.store,
      clock: context.clock,
      log: context.log,
      onChanged: (list) => {
        if (!this.#stopped) context.events.emit('chats:changed', list);
      },
    });
    this.dialogs.start(this.session);
    this.catchUp = new UpdatesCatchUp({
      session: this.session,
      store: this.store,
      onEntities: (entities) => this.topPeers.applyEntities(entities),
      onTooLong: async () => void (await this.topPeers.fetch({ full: true })),
    });
    this.chatPhotos = new ChatPhotos({
      dir: join(options.avatarDir, '..', 'photos'),
      transport: this.session,
      inputPeer: (key) => this.chats().inputPeerOf(key),
      cachedPhotoId: (key, id) => {
        const media = this.#chats?.cache.get(key, id)?.media;
        return media?.kind === 'photo' ? media.photoId : undefined;
      },
    });
    // The chat pane's service comes and goes with the login; the session's one listener set feeds it.
    this.session.onUpdate((update) => this.#chats?.handleUpdate(update));
  }

  get isReady(): boolean {
    return this.session.isReady;
  }

  #phone: string | undefined | null = null;

  /** The phone the account signed in with (not known after a QR login); read from the store once. */
  get phone(): string | undefined {
    if (this.#phone === null) {
      const saved = this.store.get('phone');
      this.#phone = typeof saved === 'string' ? saved : undefined;
    }
    return this.#phone;
  }

  /** Show what is cached at once (login, list), then connect; never rejects. */
  async start(): Promise<void> {
    // A FLOOD_WAIT from an earlier run still holds: say until when before anything asks.
    const waitUntil = this.session.gate.until(TOP_PEERS_METHOD);
    this.context.status.setSync(waitUntil ? { state: 'rate-limited', retryAt: waitUntil, message: 'Telegram asked to wait before the next refresh.' } : { state: 'idle' });
    const cached = this.topPeers.snapshot();
    if (cached.status !== 'empty') this.context.events.emit('topPeers:changed', cached);
    const chats = this.dialogs.snapshot();
    if (chats.status !== 'empty') this.context.events.emit('chats:changed', chats);
    const cachedSelf = SelfUser.safeParse(this.store.get('self'));
    await this.#startSession(cachedSelf.success ? cachedSelf.data : undefined, 0);
  }

  #chats: ChatsService | undefined;

  /**
   * History, sending, reading (core/chats): built once the account is ready, catching up from
   * the saved pts; its SQLite file lives beside the avatars and goes with them on logout.
   */
  chats(): ChatsService {
    if (this.#chats) return this.#chats;
    const chats = createChatsService({
      session: this.session,
      file: join(this.options.avatarDir, '..', 'chats.sqlite'),
      clock: this.context.clock,
      retryBaseMs: this.context.backoffBaseMs ?? DEFAULT_BACKOFF_MS,
      inputPeer: (key) => {
        // Any chat in the chat list (or the top peers) can be opened.
        const found = this.topPeers.peer(key) ?? this.dialogs.peer(key);
        return found ? toInputPeer(key, found.ref) : undefined;
      },
      onEvent: (event) => {
        if (this.#stopped) return;
        if (event.type === 'chat:view') this.context.events.emit('chat:view', event.view);
        else this.context.events.emit('chat:badges', { badges: [...event.badges] });
      },
    });
    this.#chats = chats;
    void chats.start().catch((error: unknown) => this.context.log('warn', `chat catch-up failed: ${toAppError(error, this.context.clock.now()).code}`));
    return chats;
  }

  /** Close the connection, the timers and the DC it dialled. A stopped profile says nothing more. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#startRetry !== undefined) this.context.clock.clearTimeout(this.#startRetry);
    this.#startRetry = undefined;
    this.refreshScheduler.stop();
    this.#chats?.stop();
    this.#chats = undefined;
    this.dialogs.stop();
    await this.session.stop();
    await this.options.closeDc?.();
  }

  /** A refresh the user asked for, answering with what Telegram said. */
  async refreshTopPeers(): Promise<RefreshResult> {
    let outcome: FetchOutcome | undefined;
    try {
      outcome = await this.refreshScheduler.refreshNow();
    } catch (error) {
      throw toAppError(error, this.context.clock.now());
    }
    const snapshot = this.topPeers.snapshot();
    // A run that found the session not ready asked nothing: the list is as it was.
    return { outcome: outcome ?? (snapshot.status === 'disabled' ? 'disabled' : 'not-modified'), snapshot };
  }

  /** A fetch with explicit categories/limit (the CLI), outside the scheduler. */
  async fetchTopPeers(options: FetchOptions): Promise<FetchResult> {
    await this.session.ensureConnected();
    const { outcome, snapshot } = await this.topPeers.fetch({ limit: DEFAULT_LIMIT, ...options });
    return { outcome, snapshot, hash: this.topPeers.hash };
  }

  /** A window came up: refresh if the last check is older than 2 minutes. */
  windowShown(): void {
    if (this.isReady && this.context.autoRefresh) this.refreshScheduler.windowShown();
  }

  /** Settings changed under the profile: a new interval reschedules; a new category set makes the hash meaningless. */
  settingsChanged(change: { intervalChanged: boolean; categoriesChanged: boolean }): void {
    if (change.intervalChanged) this.refreshScheduler.setInterval(this.#intervalMs());
    if (change.categoriesChanged && this.isReady) void this.refreshScheduler.refreshNow().catch(() => undefined);
  }

  #intervalMs(): number {
    return this.context.settings().refreshIntervalMinutes * 60_000;
  }

  #createSession(): TelegramSession {
    const { options, context } = this;
    return new TelegramSession({
      // Every call passes this gate: a FLOOD_WAIT holds for every path, and for the next process.
      gate: new CallGate(context.clock, options.store),
      apiId: options.apiId,
      apiHash: options.apiHash,
      ...(options.dc ? { dc: options.dc } : {}),
      secretStore: options.secretStore,
      clock: context.clock,
      demo: options.demo,
      ...(context.invokeTimeoutMs ? { invokeTimeoutMs: context.invokeTimeoutMs } : {}),
      onState: (state) => {
        if (this.#stopped) return;
        // The phone the account signed in with: the CLI's `--account +phone` finds it by this.
        if (state.status === 'logged-out' && state.login.step === 'code' && state.login.phone !== this.phone) {
          this.#phone = state.login.phone;
          this.store.set('phone', state.login.phone);
        }
        if (state.status === 'ready') {
          this.store.set('self', state.user);
          if (!this.#readyHandled) {
            this.#readyHandled = true;
            this.#onReady();
          }
        }
        context.status.setSession(state);
      },
      onSessionEnded: () => this.#onSessionEnded(),
      onEntities: (entities) => this.topPeers.applyEntities(entities),
      onUserStatus: (key, online) => this.topPeers.applyStatus(key, online),
      onUpdate: (update) => this.catchUp?.noteLive(update),
    });
  }

  /** Logged in (now or from the cache): learn rating_e_decay and keep the list fresh. */
  #onReady(): void {
    try {
      this.chats();
    } catch (error) {
      // The top-peer list must not depend on the chat cache (a native module): log it; chat:* calls report it.
      this.context.log('error', `chat history cache unavailable: ${(error as Error).message}`, error);
    }
    if (this.context.autoRefresh) this.refreshScheduler.start();
    // The scheduler waits while the top peers are fresh; a chat list never fetched (or dropped) is fetched now.
    if (this.context.autoRefresh && this.dialogs.snapshot().status === 'empty') {
      this.dialogs.refresh().catch((error: unknown) => this.context.log('warn', `fetching the chat list failed: ${toAppError(error, this.context.clock.now()).code}`));
    }
    if (this.catchUp.behind) void this.#catchUp();
    void this.session
      .invoke(new Api.help.GetConfig())
      .then((config) => this.store.set('ratingEDecay', config.ratingEDecay))
      .catch(() => undefined);
  }

  /** Logged out, or Telegram ended the session: nothing of the account stays behind. */
  #onSessionEnded(): void {
    this.#readyHandled = false;
    this.refreshScheduler.stop();
    this.topPeers.wipe();
    const chats = this.#chats;
    this.#chats = undefined;
    chats?.stop();
    chats?.cache.wipe();
    this.chatPhotos.wipe();
    this.dialogs.wipe();
    this.catchUp.forget();
    this.store.delete('self');
    this.store.delete('phone');
    this.#phone = undefined;
    rmSync(this.options.avatarDir, { recursive: true, force: true });
    if (!this.#stopped) this.context.status.setSync({ state: 'idle' });
  }

  async #refreshRun(): Promise<FetchOutcome | undefined> {
    if (!this.session.isReady) return undefined;
    // The gate would refuse the call anyway; asking it first spares a connect and a "refreshing" flicker.
    this.session.gate.check(TOP_PEERS_METHOD);
    this.context.status.setSync({ state: 'refreshing' });
    await this.session.ensureConnected();
    // Messages queued while offline go with the first connection that comes back.
    this.#chats?.connectionBack();
    // A catch-up that failed at start (offline) is retried with the first refresh that reaches Telegram.
    if (this.catchUp.behind) await this.#catchUp();
    const { outcome } = await this.topPeers.fetch();
    this.context.status.setSync({ state: 'idle' });
    // The chat list after the top peers, which the switcher shows first; with its hash it is cheap.
    // It is not part of the run: a refresh asked for while it loads (F5, the CLI, the scheduler)
    // would otherwise join this run and answer with a top-peers list fetched before it was asked.
    if (!this.#stopped) {
      this.dialogs.refresh().catch((error: unknown) => this.context.log('warn', `refreshing the chat list failed: ${toAppError(error, this.context.clock.now()).code}`));
    }
    return outcome;
  }

  /** A failed catch-up is logged and retried with the next refresh; it never fails what it runs inside. */
  async #catchUp(): Promise<void> {
    await this.catchUp.run().catch((error: unknown) => this.context.log('warn', `catch-up failed: ${toAppError(error, this.context.clock.now()).code}`));
  }

  async #startSession(cachedSelf: SelfUser | undefined, attempt: number): Promise<void> {
    try {
      await this.session.start(cachedSelf);
      this.#chats?.connectionBack();
      // Answer nothing (the CLI prints right after start) before what changed while away is in.
      if (this.session.isReady && this.catchUp.behind) await this.#catchUp();
    } catch (error) {
      if (this.#stopped) return; // replaced while connecting: the new profile speaks
      const { clock, log, status } = this.context;
      const appError = toAppError(error, clock.now());
      log('warn', `connecting failed: ${appError.code}`);
      if (appError.code !== 'NETWORK' && appError.code !== 'TIMEOUT') {
        status.setSync(errorSync(appError));
        return;
      }
      let retryIn = this.context.backoffBaseMs ?? DEFAULT_BACKOFF_MS;
      if (this.session.isReady) {
        // Offline with a cached login: the scheduler keeps retrying with backoff.
        if (this.context.autoRefresh) this.refreshScheduler.start();
      } else if (this.session.state.status === 'connecting') {
        // A saved login with no cached account to show (the store was lost): keep saying
        // "connecting" and try again with backoff until Telegram answers.
        retryIn = Math.min(retryIn * 2 ** attempt, START_RETRY_MAX_MS);
        this.#startRetry = clock.setTimeout(() => {
          this.#startRetry = undefined;
          if (!this.#stopped) void this.#startSession(undefined, attempt + 1);
        }, retryIn);
      }
      status.setSync({ state: 'offline', retryAt: clock.now() + retryIn, message: appError.message });
    }
  }
}

const positiveOr = (value: unknown, fallback: number): number => (typeof value === 'number' && value > 0 ? value : fallback);
