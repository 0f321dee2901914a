/**
 * The installers' icons come from one SVG (build/icon.svg) through build/icons.mjs. This runs the
 * generator into a temporary directory, reads back the PNG sizes and the ICO and ICNS containers
 * the way the OS loaders do, and checks the committed icons are what the SVG produces now.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
let out: string;

/** Width and height from a PNG's IHDR chunk (after the 8-byte signature and the chunk header). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'topswitch-icons-'));
  execFileSync(process.execPath, [join(ROOT, 'build/icons.mjs'), out], { stdio: 'ignore' });
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('icons from build/icon.svg', () => {
  it('renders the Linux PNG set at the size each file name says', () => {
    const names = readdirSync(join(out, 'icons')).sort();
    expect(names).toEqual(expect.arrayContaining(['16x16.png', '32x32.png', '256x256.png', '512x512.png', '1024x1024.png']));
    for (const name of names) {
      const size = Number(/^(\d+)x\1\.png$/.exec(name)?.[1]);
      expect(pngSize(readFileSync(join(out, 'icons', name))), name).toEqual({ width: size, height: size });
    }
  });

  it('writes an ICO whose directory points at PNGs of the sizes it claims, 16 to 256', () => {
    const ico = readFileSync(join(out, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i;
      const claimed = ico.readUInt8(entry) || 256;
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      expect(pngSize(ico.subarray(offset, offset + length))).toEqual({ width: claimed, height: claimed });
      sizes.push(claimed);
    }
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('writes an ICNS whose elements tile the file exactly and hold the PNG sizes their types mean', () => {
    const icns = readFileSync(join(out, 'icon.icns'));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const expected: Record<string, number> = { icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512 };
    const seen: string[] = [];
    let offset = 8;
    while (offset < icns.length) {
      const type = icns.toString('latin1', offset, offset + 4);
      const length = icns.readUInt32BE(offset + 4);
      expect(length).toBeGreaterThan(8);
      const size = pngSize(icns.subarray(offset + 8, offset + length));
      expect(size.width, type).toBe(expected[type]);
      seen.push(type);
      offset += length;
    }
    expect(offset).toBe(icns.length);
    expect(seen.sort()).toEqual(Object.keys(expected).sort());
  });

  it('matches the icons committed in build/ (regenerate with `npm run icons` after editing the SVG)', () => {
    for (const file of ['icon.ico', 'icon.icns', 'icon.png', 'icons/32x32.png', 'icons/256x256.png']) {
      expect(readFileSync(join(out, file)).equals(readFileSync(join(ROOT, 'build', file))), file).toBe(true);
    }
  });
});
