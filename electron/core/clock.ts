/**
 * Time as the core sees it. Schedulers, token refreshes and retry times read the clock through
 * this interface so tests can drive them with a fake clock instead of sleeping.
 */
export type TimerHandle = { readonly id: number };

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The longest delay a JS timer holds: setTimeout turns anything longer into ~1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A delay a timer can hold: non-negative, finite, at most MAX_TIMER_MS. A longer wait (a 30-day
 * FLOOD_WAIT) then fires early, and whoever set it checks the real deadline again.
 */
export function clampTimerMs(ms: number): number {
  if (Number.isNaN(ms)) return 0;
  return Math.min(MAX_TIMER_MS, Math.max(0, Math.round(ms)));
}

/** The real clock. Timers are unref'd: a pending refresh must never keep a CLI process alive. */
export function systemClock(): Clock {
  const timers = new Map<number, NodeJS.Timeout>();
  let nextId = 1;
  return {
    now: () => Date.now(),
    setTimeout(callback, ms) {
      const id = nextId++;
      const timer = setTimeout(() => {
        timers.delete(id);
        callback();
      }, clampTimerMs(ms));
      timer.unref();
      timers.set(id, timer);
      return { id };
    },
    clearTimeout(handle) {
      const timer = timers.get(handle.id);
      if (timer) clearTimeout(timer);
      timers.delete(handle.id);
    },
  };
}

/** Reject with `onTimeout()` if `promise` has not settled after `ms`; the timer never outlives the race. */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), clampTimerMs(ms));
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
