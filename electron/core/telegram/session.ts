/**
 * The one gramjs TelegramClient and the login state machine around it.
 *
 * Each login step is its own raw API call (auth.sendCode, auth.signIn, account.getPassword +
 * auth.checkPassword, auth.exportLoginToken) rather than gramjs's all-in-one `client.start`, so
 * the UI and the CLI can drive the steps one at a time and show errors where they belong.
 * Every invoke goes through `invoke()`, which adds a timeout (gramjs has none) and maps gramjs
 * failures to contract error codes; a dead session (AUTH_KEY_UNREGISTERED, SESSION_REVOKED)
 * found by any call ends the session right there.
 */
import { Api, TelegramClient } from 'telegram';
import { StringSession } from 'telegram/sessions/StringSession.js';
import { Logger, LogLevel } from 'telegram/extensions/Logger.js';
import { computeCheck } from 'telegram/Password.js';
import type { CodeDelivery, LoginStep, SelfUser, SessionState } from '../../shared/ipc-contract.js';
import { AppError } from '../errors.js';
import { withTimeout, type Clock, type TimerHandle } from '../clock.js';
import { connectionTo, OVERRIDE_DC_ID, PinnedPortSession, SESSION_PORT } from './dc-override.js';
import { InvokeTimeoutError, rpcMessage, toAppError } from './rpc-errors.js';
import type { SecretStore } from './secret-store.js';

export const BOT_REFUSAL = 'TopSwitch needs a user account: Telegram does not give top peers to bots';
const BOT_TOKEN = /^\d{3,}:[A-Za-z0-9_-]{30,}$/;

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
  /** Refresh a QR token this long before it expires (default 5 s). */
  qrRefreshLeadMs?: number;
  onState(state: SessionState): void;
  /** The session ended (logout, or Telegram revoked it): the owner wipes what belonged to it. */
  onSessionEnded(): void | Promise<void>;
  /** Users and chats that arrived with a server push (a rename, a new photo, a status): fresher than the cache. */
  onEntities?(entities: Array<Api.TypeUser | Api.TypeChat>): void;
  /** A user went online or offline (updateUserStatus): the switcher's online dot. */
  onUserStatus?(userKey: string, online: boolean): void;
}

type Invocable = Parameters<TelegramClient['invoke']>[0];

export class TelegramSession {
  #client: TelegramClient;
  #state: SessionState;
  #phone = '';
  #phoneCodeHash = '';
  #qrTimer: TimerHandle | undefined;
  #qrBusy = false;
  #connecting: Promise<void> | undefined;
  #savedSession = '';
  #clientUsed = false;
  #clientSuspect = false;
  #stopped = false;
  readonly #timeoutMs: number;
  readonly #updateListeners = new Set<(update: unknown) => void>();

