/**
 * Soak: 24 simulated hours (fake clock) of the real core against the local DC over TCP, the
 * world changing between refreshes — a new peer on top (a list change Telegram answers in
 * full), a rename (pushed live), or nothing. Checked at every simulated minute: exactly one
 * timer alive. Checked per change: exactly one push; per quiet interval: none. Reported: heap
 * growth from the first hour to the last (with --expose-gc when the runner allows it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus, TopPeersSnapshot } from '../../electron/shared/ipc-contract.js';
import { DEMO_ACCOUNTS, parsePeerKey, type World } from '../../electron/local-dc/world/index.js';
import { FakeClock } from '../unit/core/fake-clock.js';
import { loginMain, makeCore, startTestDc, type TestCore, type TestDc } from '../integration/core/harness.js';

const HOURS = Number(process.env.TOPSWITCH_SOAK_HOURS) || 24;
const MINUTE = 60_000;

let dc: TestDc;
beforeAll(async () => {
  dc = await startTestDc();
});
afterAll(() => dc.close());

async function until(predicate: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const heapUsed = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

describe('soak', { timeout: 30 * 60_000 }, () => {
  it(`${HOURS} simulated hours: one timer, one push per change, none without, bounded heap`, async () => {
    const clock = new FakeClock(Date.now());
    const t: TestCore = makeCore(dc, { clock, invokeTimeoutMs: 5_000 });
    const world = dc.world as World;
    const account = DEMO_ACCOUNTS.main.phone;
    let refreshing = false;
    let refreshes = 0;
    t.core.events.subscribe((event, payload) => {
      if (event !== 'sync:changed') return;
      const state = (payload as SyncStatus).state;
      if (state === 'refreshing') refreshing = true;
      else if (refreshing) {
        refreshing = false;
        refreshes += 1;
        expect(state).toBe('idle');
      }
    });
    const pushes = () => t.eventsOf('topPeers:changed').length;
    const list = () => t.core.api.getTopPeers();
    try {
      await t.core.start();
      await loginMain(t);
      await until(() => refreshes >= 1 && !refreshing, 'the first refresh');
      let expected = pushes();
      let changes = { rating: 0, rename: 0, none: 0 };
      let pending: 'rating' | 'none' | undefined;
      let lastRefreshes = refreshes;
      let heapAfterFirstHour = 0;
      for (let minute = 1; minute <= HOURS * 60; minute++) {
        await clock.advance(MINUTE);
        await until(() => !refreshing, 'a refresh to finish');
        expect(clock.pendingTimers(), `timers at minute ${minute}`).toBe(1);
        if (refreshes === lastRefreshes) continue;
        lastRefreshes = refreshes;
        // A refresh finished: what changed since the last one must have been pushed exactly once.
        if (pending === 'rating') expected += 1;
        expect(pushes(), `pushes after the refresh at minute ${minute} (${pending ?? 'first'})`).toBe(expected);
        pending = undefined;
        if (minute >= 60 && heapAfterFirstHour === 0) heapAfterFirstHour = heapUsed();
        // Change the world for the next interval: a new top peer, a rename, or nothing.
        const snapshot = list();
        const kind = (['rating', 'rename', 'none'] as const)[refreshes % 3]!;
        if (kind === 'rating') {
          const correspondents = snapshot.peers.filter((peer) => peer.categories.correspondents !== undefined);
          const top = Math.max(...correspondents.map((peer) => peer.categories.correspondents!));
          const last = correspondents.at(-1)!; // moves to the top: the order (and the hash) changes
          world.setRating(account, parsePeerKey(last.key as never), 'correspondents', top + 1);
          pending = 'rating';
        } else if (kind === 'rename') {
          const user = snapshot.peers.filter((peer) => peer.kind === 'user' && !peer.isSelf && !peer.deleted)[refreshes % 5]!;
          world.renamePeer(parsePeerKey(user.key as never), { firstName: `Renamed ${refreshes}` });
          expected += 1;
          await until(() => pushes() === expected, `the pushed rename of ${user.key} (${user.title}) at minute ${minute}, pushes ${pushes()} expected ${expected}`);
          expect(list().peers.find((peer) => peer.key === user.key)!.title).toBe(`Renamed ${refreshes}`);
          pending = 'none';
        } else pending = 'none';
        changes = { ...changes, [kind]: changes[kind] + 1 };
      }
      const heapEnd = heapUsed();
      const growthMb = (heapEnd - heapAfterFirstHour) / 2 ** 20;
      const report = { simulatedHours: HOURS, refreshes, changes, pushes: pushes(), heapAfterFirstHourMb: +(heapAfterFirstHour / 2 ** 20).toFixed(1), heapEndMb: +(heapEnd / 2 ** 20).toFixed(1), heapGrowthMb: +growthMb.toFixed(1), gc: typeof (globalThis as { gc?: unknown }).gc === 'function' };
      console.log(`soak ${JSON.stringify(report)}`);
      expect(refreshes).toBeGreaterThanOrEqual(HOURS * 5); // every 9-11 min
      expect(changes.rating).toBeGreaterThan(0);
      expect(changes.rename).toBeGreaterThan(0);
      // Bounded: a leak of a list per refresh (~50 kB each) would show as tens of MB here.
      expect(growthMb).toBeLessThan(32);
    } finally {
      await t.stop();
    }
  });
});
