import { describe, expect, it } from 'vitest';
import { foldHash, toSigned64 } from '../../../../electron/core/top-peers/hash.js';
import { topPeersHash } from '../../../../electron/local-dc/world/index.js';

describe('top-peers hash fold', () => {
  it('matches known vectors (computed independently with Python integers)', () => {
    expect(foldHash([])).toBe(0n);
    expect(foldHash([1n])).toBe(1n);
    expect(foldHash([1n, 2n])).toBe(36507222019n);
    expect(foldHash([100001n, 100101n, 100102n])).toBe(4493404222893360851n);
    expect(foldHash([2n ** 63n, 2n ** 63n])).toBe(576465425227841536n);
    expect(foldHash([10n ** 18n, 10n ** 18n + 1n, 10n ** 18n + 2n])).toBe(9658177458870361198n);
  });

  it('is sent as a signed 64-bit long', () => {
    expect(toSigned64(9658177458870361198n)).toBe(-8788566614839190418n);
    expect(toSigned64(1n)).toBe(1n);
    expect(toSigned64(2n ** 63n)).toBe(-(2n ** 63n));
    expect(toSigned64(2n ** 64n - 1n)).toBe(-1n);
  });

  it('depends on order (categories are folded in the order the server answers)', () => {
    expect(foldHash([1n, 2n])).not.toBe(foldHash([2n, 1n]));
  });

  it('agrees with the local DC world on the same ids', () => {
    let seed = 12345n;
    const ids = Array.from({ length: 200 }, () => {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) & (2n ** 64n - 1n);
      return seed >> 24n;
    });
    expect(foldHash(ids)).toBe(topPeersHash(ids));
  });
});