  constructor(private readonly options: TelegramSessionOptions) {
    this.#timeoutMs = options.invokeTimeoutMs ?? 15_000;
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
    this.#client = this.#createClient(secret ?? '');
    if (secret && cachedSelf) this.#setState({ status: 'ready', demo: this.options.demo, user: cachedSelf });
    else this.#setState({ status: 'connecting', demo: this.options.demo });
    if (!secret) {
      this.#toPhoneStep();
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
      if (this.#state.status === 'connecting' && !offline) this.#toPhoneStep();
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
      throw toAppError(error, this.options.clock.now()).code === 'TIMEOUT'
        ? new AppError('NETWORK', 'Cannot reach Telegram.', undefined, { cause: error })
        : toAppError(error, this.options.clock.now());
    }
    if (!connected) throw new AppError('NETWORK', 'Cannot reach Telegram.');
  }

  /** Every call into Telegram: bounded in time, errors mapped, a dead session ended. */
  async invoke<R extends Invocable>(request: R, options: { dcId?: number } = {}): Promise<R['__response']> {
    // Only another DC needs another sender (photos on a foreign DC); the home DC uses the main one.
    const dcId = options.dcId !== undefined && options.dcId !== this.#client.session.dcId ? options.dcId : undefined;
    try {
      return await withTimeout(this.#client.invoke(request, dcId), this.#timeoutMs, () => new InvokeTimeoutError(request.className, this.#timeoutMs));
    } catch (error) {
      if (error instanceof InvokeTimeoutError) this.#clientSuspect = true;
      const appError = toAppError(error, this.options.clock.now());
      if (appError.code === 'NOT_LOGGED_IN' && this.#state.status === 'ready') await this.#endSession();
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
  // Login: phone → code (→ password); or QR
  // ----------------------------------------------------------------------------------------

  async submitPhone(input: string): Promise<SessionState> {
    const phone = input.trim();
    if (BOT_TOKEN.test(phone)) throw new AppError('BOT_ACCOUNT', BOT_REFUSAL);
    this.#expectLoggedOut(['phone', 'code']);
    await this.options.secretStore.assertWritable?.();
    const phoneNumber = phone.replace(/[\s()-]/g, '');
    if (!/^\+?\d{5,15}$/.test(phoneNumber)) {
      throw new AppError('PHONE_NUMBER_INVALID', 'That phone number is not valid. Use the international format, e.g. +44 7700 900123.');
    }
    await this.ensureConnected();
    const sent = await this.invoke(
      new Api.auth.SendCode({ phoneNumber, apiId: this.options.apiId, apiHash: this.options.apiHash, settings: new Api.CodeSettings({}) }),
    );
    this.#phone = phoneNumber;
    if (sent instanceof Api.auth.SentCodeSuccess) return this.#completeLogin(sent.authorization);
    return this.#toCodeStep(sent);
  }

  async resendCode(): Promise<SessionState> {
    this.#expectLoggedOut(['code']);
    const sent = await this.invoke(new Api.auth.ResendCode({ phoneNumber: this.#phone, phoneCodeHash: this.#phoneCodeHash }));
    if (sent instanceof Api.auth.SentCodeSuccess) return this.#completeLogin(sent.authorization);
    return this.#toCodeStep(sent);
  }

  async submitCode(code: string): Promise<SessionState> {
    this.#expectLoggedOut(['code']);
    try {
      const authorization = await this.invoke(
        new Api.auth.SignIn({ phoneNumber: this.#phone, phoneCodeHash: this.#phoneCodeHash, phoneCode: code.trim() }),
      );
      return await this.#completeLogin(authorization);
    } catch (error) {
      if (error instanceof AppError && rpcMessage(error.cause) === 'SESSION_PASSWORD_NEEDED') {
        // The account has a cloud password (2FA): ask for it.
        return this.#toPasswordStep();
      }
      // No account behind the number: the code step leads nowhere, start over.
      if (error instanceof AppError && error.code === 'PHONE_NUMBER_UNOCCUPIED') this.#toPhoneStep();
      throw error;
    }
  }

  async submitPassword(password: string): Promise<SessionState> {
    this.#expectLoggedOut(['password']);
    // The SRP parameters are single-use: fetch fresh ones for every attempt.
    const params = await this.invoke(new Api.account.GetPassword());
    const check = await computeCheck(params, password);
    const authorization = await this.invoke(new Api.auth.CheckPassword({ password: check }));
    return this.#completeLogin(authorization);
  }

  /** Show a QR code; Telegram's updateLoginToken (the phone scanned it) or the token's expiry moves it on. */
  async startQr(): Promise<SessionState> {
    this.#expectLoggedOut(['phone', 'code', 'password', 'qr']);
    await this.options.secretStore.assertWritable?.();
    await this.ensureConnected();
    await this.#exportLoginToken();
    return this.#state;
  }

  /** Back to the phone step (from code, password or QR). */
  restartLogin(): SessionState {
    this.#expectLoggedOut(['phone', 'code', 'password', 'qr']);
    this.#toPhoneStep();
    return this.#state;
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
    this.#clearQrTimer();
    await this.#destroyClient();
  }

  // ----------------------------------------------------------------------------------------

  #createClient(sessionString: string): TelegramClient {
    this.#savedSession = sessionString;
    this.#clientUsed = false;
    const { dc } = this.options;
    const session = dc ? new PinnedPortSession(sessionString) : new StringSession(sessionString);
    if (dc && !sessionString) session.setDC(OVERRIDE_DC_ID, dc.host, SESSION_PORT);
    const client = new TelegramClient(session, this.options.apiId, this.options.apiHash, {
      ...(dc ? { connection: connectionTo(dc.host, dc.port) } : {}),
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
    await withTimeout(client.destroy(), 5_000, () => new Error('destroy timed out')).catch(() => undefined);
  }

  #setState(state: SessionState): void {
    this.#state = state;
    this.options.onState(state);
  }

  #setLogin(login: LoginStep): SessionState {
    if (login.step !== 'qr') this.#clearQrTimer();
    this.#setState({ status: 'logged-out', demo: this.options.demo, login });
    return this.#state;
  }

  #toPhoneStep(): void {
    this.#phone = '';
    this.#phoneCodeHash = '';
    this.#setLogin({ step: 'phone' });
  }

  #toCodeStep(sent: Api.auth.SentCode): SessionState {
    this.#phoneCodeHash = sent.phoneCodeHash;
    const { delivery, codeLength } = describeSentCode(sent.type);
    const next = sent.nextType ? describeNextType(sent.nextType) : undefined;
    return this.#setLogin({
      step: 'code',
      phone: this.#phone.slice(0, 32),
      delivery,
      ...(codeLength ? { codeLength } : {}),
      ...(next ? { nextDelivery: next } : {}),
      ...(sent.timeout ? { resendAt: this.options.clock.now() + sent.timeout * 1000 } : {}),
    });
  }

  #expectLoggedOut(steps: LoginStep['step'][]): void {
    const state = this.#state;
    if (state.status === 'ready') throw new AppError('WRONG_STEP', 'Already logged in.');
    if (state.status !== 'logged-out' || !steps.includes(state.login.step)) {
      const where = state.status === 'logged-out' ? `the ${state.login.step} step` : state.status;
      throw new AppError('WRONG_STEP', `That does not fit the current login step (${where}).`);
    }
  }

  async #completeLogin(authorization: Api.auth.TypeAuthorization): Promise<SessionState> {
    if (authorization instanceof Api.auth.AuthorizationSignUpRequired) {
      this.#toPhoneStep();
      throw new AppError('PHONE_NUMBER_UNOCCUPIED', 'No Telegram account uses this number. Sign up in a Telegram app first.');
    }
    const user = authorization.user;
    if (!(user instanceof Api.User)) throw new AppError('TELEGRAM', 'Telegram answered the login without a user.');
    if (user.bot) {
      await this.invoke(new Api.auth.LogOut()).catch(() => undefined);
      this.#toPhoneStep();
      throw new AppError('BOT_ACCOUNT', BOT_REFUSAL);
    }
    try {
      await this.options.secretStore.set(this.#sessionString());
    } catch (error) {
      // Refuse rather than keep a session we cannot protect: tell Telegram, forget it, say why.
      await this.invoke(new Api.auth.LogOut()).catch(() => undefined);
      await this.#resetClient();
      this.#toPhoneStep();
      throw error instanceof AppError ? error : new AppError('SECRET_STORAGE_UNAVAILABLE', 'The Telegram session could not be stored securely.');
    }
    this.#clearQrTimer();
    this.#setState({ status: 'ready', demo: this.options.demo, user: selfUser(user) });
    return this.#state;
  }

  async #exportLoginToken(): Promise<void> {
    let result: Api.auth.TypeLoginToken;
    try {
      result = await this.invoke(
        new Api.auth.ExportLoginToken({ apiId: this.options.apiId, apiHash: this.options.apiHash, exceptIds: [] }),
      );
    } catch (error) {
      // Scanned by an account with a cloud password: continue at the password step.
      if (error instanceof AppError && rpcMessage(error.cause) === 'SESSION_PASSWORD_NEEDED') {
        await this.#toPasswordStep();
        return;
      }
      throw error;
    }
    await this.#handleLoginToken(result);
  }

  async #toPasswordStep(): Promise<SessionState> {
    const password = await this.invoke(new Api.account.GetPassword());
    return this.#setLogin({ step: 'password', ...(password.hint ? { hint: password.hint.slice(0, 256) } : {}) });
  }

  async #handleLoginToken(result: Api.auth.TypeLoginToken): Promise<void> {
    if (result instanceof Api.auth.LoginTokenSuccess) {
      await this.#completeLogin(result.authorization);
      return;
    }
    if (result instanceof Api.auth.LoginTokenMigrateTo) {
      // The account lives on another DC: switch there and import the token (gramjs keeps the pinned connection).
      await (this.#client as unknown as { _switchDC(dc: number): Promise<void> })._switchDC(result.dcId);
      const imported = await this.invoke(new Api.auth.ImportLoginToken({ token: result.token }));
      await this.#handleLoginToken(imported);
      return;
    }
    const expiresAt = result.expires * 1000;
    this.#setLogin({ step: 'qr', url: `tg://login?token=${Buffer.from(result.token).toString('base64url')}`, expiresAt });
    this.#clearQrTimer();
    const lead = this.options.qrRefreshLeadMs ?? 5_000;
    const delay = Math.max(1_000, expiresAt - lead - this.options.clock.now());
    this.#qrTimer = this.options.clock.setTimeout(() => void this.#refreshQr(), delay);
  }

  /** The token is about to expire (or was accepted): ask again; errors leave the current QR up until the next try. */
  async #refreshQr(): Promise<void> {
    this.#qrTimer = undefined;
    const state = this.#state;
    if (this.#qrBusy || state.status !== 'logged-out' || state.login.step !== 'qr') return;
    this.#qrBusy = true;
    try {
      await this.#exportLoginToken();
    } catch {
      if (!this.#qrTimer && !this.#stopped) this.#qrTimer = this.options.clock.setTimeout(() => void this.#refreshQr(), 5_000);
    } finally {
      this.#qrBusy = false;
    }
  }

  async #onLoginTokenAccepted(): Promise<void> {
    this.#clearQrTimer();
    await this.#refreshQr();
  }

  #clearQrTimer(): void {
    if (this.#qrTimer) this.options.clock.clearTimeout(this.#qrTimer);
    this.#qrTimer = undefined;
  }

  async #resetClient(): Promise<void> {
    await this.#destroyClient();
    this.#client = this.#createClient('');
  }

  async #endSession(): Promise<void> {
    this.#clearQrTimer();
    await this.options.secretStore.delete();
    await this.#resetClient();
    await this.options.onSessionEnded();
    this.#toPhoneStep();
  }
}

