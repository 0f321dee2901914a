/**
 * The one gramjs TelegramClient and the login state machine around it.
 *
 * Each login step is its own raw API call rather than gramjs's all-in-one `client.start`, so
 * the UI and the CLI can drive the steps one at a time and show errors where they belong; the
 * steps themselves live in login-flow.ts.
 * Every invoke goes through `invoke()`, which adds a timeout (gramjs has none) and maps gramjs
 * failures to contract error codes; a dead session (AUTH_KEY_UNREGISTERED, SESSION_REVOKED)
 * found by any call ends the session right there.
 */
import { Api, TelegramClient } from 'telegram';
import { StringSession } from 'telegram/sessions/StringSession.js';
import { Logger, LogLevel } from 'telegram/extensions/Logger.js';
import type { SelfUser, SessionState } from '../../shared/ipc-contract.js';
import { AppError } from '../errors.js';
import { withTimeout, type Clock } from '../clock.js';
import { connectionTo, OVERRIDE_DC_ID, PinnedPortSession, SESSION_PORT } from './dc-override.js';
import { CallGate, SHORT_WAIT_MS } from './call-gate.js';
import { trackConnections, type TrackedConnections } from './connections.js';
import { InvokeTimeoutError, toAppError } from './rpc-errors.js';
import type { SecretStore } from './secret-store.js';
import { BOT_REFUSAL, LoginFlow, selfUser } from './login-flow.js';

export { BOT_REFUSAL, selfUser };

export interface TelegramSessionOptions {
  apiId: number;
  apiHash: string;
  /** Dial this DC instead of Telegram's (its key must already be trusted, see dc-override.ts). */
  dc?: { host: string; port: number };
  secretStore: SecretStore;
  clock: Clock;
  demo: boolean;
  /** Upper bound for every call into Telegram (default 15 s). */
  invokeTimeoutMs?: number;
  /** The FLOOD_WAIT gate every call passes; give it the profile's store so waits outlive the process. */
  gate?: CallGate;
  /** Refresh a QR token this long before it expires (default 5 s). */
  qrRefreshLeadMs?: number;
  onState(state: SessionState): void;
  /** The session ended (logout, or Telegram revoked it): the owner wipes what belonged to it. */
  onSessionEnded(): void | Promise<void>;
  /** Users and chats that arrived with a server push (a rename, a new photo, a status): fresher than the cache. */
  onEntities?(entities: Array<Api.TypeUser | Api.TypeChat>): void;
  /** A user went online or offline (updateUserStatus): the switcher's online dot. */
  onUserStatus?(userKey: string, online: boolean): void;
  /** Every live update, raw (the catch-up state follows pts/qts through it). */
  onUpdate?(update: unknown): void;
}

type Invocable = Parameters<TelegramClient['invoke']>[0];

export class TelegramSession {
  #client: TelegramClient;
  #connections: TrackedConnections | undefined;
  #state: SessionState;
  readonly #login: LoginFlow;
  #connecting: Promise<void> | undefined;
  #savedSession = '';
  #clientUsed = false;
  #clientSuspect = false;
  /** Rejecters of the calls in flight on the current client: gramjs never settles them when the client is destroyed. */
  readonly #pending = new Set<(error: Error) => void>();
  #stopped = false;
  readonly #timeoutMs: number;
  readonly #updateListeners = new Set<(update: unknown) => void>();
  readonly #gate: CallGate;

