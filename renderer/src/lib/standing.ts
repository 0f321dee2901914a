/**
 * How the switcher ranks a top peer when nothing is typed and breaks ties when something is: the
 * server's rating blended with local use (frecency).
 *
 * THE BLEND
 *   R(p) = the peer's best top-peer rating from Telegram (the "All" tab's rating);
 *   F(p) = local frecency: every open from TopSwitch adds 1, and the sum halves every 3 days
 *          (F = Σ 0.5^(age / 3 days) over the opens);
 *   M    = the median R over the list (1 when the list is empty or all zero);
 *   standing(p) = R(p) + M · F(p).
 * So one open today weighs as much as a typical (median) peer's whole server rating, and fades
 * back to Telegram's order in a week or two. Telegram's own rating already gets tdesktop's bump
 * on each open (core: bumpOnOpen); this blend is TopSwitch's, on top, and stays on this device.
 */
import type { Peer } from '../../../electron/shared/ipc-contract';
import { CATEGORIES } from '../../../electron/shared/categories';

export const FRECENCY_HALF_LIFE_MS = 3 * 24 * 60 * 60_000;

/** A decayed open counter: its value at `at`. */
export interface Usage {
  readonly score: number;
  readonly at: number;
}

/** The counter after one more open at `now`. */
export function recordOpen(usage: Usage | undefined, now: number): Usage {
  return { score: frecency(usage, now) + 1, at: now };
}

/** F at `now`. */
export function frecency(usage: Usage | undefined, now: number): number {
  if (!usage || !(usage.score > 0)) return 0;
  const age = Math.max(0, now - usage.at);
  return usage.score * 0.5 ** (age / FRECENCY_HALF_LIFE_MS);
}

/** R: the best rating over every category (the "All" tab). */
export function serverRating(peer: Pick<Peer, 'categories'>): number {
  let best = 0;
  for (const category of CATEGORIES) {
    const rating = peer.categories[category];
    if (rating !== undefined && Number.isFinite(rating) && rating > best) best = rating;
  }
  return best;
}

function median(values: number[]): number {
  const positive = values.filter((value) => value > 0).sort((a, b) => a - b);
  if (positive.length === 0) return 1;
  const middle = positive.length >> 1;
  return positive.length % 2 === 1 ? positive[middle]! : (positive[middle - 1]! + positive[middle]!) / 2;
}

/** standing(p) for every peer of the list, given the local use of each key. */
export function createStanding(peers: readonly Peer[], usageOf: (key: string) => Usage | undefined, now: number): (peer: Pick<Peer, 'key' | 'categories'>) => number {
  // M is needed only once some peer has local use: a list nobody opened from here ranks by R alone.
  let scale: number | undefined;
  return (peer) => {
    const used = frecency(usageOf(peer.key), now);
    return serverRating(peer) + (used === 0 ? 0 : (scale ??= median(peers.map(serverRating))) * used);
  };
}
