/**
 * The login steps of a TelegramSession: phone → code (→ cloud password), or a QR code.
 *
 * Each step is its own raw API call (auth.sendCode, auth.signIn, account.getPassword +
 * auth.checkPassword, auth.exportLoginToken) so the UI and the CLI can drive them one at a time.
 * The session owns the client and the state; this holds only what a login in progress needs
 * (the phone, the code hash, the QR refresh timer) and reaches the rest through `LoginHost`.
 */
import { Api, type TelegramClient } from 'telegram';
import { computeCheck } from 'telegram/Password.js';
import type { CodeDelivery, LoginStep, SelfUser, SessionState } from '../../shared/ipc-contract.js';
import { AppError } from '../errors.js';
import { clampTimerMs, type TimerHandle } from '../clock.js';
import { rpcMessage } from './rpc-errors.js';
import type { TelegramSessionOptions } from './session.js';

export const BOT_REFUSAL = 'TopSwitch needs a user account: Telegram does not give top peers to bots';
const BOT_TOKEN = /^\d{3,}:[A-Za-z0-9_-]{30,}$/;

type Invocable = Parameters<TelegramClient['invoke']>[0];

/** What the login steps need of the session that owns the client. */
export interface LoginHost {
  readonly options: TelegramSessionOptions;
  state(): SessionState;
  stopped(): boolean;
  setState(state: SessionState): void;
  invoke<R extends Invocable>(request: R): Promise<R['__response']>;
  ensureConnected(): Promise<void>;
  sessionString(): string;
  /** Drop the client and start a fresh one with no session. */
  resetClient(): Promise<void>;
  /** Move the client to another DC (a QR token accepted by an account that lives there). */
  switchDC(dcId: number): Promise<void>;
}

export class LoginFlow {
  #phone = '';
  #phoneCodeHash = '';
  #qrTimer: TimerHandle | undefined;
  #qrBusy = false;

  constructor(private readonly host: LoginHost) {}

