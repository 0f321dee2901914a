/**
 * A reactive "now" that ticks only while something on screen reads it, so an idle switcher runs
 * no timers. One ticker per granularity: countdowns need seconds, "updated N min ago" does not.
 */
import { createSubscriber } from 'svelte/reactivity';

class Ticker {
  readonly #subscribe: () => void;

  constructor(intervalMs: number) {
    this.#subscribe = createSubscriber((update) => {
      const timer = setInterval(update, intervalMs);
      return () => clearInterval(timer);
    });
  }

  get now(): number {
    this.#subscribe();
    return Date.now();
  }
}

export const seconds = new Ticker(1000);
export const minutes = new Ticker(15_000);
