/**
 * A seeded PRNG for the demo world. The world's content must be identical on every run (tests
 * compare two worlds byte for byte, screenshots must not drift), so nothing here may read the
 * clock or Math.random.
 */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  /** A uniform unsigned 64-bit value (for access hashes and photo ids). */
  u64(): bigint;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: tiny, fast and good enough for fixtures; not for anything secret. */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const u32 = (): bigint => BigInt(Math.floor(next() * 4294967296));
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    u64: () => (u32() << 32n) | u32(),
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
  };
}
