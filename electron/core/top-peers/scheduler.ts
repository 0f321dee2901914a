/**
 * When to ask Telegram for top peers: every interval (with jitter, so many clients do not poll in
 * step), when the window is shown and the last check is older than 2 minutes, and on demand.
 * One run at a time (a second request joins the running one), exactly one timer alive, and
 * exponential backoff after failures — or the server's own retry time, when it named one.
 */
import { clampTimerMs, type Clock, type TimerHandle } from '../clock.js';
import { AppError } from '../errors.js';

export const MIN_INTERVAL_MS = 60_000;
export const MAX_INTERVAL_MS = 24 * 60 * 60_000;
export const STALE_ON_SHOW_MS = 2 * 60_000;

export interface RefreshSchedulerOptions<T = void> {
  clock: Clock;
  /** 0 ≤ random() < 1; injected so tests pin the jitter. */
  random: () => number;
  /** The refresh itself; throws on failure. What it resolves to, refreshNow() hands back. */
  run: () => Promise<T>;
  intervalMs: number;
  /** When the list was last checked with Telegram (null: never). */
  lastCheckedAt: () => number | null;
  /** ±fraction of the interval (default 0.1). */
  jitter?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Told after each failure, with when the next attempt is scheduled. */
  onFailure?: (error: unknown, retryAt: number) => void;
}

export class RefreshScheduler<T = void> {
  #timer: TimerHandle | undefined;
  #inFlight: Promise<T> | undefined;
  #failures = 0;
  #intervalMs: number;
  #running = false;
  #nextRunAt: number | undefined;
  /** Bumped by stop(): a run that outlives it (a logout mid-refresh) reports nothing. */
  #generation = 0;

  constructor(private readonly options: RefreshSchedulerOptions<T>) {
    this.#intervalMs = clampInterval(options.intervalMs);
  }

  get nextRunAt(): number | undefined {
    return this.#nextRunAt;
  }

  get failures(): number {
    return this.#failures;
  }

  /** Begin: refresh now if the last check is older than one interval, else wait for the rest of it. */
  start(): void {
    this.#running = true;
    const last = this.options.lastCheckedAt();
    const due = last === null ? 0 : last + this.#intervalMs - this.options.clock.now();
    if (due <= 0) void this.refreshNow().catch(() => undefined);
    else this.#schedule(due);
  }

  stop(): void {
    this.#running = false;
    this.#generation += 1;
    this.#clear();
  }

  setInterval(ms: number): void {
    this.#intervalMs = clampInterval(ms);
    if (this.#running && !this.#inFlight && this.#failures === 0) this.#schedule(this.#withJitter(this.#intervalMs));
  }

  windowShown(): void {
    const last = this.options.lastCheckedAt();
    if (last === null || this.options.clock.now() - last > STALE_ON_SHOW_MS) void this.refreshNow().catch(() => undefined);
  }

  /** Refresh now; joins a refresh already running and resolves with its result. Rejects with the run's error (already scheduled for retry). */
  refreshNow(): Promise<T> {
    if (this.#inFlight) return this.#inFlight;
    this.#clear();
    const generation = this.#generation;
    const flight = (async () => {
      try {
        const result = await this.options.run();
        if (generation !== this.#generation) return result;
        this.#failures = 0;
        if (this.#running) this.#schedule(this.#withJitter(this.#intervalMs));
        return result;
      } catch (error) {
        if (generation !== this.#generation) throw error;
        this.#failures += 1;
        const delay = this.#retryDelay(error);
        if (this.#running) this.#schedule(delay);
        this.options.onFailure?.(error, this.options.clock.now() + delay);
        throw error;
      } finally {
        this.#inFlight = undefined;
      }
    })();
    this.#inFlight = flight;
    return flight;
  }

  #retryDelay(error: unknown): number {
    const base = this.options.backoffBaseMs ?? 15_000;
    const max = this.options.backoffMaxMs ?? 30 * 60_000;
    const backoff = Math.min(max, base * 2 ** (this.#failures - 1));
    const jittered = backoff * (0.75 + 0.5 * this.options.random());
    // A server-named time is the answer: asking earlier only earns another FLOOD_WAIT, and
    // refusals by the call gate while it runs must not stretch the backoff beyond it.
    const serverWait = error instanceof AppError && error.retryAt !== undefined ? error.retryAt - this.options.clock.now() : 0;
    return serverWait > 0 ? serverWait : Math.round(jittered);
  }

  #withJitter(ms: number): number {
    const jitter = this.options.jitter ?? 0.1;
    return Math.round(ms * (1 - jitter + 2 * jitter * this.options.random()));
  }

  #schedule(ms: number): void {
    this.#clear();
    const runAt = this.options.clock.now() + ms;
    this.#nextRunAt = runAt;
    // A server-named wait can exceed what a timer holds: wake early and sleep again until runAt.
    const arm = () => {
      this.#timer = this.options.clock.setTimeout(() => {
        if (this.options.clock.now() < runAt) return arm();
        this.#timer = undefined;
        this.#nextRunAt = undefined;
        void this.refreshNow().catch(() => undefined);
      }, clampTimerMs(runAt - this.options.clock.now()));
    };
    arm();
  }

  #clear(): void {
    if (this.#timer) this.options.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#nextRunAt = undefined;
  }
}

export function clampInterval(ms: number): number {
  return Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, Number.isFinite(ms) ? ms : MIN_INTERVAL_MS));
}
