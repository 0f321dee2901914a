/**
 * Where the user stands with Telegram: first run, connecting, a login step, or ready. The core owns
 * the state machine; this store mirrors it from `session:get`, every call's answer and the
 * `session:changed` push, and keeps the last action's error for the screen that caused it.
 */
import type { Channel, ChannelArgs, SessionState } from '../../../../electron/shared/ipc-contract';
import { call, on } from '../api';
import { toUiError, type UiError } from '../errors';

type SessionChannel =
  | 'session:setCredentials'
  | 'session:startDemo'
  | 'session:logout'
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
  /** How many pushes came: a read answered before the latest push is older than it. */
  pushes = 0;

  listen(): () => void {
    return on('session:changed', (next) => {
      this.pushes++;
      this.state = next;
    });
  }

  /** Runs one step of the login machine; resolves false (with `error` set) when Telegram said no. */
  async act<C extends SessionChannel & Channel>(channel: C, args: ChannelArgs<C>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      const invoke = call as (channel: C, args: ChannelArgs<C>) => Promise<SessionState>;
      this.state = await invoke(channel, args);
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
