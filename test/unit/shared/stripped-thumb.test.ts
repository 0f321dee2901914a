/**
 * Telegram's stripped thumbnails (electron/shared/stripped-thumb.ts): the fixed header put back
 * with the size patched in gives the JPEG gramjs makes and a decoder reads; anything that is not
 * a stripped thumbnail is refused rather than handed to the page's image decoder.
 */
import { describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import { strippedPhotoToJpg } from 'telegram/Utils.js';
import { encodeStrippedThumb } from '../../../electron/local-dc/world/jpeg-encoder.js';
import { expandStrippedThumb, MAX_STRIPPED_BYTES, STRIPPED_JPEG_HEADER, strippedThumbDataUrl } from '../../../electron/shared/stripped-thumb.js';

function gradient(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rgba.set([x * 6, 200 - y * 4, 90, 255], (y * width + x) * 4);
  }
  return rgba;
}

describe('expandStrippedThumb', () => {
  it.each([
    [40, 30],
    [17, 40],
    [1, 1],
    [40, 40],
  ])('turns a %i×%i stripped thumbnail into the JPEG gramjs makes, which decodes to the picture', (width, height) => {
    const pixels = gradient(width, height);
    const stripped = encodeStrippedThumb(pixels, width, height);
    expect([...stripped.subarray(0, 3)]).toEqual([1, height, width]);
    const expanded = expandStrippedThumb(stripped)!;
    expect(Buffer.from(expanded).equals(strippedPhotoToJpg(Buffer.from(stripped)))).toBe(true);
    expect(expanded.length).toBe(STRIPPED_JPEG_HEADER.length + stripped.length - 3 + 2);
    expect([...expanded.subarray(-2)]).toEqual([0xff, 0xd9]);
    const decoded = jpeg.decode(Buffer.from(expanded), { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([width, height]);
    let error = 0;
    for (let index = 0; index < pixels.length; index += 4) for (let channel = 0; channel < 3; channel++) error += Math.abs(decoded.data[index + channel]! - pixels[index + channel]!);
    expect(error / (width * height * 3)).toBeLessThan(12);
  });

  it('refuses what is not a stripped thumbnail', () => {
    expect(expandStrippedThumb(new Uint8Array([]))).toBeNull();
    expect(expandStrippedThumb(new Uint8Array([1, 30, 40]))).toBeNull();
    expect(expandStrippedThumb(new Uint8Array([2, 30, 40, 0]))).toBeNull();
    expect(expandStrippedThumb(new Uint8Array([1, 0, 40, 0]))).toBeNull();
    expect(expandStrippedThumb(new Uint8Array([1, 30, 0, 0]))).toBeNull();
    expect(expandStrippedThumb(new Uint8Array(MAX_STRIPPED_BYTES + 1).fill(1))).toBeNull();
  });

  it('makes a data URL from base64, and null from anything that is not base64 of a thumbnail', () => {
    const stripped = encodeStrippedThumb(gradient(40, 30), 40, 30);
    const url = strippedThumbDataUrl(Buffer.from(stripped).toString('base64'))!;
    expect(url.startsWith('data:image/jpeg;base64,/9j/')).toBe(true);
    expect(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').equals(Buffer.from(expandStrippedThumb(stripped)!))).toBe(true);
    expect(strippedThumbDataUrl('not base64!')).toBeNull();
    expect(strippedThumbDataUrl('')).toBeNull();
    expect(strippedThumbDataUrl(Buffer.from([9, 9, 9, 9]).toString('base64'))).toBeNull();
  });
});
