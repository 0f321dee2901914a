/**
 * What the user sees of the core's connection: the session state (login step, ready, …) and the
 * sync status (idle, refreshing, offline, rate-limited, error). One per core; the current profile
 * writes to it, the API reads it, and every change is pushed (`session:changed`, `sync:changed`).
 */
import type { SessionState, SyncStatus } from '../shared/ipc-contract.js';
import type { Clock } from './clock.js';
import { AppError } from './errors.js';
import type { EventBus } from './router.js';
import { toAppError } from './telegram/rpc-errors.js';

export class CoreStatus {
  #session: SessionState = { status: 'connecting', demo: false };
  #sync: SyncStatus = { state: 'idle' };

  constructor(
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  get session(): SessionState {
    return this.#session;
  }

  get sync(): SyncStatus {
    return this.#sync;
  }

  setSession(state: SessionState): void {
    this.#session = state;
    this.events.emit('session:changed', state);
  }

  setSync(next: SyncStatus): void {
    if (JSON.stringify(next) === JSON.stringify(this.#sync)) return;
    this.#sync = next;
    this.events.emit('sync:changed', next);
  }

  /** A failed refresh, as the user should see it; `retryAt` is when the scheduler tries again. */
  reportFailure(error: unknown, retryAt: number): void {
    this.setSync(describeFailure(error, retryAt, this.clock.now()));
  }

  /**
   * Every refresh the user asks for passes here: asking before Telegram's named wait is over
   * would only earn another FLOOD_WAIT.
   */
  assertNotRateLimited(): void {
    const sync = this.#sync;
    if (sync.state === 'rate-limited' && sync.retryAt !== undefined && sync.retryAt > this.clock.now()) {
      throw new AppError('RATE_LIMITED', 'Telegram asked to wait before the next refresh.', sync.retryAt);
    }
  }
}

function describeFailure(error: unknown, retryAt: number, now: number): SyncStatus {
  const appError = toAppError(error, now);
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
