import { describe, expect, it } from 'vitest';
import { CallGate, FLOOD_WAITS_KEY, describeMethod } from '../../../../electron/core/telegram/call-gate.js';
import { clampTimerMs, MAX_TIMER_MS } from '../../../../electron/core/clock.js';
import { createMemoryStore } from '../../../../electron/core/store.js';
import { AppError } from '../../../../electron/core/errors.js';
import { FakeClock } from '../fake-clock.js';

describe('CallGate', () => {
  it('refuses a method with RATE_LIMITED until its deadline, other methods pass', () => {
    const clock = new FakeClock(1_000);
    const gate = new CallGate(clock);
    gate.record('contacts.GetTopPeers', 601_000);
    let thrown: unknown;
    try {
      gate.check('contacts.GetTopPeers');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: 'RATE_LIMITED', retryAt: 601_000 });
    expect((thrown as Error).message).toContain('contacts.getTopPeers');
    expect(() => gate.check('users.GetUsers')).not.toThrow();
    clock.jump(600_000);
    expect(() => gate.check('contacts.GetTopPeers')).not.toThrow();
    expect(gate.active()).toEqual([]);
  });

  it('keeps the later of two deadlines and ignores past ones', () => {
    const clock = new FakeClock(0);
    const gate = new CallGate(clock);
    gate.record('m.A', 10_000);
    gate.record('m.A', 5_000);
    gate.record('m.B', -1);
    expect(gate.until('m.A')).toBe(10_000);
    expect(gate.until('m.B')).toBeUndefined();
  });

  it('persists deadlines so the next process honours them, and drops expired ones from the store', () => {
    const clock = new FakeClock(0);
    const store = createMemoryStore();
    new CallGate(clock, store).record('contacts.GetTopPeers', 2_600_000_000);
    expect(store.get(FLOOD_WAITS_KEY)).toEqual({ 'contacts.GetTopPeers': 2_600_000_000 });
    const next = new CallGate(clock, store);
    expect(() => next.check('contacts.GetTopPeers')).toThrow(AppError);
    clock.jump(2_600_000_000);
    next.check('contacts.GetTopPeers');
    expect(store.get(FLOOD_WAITS_KEY)).toBeUndefined();
  });

  it('survives a store entry that does not parse', () => {
    const store = createMemoryStore({ [FLOOD_WAITS_KEY]: { 'm.A': 'soon' } });
    expect(new CallGate(new FakeClock(0), store).active()).toEqual([]);
  });

  it('names methods as Telegram documents them', () => {
    expect(describeMethod('contacts.GetTopPeers')).toBe('contacts.getTopPeers');
  });
});

describe('clampTimerMs', () => {
  it('keeps every delay within what a timer holds', () => {
    expect(clampTimerMs(2_600_000_000)).toBe(MAX_TIMER_MS);
    expect(clampTimerMs(Infinity)).toBe(MAX_TIMER_MS);
    expect(clampTimerMs(-5)).toBe(0);
    expect(clampTimerMs(Number.NaN)).toBe(0);
    expect(clampTimerMs(1_500)).toBe(1_500);
  });
});
