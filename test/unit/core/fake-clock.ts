/** A clock tests drive by hand: time moves only when told to, timers fire in order. */
import type { Clock, TimerHandle } from '../../../electron/core/clock.js';

export class FakeClock implements Clock {
  #now: number;
  #nextId = 1;
  readonly #timers = new Map<number, { at: number; callback: () => void }>();

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.#nextId++;
    // As Node does: a delay a 32-bit timer cannot hold (or NaN) fires after 1 ms instead.
    const delay = Number.isNaN(ms) || ms > 2 ** 31 - 1 ? 1 : Math.max(0, ms);
    this.#timers.set(id, { at: this.#now + delay, callback });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete(handle.id);
  }

  pendingTimers(): number {
    return this.#timers.size;
  }

  /** Let promise chains started by timers run to completion. */
  async settle(): Promise<void> {
    for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Move time forward, firing every timer due on the way (and what they schedule). */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      await this.settle();
      const due = [...this.#timers.entries()].filter(([, timer]) => timer.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.#now = due[1].at;
      due[1].callback();
    }
    this.#now = target;
    await this.settle();
  }

  /** Move time forward without firing timers (as if the machine slept). */
  jump(ms: number): void {
    this.#now += ms;
  }

  /** Fire every pending timer now, whatever its time (e.g. a QR token refresh). */
  async fireAll(): Promise<void> {
    const due = [...this.#timers.entries()];
    this.#timers.clear();
    for (const [, timer] of due) {
      this.#now = Math.max(this.#now, timer.at);
      timer.callback();
    }
    await this.settle();
  }
}