  constructor(private readonly options: TelegramSessionOptions) {
    this.#timeoutMs = options.invokeTimeoutMs ?? 15_000;
    this.#gate = options.gate ?? new CallGate(options.clock);
    this.#login = new LoginFlow({
      options,
      state: () => this.#state,
      stopped: () => this.#stopped,
      setState: (state) => this.#setState(state),
      invoke: (request) => this.invoke(request),
      ensureConnected: () => this.ensureConnected(),
      sessionString: () => this.#sessionString(),
      resetClient: () => this.#resetClient(),
      switchDC: (dcId) => (this.#client as unknown as { _switchDC(dc: number): Promise<void> })._switchDC(dcId),
    });
    this.#client = this.#createClient('');
    this.#state = { status: 'connecting', demo: options.demo };
  }

  get state(): SessionState {
    return this.#state;
  }

  get isReady(): boolean {
    return this.#state.status === 'ready';
  }

  /**
   * Load the stored session and find out who we are. With a `cachedSelf` the state is 'ready'
   * before any network, so the cached list shows at once; a network failure is then thrown for
   * the caller to show as "offline" while the session stays ready. Without one, a network failure
   * leaves a saved session "connecting", and start() may be called again to retry.
   */
  async start(cachedSelf?: SelfUser): Promise<void> {
    const secret = await this.options.secretStore.get();
    // Called again after an offline start: the client of the failed attempt goes first.
    if (this.#clientUsed) {
      await this.#destroyClient();
      this.#clientUsed = false;
    }
    try {
      this.#client = this.#createClient(secret ?? '');
    } catch (error) {
      // A saved session that does not parse is as dead as a revoked one: wipe it and what belonged
      // to it, and ask for a login, rather than stay "connecting" with the old list on screen.
      this.#client = this.#createClient('');
      await this.#endSession();
      throw new AppError('NOT_LOGGED_IN', 'The saved Telegram session could not be read; log in again.', undefined, { cause: error });
    }
    if (secret && cachedSelf) this.#setState({ status: 'ready', demo: this.options.demo, user: cachedSelf });
    else this.#setState({ status: 'connecting', demo: this.options.demo });
    if (!secret) {
      this.#login.toPhoneStep();
      await this.ensureConnected();
      return;
    }
    try {
      await this.ensureConnected();
      const [me] = await this.invoke(new Api.users.GetUsers({ id: [new Api.InputUserSelf()] }));
      if (!(me instanceof Api.User)) throw new AppError('NOT_LOGGED_IN', 'This Telegram session has ended; log in again.');
      if (me.bot) {
        await this.#endSession();
        throw new AppError('BOT_ACCOUNT', BOT_REFUSAL);
      }
      this.#setState({ status: 'ready', demo: this.options.demo, user: selfUser(me) });
    } catch (error) {
      const appError = toAppError(error, this.options.clock.now());
      if (appError.code === 'NOT_LOGGED_IN') {
        // invoke() has already ended the session; make sure the state says so even if it had not.
        if (this.isReady || this.#state.status === 'connecting') await this.#endSession();
        return;
      }
      // A saved login that could not be checked for lack of network is still a login: it stays
      // "connecting" for the caller to try again, rather than asking for a phone number.
      const offline = appError.code === 'NETWORK' || appError.code === 'TIMEOUT';
      if (this.#state.status === 'connecting' && !offline) this.#login.toPhoneStep();
      throw appError;
    }
  }

  /** Connect if gramjs is not connected; a client that lost its way is replaced by a fresh one on the same session. */
  ensureConnected(): Promise<void> {
    if (this.#stopped) return Promise.reject(new AppError('NETWORK', 'TopSwitch is shutting down.'));
    // A client whose call timed out may be "connected" to a socket that no longer answers: rebuild it.
    if (this.#client.connected && !this.#clientSuspect) return Promise.resolve();
    // Single flight: a refresh and a login step asking at once must not build two clients.
    this.#connecting ??= this.#connect().finally(() => (this.#connecting = undefined));
    return this.#connecting;
  }

  async #connect(): Promise<void> {
    // A client that already tried is replaced rather than reused: gramjs can be left half-reconnected.
    if (this.#clientUsed) {
      const sessionString = this.#sessionString();
      await this.#destroyClient();
      this.#client = this.#createClient(sessionString);
    }
    this.#clientUsed = true;
    this.#clientSuspect = false;
    let connected = false;
    try {
      connected = await withTimeout(this.#client.connect(), this.#timeoutMs, () => new InvokeTimeoutError('connect', this.#timeoutMs));
    } catch (error) {
      // gramjs keeps retrying a connect we gave up on: close its sockets now, not at the next attempt.
      await this.#destroyClient();
      throw toAppError(error, this.options.clock.now()).code === 'TIMEOUT'
        ? new AppError('NETWORK', 'Cannot reach Telegram.', undefined, { cause: error })
        : toAppError(error, this.options.clock.now());
    }
    if (!connected) throw new AppError('NETWORK', 'Cannot reach Telegram.');
  }

  /** The FLOOD_WAIT deadlines, for the status line and the CLI's `status`. */
  get gate(): CallGate {
    return this.#gate;
  }

  /**
   * Every call into Telegram: refused locally while Telegram's FLOOD_WAIT for its method runs,
   * bounded in time, errors mapped, a dead session ended.
   */
  async invoke<R extends Invocable>(request: R, options: { dcId?: number } = {}): Promise<R['__response']> {
    const method = request.className;
    this.#gate.check(method);
    try {
      return await this.#invokeOnce(request, options);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'RATE_LIMITED' || error.retryAt === undefined) throw error;
      this.#gate.record(method, error.retryAt);
      const wait = error.retryAt - this.options.clock.now();
      // A short wait is slept through once; a second FLOOD_WAIT, or a long one, goes to the caller.
      if (wait > SHORT_WAIT_MS || this.#stopped) throw error;
      await new Promise<void>((resolve) => this.options.clock.setTimeout(resolve, wait));
      if (this.#stopped) throw error;
      try {
        return await this.#invokeOnce(request, options);
      } catch (again) {
        if (again instanceof AppError && again.code === 'RATE_LIMITED' && again.retryAt !== undefined) this.#gate.record(method, again.retryAt);
        throw again;
      }
    }
  }

  async #invokeOnce<R extends Invocable>(request: R, options: { dcId?: number }): Promise<R['__response']> {
    // Only another DC needs another sender (photos on a foreign DC); the home DC uses the main one.
    const dcId = options.dcId !== undefined && options.dcId !== this.#client.session.dcId ? options.dcId : undefined;
    try {
      let abandon: (error: Error) => void = () => {};
      const abandoned = new Promise<never>((_, reject) => (abandon = reject));
      this.#pending.add(abandon);
      try {
        return await withTimeout(Promise.race([this.#client.invoke(request, dcId), abandoned]), this.#timeoutMs, () => new InvokeTimeoutError(request.className, this.#timeoutMs));
      } finally {
        this.#pending.delete(abandon);
      }
    } catch (error) {
      if (error instanceof InvokeTimeoutError) this.#clientSuspect = true;
      const appError = toAppError(error, this.options.clock.now());
      // Only the home DC speaks for the login: a 401 from a file DC means that DC's borrowed
      // authorization failed, not that Telegram ended the session, so nothing is wiped for it.
      if (appError.code === 'NOT_LOGGED_IN' && this.#state.status === 'ready' && dcId === undefined) await this.#endSession();
      throw appError;
    }
  }

  /**
   * Every update gramjs dispatches (bundle members carry their users/chats as `_entities`), for
   * services that keep their state current; survives client rebuilds. Returns the unsubscribe.
   */
  onUpdate(listener: (update: unknown) => void): () => void {
    this.#updateListeners.add(listener);
    return () => this.#updateListeners.delete(listener);
  }

  // ----------------------------------------------------------------------------------------
  // Login: phone → code (→ password); or QR (the steps live in login-flow.ts)
  // ----------------------------------------------------------------------------------------

  submitPhone(input: string): Promise<SessionState> {
    return this.#login.submitPhone(input);
  }

  resendCode(): Promise<SessionState> {
    return this.#login.resendCode();
  }

  submitCode(code: string): Promise<SessionState> {
    return this.#login.submitCode(code);
  }

  submitPassword(password: string): Promise<SessionState> {
    return this.#login.submitPassword(password);
  }

  /** Show a QR code; Telegram's updateLoginToken (the phone scanned it) or the token's expiry moves it on. */
  startQr(): Promise<SessionState> {
    return this.#login.startQr();
  }

  /** Back to the phone step (from code, password or QR). */
  restartLogin(): SessionState {
    return this.#login.restart();
  }

  async logout(): Promise<SessionState> {
    if (this.isReady) {
      // Best effort: the local session is wiped even when Telegram cannot be told.
      await this.invoke(new Api.auth.LogOut()).catch(() => undefined);
    }
    await this.#endSession();
    return this.#state;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#login.clearQrTimer();
    await this.#destroyClient();
  }

  // ----------------------------------------------------------------------------------------

  #createClient(sessionString: string): TelegramClient {
    this.#savedSession = sessionString;
    this.#clientUsed = false;
    const { dc } = this.options;
    const session = dc ? new PinnedPortSession(sessionString) : new StringSession(sessionString);
    if (dc && !sessionString) session.setDC(OVERRIDE_DC_ID, dc.host, SESSION_PORT);
    const connections = trackConnections(dc ? connectionTo(dc.host, dc.port) : undefined);
    this.#connections = connections;
    const client = new TelegramClient(session, this.options.apiId, this.options.apiHash, {
      connection: connections.Connection,
      connectionRetries: 2,
      retryDelay: 500,
      autoReconnect: true,
      // Every FLOOD_WAIT surfaces as "rate-limited until …" instead of a silent sleep inside a call.
      floodSleepThreshold: 0,
      baseLogger: new Logger(LogLevel.NONE),
      deviceModel: 'TopSwitch',
      appVersion: '0.1',
    });
    client.addEventHandler((update: unknown) => {
      if (update instanceof Api.UpdateLoginToken) void this.#onLoginTokenAccepted();
      this.options.onUpdate?.(update);
      // gramjs hangs the users/chats of an `updates` bundle on each update it dispatches.
      const entities = (update as { _entities?: Map<unknown, Api.TypeUser | Api.TypeChat> } | null)?._entities;
      if (entities && entities.size > 0) this.options.onEntities?.([...entities.values()]);
      if (update instanceof Api.UpdateUserStatus) {
        this.options.onUserStatus?.(`user:${update.userId.toString()}`, update.status instanceof Api.UserStatusOnline);
      }
      for (const listener of this.#updateListeners) listener(update);
    });
    return client;
  }

  #sessionString(): string {
    const session = this.#client.session as StringSession;
    // A StringSession that has not connected yet may not have its key loaded: fall back to what it was built from.
    const saved = session.save();
    if (saved) this.#savedSession = saved;
    return saved || this.#savedSession;
  }

  async #destroyClient(): Promise<void> {
    const client = this.#client;
    const connections = this.#connections;
    // Calls in flight end now, as a lost connection, instead of at their timeout.
    for (const abandon of [...this.#pending]) abandon(new Error('Connection closed: the Telegram client was shut down'));
    this.#pending.clear();
    await Promise.all([
      withTimeout(client.destroy(), 5_000, () => new Error('destroy timed out')).catch(() => undefined),
      connections?.closeAll(),
    ]);
  }

  /** Sockets the current client holds open (tests, the bench). */
  get openConnections(): number {
    return this.#connections?.open ?? 0;
  }

  #setState(state: SessionState): void {
    this.#state = state;
    this.options.onState(state);
  }

  #onLoginTokenAccepted(): Promise<void> {
    return this.#login.onLoginTokenAccepted();
  }

  async #resetClient(): Promise<void> {
    await this.#destroyClient();
    this.#client = this.#createClient('');
  }

  async #endSession(): Promise<void> {
    this.#login.clearQrTimer();
    await this.options.secretStore.delete();
    await this.#resetClient();
    await this.options.onSessionEnded();
    this.#login.toPhoneStep();
  }
}

