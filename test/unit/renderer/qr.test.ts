/** The login QR is drawn without network or canvas; its shape must be a real QR code. */
import { describe, expect, it } from 'vitest';
import { drawQr } from '../../../renderer/src/lib/qr';

function darkModules(path: string, size: number): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const [, x, y, width] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let col = Number(x); col < Number(x) + Number(width); col++) grid[Number(y)]![col] = true;
  }
  return grid;
}

describe('drawQr', () => {
  it('encodes a login URL as a square code with the three finder patterns', () => {
    const url = 'tg://login?token=AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8w';
    const { size, path } = drawQr(url);
    expect(size).toBeGreaterThanOrEqual(21);
    expect((size - 17) % 4).toBe(0); // QR versions are 17 + 4v modules wide
    const grid = darkModules(path, size);
    // A finder is a 7×7 dark ring around a light ring around a 3×3 dark core.
    for (const [row, col] of [[0, 0], [0, size - 7], [size - 7, 0]] as const) {
      expect(grid[row]![col]).toBe(true);
      expect(grid[row + 6]![col + 6]).toBe(true);
      expect(grid[row + 1]![col + 1]).toBe(false);
      expect(grid[row + 3]![col + 3]).toBe(true);
    }
  });

  it('draws a different code for a different token, so a refreshed token redraws', () => {
    expect(drawQr('tg://login?token=a').path).not.toBe(drawQr('tg://login?token=b').path);
  });
});