  get #options(): TelegramSessionOptions {
    return this.host.options;
  }

  async submitPhone(input: string): Promise<SessionState> {
    const phone = input.trim();
    if (BOT_TOKEN.test(phone)) throw new AppError('BOT_ACCOUNT', BOT_REFUSAL);
    this.#expectLoggedOut(['phone', 'code']);
    await this.#options.secretStore.assertWritable?.();
    const phoneNumber = phone.replace(/[\s()-]/g, '');
    if (!/^\+?\d{5,15}$/.test(phoneNumber)) {
      throw new AppError('PHONE_NUMBER_INVALID', 'That phone number is not valid. Use the international format, e.g. +44 7700 900123.');
    }
    await this.host.ensureConnected();
    const sent = await this.host.invoke(
      new Api.auth.SendCode({ phoneNumber, apiId: this.#options.apiId, apiHash: this.#options.apiHash, settings: new Api.CodeSettings({}) }),
    );
    this.#phone = phoneNumber;
    if (sent instanceof Api.auth.SentCodeSuccess) return this.#completeLogin(sent.authorization);
    return this.#toCodeStep(sent);
  }

  async resendCode(): Promise<SessionState> {
    this.#expectLoggedOut(['code']);
    const sent = await this.host.invoke(new Api.auth.ResendCode({ phoneNumber: this.#phone, phoneCodeHash: this.#phoneCodeHash }));
    if (sent instanceof Api.auth.SentCodeSuccess) return this.#completeLogin(sent.authorization);
    return this.#toCodeStep(sent);
  }

  async submitCode(code: string): Promise<SessionState> {
    this.#expectLoggedOut(['code']);
    try {
      const authorization = await this.host.invoke(
        new Api.auth.SignIn({ phoneNumber: this.#phone, phoneCodeHash: this.#phoneCodeHash, phoneCode: code.trim() }),
      );
      return await this.#completeLogin(authorization);
    } catch (error) {
      if (error instanceof AppError && rpcMessage(error.cause) === 'SESSION_PASSWORD_NEEDED') {
        // The account has a cloud password (2FA): ask for it.
        return this.#toPasswordStep();
      }
      // No account behind the number: the code step leads nowhere, start over.
      if (error instanceof AppError && error.code === 'PHONE_NUMBER_UNOCCUPIED') this.toPhoneStep();
      throw error;
    }
  }

  async submitPassword(password: string): Promise<SessionState> {
    this.#expectLoggedOut(['password']);
    // The SRP parameters are single-use: fetch fresh ones for every attempt.
    const params = await this.host.invoke(new Api.account.GetPassword());
    const check = await computeCheck(params, password);
    const authorization = await this.host.invoke(new Api.auth.CheckPassword({ password: check }));
    return this.#completeLogin(authorization);
  }

  /** Show a QR code; Telegram's updateLoginToken (the phone scanned it) or the token's expiry moves it on. */
  async startQr(): Promise<SessionState> {
    this.#expectLoggedOut(['phone', 'code', 'password', 'qr']);
    await this.#options.secretStore.assertWritable?.();
    await this.host.ensureConnected();
    await this.#exportLoginToken();
    return this.host.state();
  }

  /** Back to the phone step (from code, password or QR). */
  restart(): SessionState {
    this.#expectLoggedOut(['phone', 'code', 'password', 'qr']);
    this.toPhoneStep();
    return this.host.state();
  }

  toPhoneStep(): void {
    this.#phone = '';
    this.#phoneCodeHash = '';
    this.#setLogin({ step: 'phone' });
  }

  /** Telegram's updateLoginToken: the QR was scanned, ask for the token's outcome now. */
  async onLoginTokenAccepted(): Promise<void> {
    this.clearQrTimer();
    await this.#refreshQr();
  }

  clearQrTimer(): void {
    if (this.#qrTimer) this.#options.clock.clearTimeout(this.#qrTimer);
    this.#qrTimer = undefined;
  }

  #setLogin(login: LoginStep): SessionState {
    if (login.step !== 'qr') this.clearQrTimer();
    this.host.setState({ status: 'logged-out', demo: this.#options.demo, login });
    return this.host.state();
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
      ...(sent.timeout ? { resendAt: this.#options.clock.now() + sent.timeout * 1000 } : {}),
    });
  }

  #expectLoggedOut(steps: LoginStep['step'][]): void {
    const state = this.host.state();
    if (state.status === 'ready') throw new AppError('WRONG_STEP', 'Already logged in.');
    if (state.status !== 'logged-out' || !steps.includes(state.login.step)) {
      const where = state.status === 'logged-out' ? `the ${state.login.step} step` : state.status;
      throw new AppError('WRONG_STEP', `That does not fit the current login step (${where}).`);
    }
  }

  async #completeLogin(authorization: Api.auth.TypeAuthorization): Promise<SessionState> {
    if (authorization instanceof Api.auth.AuthorizationSignUpRequired) {
      this.toPhoneStep();
      throw new AppError('PHONE_NUMBER_UNOCCUPIED', 'No Telegram account uses this number. Sign up in a Telegram app first.');
    }
    const user = authorization.user;
    if (!(user instanceof Api.User)) throw new AppError('TELEGRAM', 'Telegram answered the login without a user.');
    if (user.bot) {
      await this.host.invoke(new Api.auth.LogOut()).catch(() => undefined);
      this.toPhoneStep();
      throw new AppError('BOT_ACCOUNT', BOT_REFUSAL);
    }
    try {
      await this.#options.secretStore.set(this.host.sessionString());
    } catch (error) {
      // Refuse rather than keep a session we cannot protect: tell Telegram, forget it, say why.
      await this.host.invoke(new Api.auth.LogOut()).catch(() => undefined);
      await this.host.resetClient();
      this.toPhoneStep();
      throw error instanceof AppError ? error : new AppError('SECRET_STORAGE_UNAVAILABLE', 'The Telegram session could not be stored securely.');
    }
    this.clearQrTimer();
    this.host.setState({ status: 'ready', demo: this.#options.demo, user: selfUser(user) });
    return this.host.state();
  }

  async #exportLoginToken(): Promise<void> {
    let result: Api.auth.TypeLoginToken;
    try {
      result = await this.host.invoke(
        new Api.auth.ExportLoginToken({ apiId: this.#options.apiId, apiHash: this.#options.apiHash, exceptIds: [] }),
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
    const password = await this.host.invoke(new Api.account.GetPassword());
    return this.#setLogin({ step: 'password', ...(password.hint ? { hint: password.hint.slice(0, 256) } : {}) });
  }

  async #handleLoginToken(result: Api.auth.TypeLoginToken): Promise<void> {
    if (result instanceof Api.auth.LoginTokenSuccess) {
      await this.#completeLogin(result.authorization);
      return;
    }
    if (result instanceof Api.auth.LoginTokenMigrateTo) {
      // The account lives on another DC: switch there and import the token (gramjs keeps the pinned connection).
      await this.host.switchDC(result.dcId);
      const imported = await this.host.invoke(new Api.auth.ImportLoginToken({ token: result.token }));
      await this.#handleLoginToken(imported);
      return;
    }
    const expiresAt = result.expires * 1000;
    this.#setLogin({ step: 'qr', url: `tg://login?token=${Buffer.from(result.token).toString('base64url')}`, expiresAt });
    this.clearQrTimer();
    const lead = this.#options.qrRefreshLeadMs ?? 5_000;
    const delay = Math.max(1_000, expiresAt - lead - this.#options.clock.now());
    this.#qrTimer = this.#options.clock.setTimeout(() => void this.#refreshQr(), clampTimerMs(delay));
  }

  /** The token is about to expire (or was accepted): ask again; errors leave the current QR up until the next try. */
  async #refreshQr(): Promise<void> {
    this.#qrTimer = undefined;
    const state = this.host.state();
    if (this.#qrBusy || state.status !== 'logged-out' || state.login.step !== 'qr') return;
    this.#qrBusy = true;
    try {
      await this.#exportLoginToken();
    } catch {
      if (!this.#qrTimer && !this.host.stopped()) this.#qrTimer = this.#options.clock.setTimeout(() => void this.#refreshQr(), 5_000);
    } finally {
      this.#qrBusy = false;
    }
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
