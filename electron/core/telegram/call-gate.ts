/**
 * The one gate every Telegram call passes (TelegramSession.invoke calls it), whichever path asked:
 * scheduler, window shown, a settings change, IPC, the CLI. A FLOOD_WAIT is Telegram saying "not
 * this method again before T": the gate records T per method, refuses calls of that method until
 * then with a typed RATE_LIMITED error (no request leaves the machine), and persists the
 * deadlines so the next app launch or CLI run honours them too.
 */
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { Clock } from '../clock.js';
import type { KeyValueStore } from '../store.js';

/** Waits up to this long may be slept through once inside the call, as gramjs's own threshold does. */
export const SHORT_WAIT_MS = 30_000;

export const FLOOD_WAITS_KEY = 'floodWaits';
const StoredWaits = z.record(z.string().max(128), z.number().finite());

export interface FloodWait {
  method: string;
  retryAt: number;
}

export class CallGate {
  readonly #waits = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly store?: KeyValueStore,
    private readonly onChange?: (waits: FloodWait[]) => void,
  ) {
    const stored = StoredWaits.safeParse(store?.get(FLOOD_WAITS_KEY));
    if (stored.success) for (const [method, retryAt] of Object.entries(stored.data)) this.#waits.set(method, retryAt);
    this.#prune();
  }

  /** Throws RATE_LIMITED (with retryAt) when Telegram asked not to call `method` yet. */
  check(method: string): void {
    const retryAt = this.#waits.get(method);
    if (retryAt === undefined) return;
    if (retryAt <= this.clock.now()) {
      this.#waits.delete(method);
      this.#persist();
      return;
    }
    throw new AppError('RATE_LIMITED', `Telegram asked to wait until ${new Date(retryAt).toISOString()} before ${describeMethod(method)} again.`, retryAt);
  }

  /** Telegram answered FLOOD_WAIT for `method`: nothing of it leaves before `retryAt`. */
  record(method: string, retryAt: number): void {
    if (!Number.isFinite(retryAt) || retryAt <= this.clock.now()) return;
    if ((this.#waits.get(method) ?? 0) >= retryAt) return;
    this.#waits.set(method, retryAt);
    this.#persist();
  }

  /** When `method` may be called again, or undefined when it may be called now. */
  until(method: string): number | undefined {
    const retryAt = this.#waits.get(method);
    return retryAt !== undefined && retryAt > this.clock.now() ? retryAt : undefined;
  }

  /** Every wait still running, latest first. */
  active(): FloodWait[] {
    const now = this.clock.now();
    return [...this.#waits.entries()]
      .filter(([, retryAt]) => retryAt > now)
      .map(([method, retryAt]) => ({ method, retryAt }))
      .sort((a, b) => b.retryAt - a.retryAt);
  }

  #prune(): void {
    const now = this.clock.now();
    for (const [method, retryAt] of this.#waits) if (retryAt <= now) this.#waits.delete(method);
  }

  #persist(): void {
    this.#prune();
    const waits = Object.fromEntries(this.#waits);
    if (this.store) {
      if (this.#waits.size === 0) this.store.delete(FLOOD_WAITS_KEY);
      else this.store.set(FLOOD_WAITS_KEY, waits);
    }
    this.onChange?.(this.active());
  }
}

/** 'contacts.GetTopPeers' → 'contacts.getTopPeers', the spelling Telegram's docs use. */
export function describeMethod(method: string): string {
  const dot = method.lastIndexOf('.');
  return dot < 0 ? method : `${method.slice(0, dot + 1)}${method.charAt(dot + 1).toLowerCase()}${method.slice(dot + 2)}`;
}
