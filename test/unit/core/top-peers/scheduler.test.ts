import { describe, expect, it } from 'vitest';
import { RefreshScheduler, MIN_INTERVAL_MS, MAX_INTERVAL_MS } from '../../../../electron/core/top-peers/scheduler.js';
import { AppError } from '../../../../electron/core/errors.js';
import { FakeClock } from '../fake-clock.js';

function setup(options: { lastCheckedAt?: number | null; run?: () => Promise<void>; intervalMs?: number } = {}) {
  const clock = new FakeClock(1_000_000);
  let runs = 0;
  const failures: { error: unknown; retryAt: number }[] = [];
  let lastChecked: number | null = options.lastCheckedAt === undefined ? null : options.lastCheckedAt;
  const scheduler = new RefreshScheduler({
    clock,
    random: () => 0.5, // jitter factor exactly 1
    intervalMs: options.intervalMs ?? 10 * 60_000,
    lastCheckedAt: () => lastChecked,
    run: async () => {
      runs += 1;
      await (options.run ?? (async () => {}))();
      lastChecked = clock.now();
    },
    onFailure: (error, retryAt) => failures.push({ error, retryAt }),
  });
  return { clock, scheduler, runs: () => runs, failures };
}

describe('RefreshScheduler', () => {
  it('refreshes at once when never checked, then every interval, with exactly one timer', async () => {
    const { clock, scheduler, runs } = setup();
    scheduler.start();
    await clock.settle();
    expect(runs()).toBe(1);
    expect(clock.pendingTimers()).toBe(1);
    expect(scheduler.nextRunAt).toBe(clock.now() + 10 * 60_000);
    await clock.advance(10 * 60_000);
    expect(runs()).toBe(2);
    expect(clock.pendingTimers()).toBe(1);
    scheduler.stop();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('waits for the rest of the interval when the cache is recent', async () => {
    const { clock, scheduler, runs } = setup({ lastCheckedAt: 1_000_000 - 4 * 60_000 });
    scheduler.start();
    await clock.settle();
    expect(runs()).toBe(0);
    expect(scheduler.nextRunAt).toBe(1_000_000 + 6 * 60_000);
    await clock.advance(6 * 60_000);
    expect(runs()).toBe(1);
    scheduler.stop();
  });

  it('applies jitter from the injected random source', async () => {
    for (const [random, expected] of [[0, 9 * 60_000], [0.999999, 11 * 60_000]] as const) {
      const clock = new FakeClock(0);
      const scheduler = new RefreshScheduler({ clock, random: () => random, intervalMs: 10 * 60_000, lastCheckedAt: () => null, run: async () => {} });
      scheduler.start();
      await clock.settle();
      expect(scheduler.nextRunAt).toBe(expected);
      scheduler.stop();
    }
  });

  it('clamps the interval to 1 minute … 24 hours', () => {
    const { scheduler, clock } = setup({ lastCheckedAt: 1_000_000, intervalMs: 5 });
    scheduler.start();
    expect(scheduler.nextRunAt).toBe(clock.now() + MIN_INTERVAL_MS);
    scheduler.setInterval(10 ** 12);
    expect(scheduler.nextRunAt).toBe(clock.now() + MAX_INTERVAL_MS);
    expect(clock.pendingTimers()).toBe(1);
    scheduler.stop();
  });

  it('is single-flight: concurrent requests share one run', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { scheduler, runs, clock } = setup({ run: () => gate });
    scheduler.start();
    const a = scheduler.refreshNow();
    const b = scheduler.refreshNow();
    scheduler.windowShown();
    expect(a).toBe(b);
    release();
    await a;
    expect(runs()).toBe(1);
    expect(clock.pendingTimers()).toBe(1);
    scheduler.stop();
  });

  it('refreshes on window show only when the last check is older than 2 minutes', async () => {
    const { scheduler, runs, clock } = setup({ lastCheckedAt: 1_000_000 });
    scheduler.start();
    await clock.advance(60_000);
    scheduler.windowShown();
    await clock.settle();
    expect(runs()).toBe(0);
    await clock.advance(61_000 + 1);
    scheduler.windowShown();
    await clock.settle();
    expect(runs()).toBe(1);
    expect(clock.pendingTimers()).toBe(1);
    scheduler.stop();
  });

  it('backs off exponentially after failures and resets after a success', async () => {
    let fail = true;
    const { scheduler, clock, runs, failures } = setup({
      run: async () => {
        if (fail) throw new AppError('NETWORK', 'down');
      },
    });
    scheduler.start();
    await clock.settle();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      delays.push(scheduler.nextRunAt! - clock.now());
      await clock.advance(scheduler.nextRunAt! - clock.now());
    }
    expect(delays).toEqual([15_000, 30_000, 60_000, 120_000]);
    expect(failures.length).toBe(5);
    expect(clock.pendingTimers()).toBe(1);
    fail = false;
    await clock.advance(scheduler.nextRunAt! - clock.now());
    expect(scheduler.failures).toBe(0);
    expect(scheduler.nextRunAt! - clock.now()).toBe(10 * 60_000);
    expect(runs()).toBe(6);
    scheduler.stop();
  });

  it('waits at least as long as a FLOOD_WAIT asks', async () => {
    const { scheduler, clock, failures } = setup({
      run: async () => {
        throw new AppError('RATE_LIMITED', 'wait', clock.now() + 3_600_000);
      },
    });
    await expect(scheduler.refreshNow()).rejects.toThrow('wait');
    scheduler.start();
    await clock.settle();
    expect(failures.at(-1)!.retryAt).toBe(clock.now() + 3_600_000);
    expect(scheduler.nextRunAt).toBe(clock.now() + 3_600_000);
    scheduler.stop();
  });

  it('keeps no timer after stop, even when a run finishes later', async () => {
    let release!: () => void;
    const { scheduler, clock } = setup({ run: () => new Promise<void>((resolve) => (release = resolve)) });
    scheduler.start();
    const flight = scheduler.refreshNow();
    scheduler.stop();
    release();
    await flight;
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('RefreshScheduler and server waits longer than a timer holds', () => {
  it('FLOOD_WAIT of 30 days: no retry storm; the one timer re-arms until the deadline', async () => {
    const thirtyDays = 2_600_000 * 1000;
    let fail = true;
    const { clock, scheduler, runs, failures } = setup({
      run: async () => {
        if (fail) throw new AppError('RATE_LIMITED', 'wait', clock.now() + thirtyDays);
      },
    });
    scheduler.start();
    await clock.settle();
    expect(runs()).toBe(1);
    const retryAt = failures[0]!.retryAt;
    expect(retryAt).toBeGreaterThanOrEqual(1_000_000 + thirtyDays);
    // Node fires an over-long timer after 1 ms: without the clamp this would run again at once.
    await clock.advance(3_000);
    expect(runs()).toBe(1);
    expect(clock.pendingTimers()).toBe(1);
    await clock.advance(thirtyDays - 10_000);
    expect(runs()).toBe(1);
    expect(clock.pendingTimers()).toBe(1);
    fail = false;
    await clock.advance(retryAt - clock.now());
    expect(runs()).toBe(2);
    scheduler.stop();
    expect(clock.pendingTimers()).toBe(0);
  });
});
