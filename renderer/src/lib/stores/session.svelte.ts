/**
 * Where the user stands with Telegram: first run, connecting, a login step, or ready. The core owns
 * the state machine; this store mirrors it from `session:get`, every call's answer and the
 * `session:changed` push, and keeps the last action's error for the screen that caused it.
 */
import type { Channel, ChannelArgs, Revision, SessionState } from '../../../../electron/shared/ipc-contract';
import { on, read, type Revised } from '../api';
import { toUiError, type UiError } from '../errors';
import { Newest } from './revision';

type SessionChannel =
  | 'session:setCredentials'
  | 'session:startDemo'
  | 'session:logout'
  | 'accounts:add'
  | 'accounts:cancelAdd'
  | 'login:submitPhone'
  | 'login:submitCode'
  | 'login:resendCode'
  | 'login:submitPassword'
  | 'login:startQr'
  | 'login:restart';

class SessionStore {
  state = $state.raw<SessionState | null>(null);
  /** The last action's failure, shown inline next to what the user did. */
  error = $state.raw<UiError | null>(null);
  busy = $state(false);
  readonly #newest = new Newest();

  /** The revision of the state shown: anything read under an account is newer than it, or stale. */
  get revision(): Revision {
    return this.#newest.revision;
  }

  listen(): () => void {
    return on('session:changed', (value, revision) => this.apply({ value, revision }));
  }

  read(): Promise<Revised<SessionState>> {
    return read('session:get');
  }

  /** Shows `snapshot` if it is newer than the state shown; says whether it was. */
  apply(snapshot: Revised<SessionState>): boolean {
    if (!this.#newest.take(snapshot.revision)) return false;
    this.state = snapshot.value;
    return true;
  }

  /** Runs one step of the login machine; resolves false (with `error` set) when Telegram said no. */
  async act<C extends SessionChannel & Channel>(channel: C, args: ChannelArgs<C>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      const invoke = read as (channel: C, args: ChannelArgs<C>) => Promise<Revised<SessionState>>;
      this.apply(await invoke(channel, args));
      return true;
    } catch (cause) {
      this.error = toUiError(cause);
      return false;
    } finally {
      this.busy = false;
    }
  }

  clearError(): void {
    this.error = null;
  }
}

export const session = new SessionStore();