export function selfUser(user: Api.User): SelfUser {
  const title = [user.firstName, user.lastName].filter(Boolean).join(' ') || user.username || 'Me';
  return {
    key: `user:${user.id.toString()}`,
    title: title.slice(0, 256),
    ...(user.username ? { username: user.username.slice(0, 64) } : {}),
  };
}

function describeSentCode(type: Api.auth.TypeSentCodeType): { delivery: CodeDelivery; codeLength?: number } {
  const length = 'length' in type && typeof type.length === 'number' ? type.length : undefined;
  const withLength = (delivery: CodeDelivery) => (length ? { delivery, codeLength: length } : { delivery });
  if (type instanceof Api.auth.SentCodeTypeApp) return withLength('app');
  if (type instanceof Api.auth.SentCodeTypeSms) return withLength('sms');
  if (type instanceof Api.auth.SentCodeTypeCall) return withLength('call');
  if (type instanceof Api.auth.SentCodeTypeFlashCall) return { delivery: 'flash-call' };
  if (type instanceof Api.auth.SentCodeTypeMissedCall) return withLength('missed-call');
  if (type instanceof Api.auth.SentCodeTypeEmailCode) return withLength('email');
  if (type instanceof Api.auth.SentCodeTypeFragmentSms) return withLength('fragment');
  return withLength('other');
}

function describeNextType(type: Api.auth.TypeCodeType): CodeDelivery {
  if (type instanceof Api.auth.CodeTypeSms) return 'sms';
  if (type instanceof Api.auth.CodeTypeCall) return 'call';
  if (type instanceof Api.auth.CodeTypeFlashCall) return 'flash-call';
  if (type instanceof Api.auth.CodeTypeMissedCall) return 'missed-call';
  if (type instanceof Api.auth.CodeTypeFragmentSms) return 'fragment';
  return 'other';
}
