/**
 * What the user sees of the core's connection: the session state (login step, ready, …) and the
 * sync status (idle, refreshing, offline, rate-limited, error). One per core; each profile writes
 * to its own `AccountStatus` view, the API reads the whole, and every change is pushed
 * (`session:changed`, `sync:changed`, and through `onAccountChanged` the accounts list).
 *
 * With several accounts the session the screens follow is the focused account's (the one being
 * added, else the first); the sync shown is the focused account's, or when that one is idle the
 * first other account's that is not, so one account offline is said without hiding the others.
 */
import type { SessionState, SyncStatus } from '../shared/ipc-contract.js';
import type { Clock } from './clock.js';
import type { EventBus } from './router.js';
import type { AppError } from './errors.js';
import { storageProblem, toAppError } from './telegram/rpc-errors.js';

/** What one profile writes: its own session state and sync status. */
export interface AccountStatus {
  readonly session: SessionState;
  readonly sync: SyncStatus;
  setSession(state: SessionState): void;
  setSync(next: SyncStatus): void;
  reportFailure(error: unknown, retryAt: number): void;
}

interface AccountView {
  session: SessionState;
  sync: SyncStatus;
}

export class CoreStatus {
  #session: SessionState = { status: 'connecting', demo: false };
  #sync: SyncStatus = { state: 'idle' };
  readonly #views = new Map<number, AccountView>();
  #focus: number | undefined;
  /** Told whenever an account's own session or sync changes (the accounts list is pushed from it). */
  onAccountChanged: () => void = () => {};

  constructor(
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /** The view profile `account` writes to; a new one starts connecting and idle. */
  forAccount(account: number): AccountStatus {
    const view: AccountView = { session: { status: 'connecting', demo: false }, sync: { state: 'idle' } };
    this.#views.set(account, view);
    const owns = () => this.#views.get(account) === view;
    return {
      get session() {
        return view.session;
      },
      get sync() {
        return view.sync;
      },
      setSession: (state) => {
        view.session = state;
        if (!owns()) return;
        if (this.#focus === account) this.setSession(state);
        this.onAccountChanged();
      },
      setSync: (next) => {
        if (JSON.stringify(next) === JSON.stringify(view.sync)) return;
        view.sync = next;
        if (!owns()) return;
        this.#publishSync();
        this.onAccountChanged();
      },
      reportFailure: (error, retryAt) => {
        const next = describeFailure(error, retryAt, this.clock.now());
        if (JSON.stringify(next) === JSON.stringify(view.sync)) return;
        view.sync = next;
        if (!owns()) return;
        this.#publishSync();
        this.onAccountChanged();
      },
    };
  }

  /** The account's view is gone with its profile. */
  dropAccount(account: number): void {
    this.#views.delete(account);
    if (this.#focus === account) this.#focus = undefined;
    this.#publishSync();
  }

  /** The account the screens follow (undefined: none, the core says what it says directly). */
  focus(account: number | undefined): void {
    this.#focus = account;
    const view = account === undefined ? undefined : this.#views.get(account);
    if (view && JSON.stringify(view.session) !== JSON.stringify(this.#session)) this.setSession(view.session);
    this.#publishSync();
  }

  accountSession(account: number): SessionState | undefined {
    return this.#views.get(account)?.session;
  }

  accountSync(account: number): SyncStatus | undefined {
    return this.#views.get(account)?.sync;
  }

  #publishSync(): void {
    const focused = this.#focus === undefined ? undefined : this.#views.get(this.#focus);
    if (!focused) return;
    const busy = focused.sync.state !== 'idle' ? focused : [...this.#views.values()].find((view) => view.sync.state !== 'idle');
    this.setSync((busy ?? focused).sync);
  }

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
      return errorSync(appError);
  }
}

/**
 * The 'error' sync state for a failure: its English message for the CLI and the log, its code
 * (and the disk problem behind a failed write) for a screen to say in the user's language.
 */
export function errorSync(appError: AppError): SyncStatus {
  // The system's error code is the AppError's cause (toAppError keeps it).
  const storage = storageProblem(appError);
  return { state: 'error', message: appError.message.slice(0, 1000), code: appError.code, ...(storage ? { storage } : {}) };
}
