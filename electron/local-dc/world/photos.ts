/**
 * Profile photos as real baseline JPEGs, so clients exercise their real image path (decode,
 * cache, <img> data URLs) instead of a placeholder. Each photo is a diagonal two-colour gradient
 * with a soft ring: distinct per peer, deterministic, and a few kilobytes.
 */
import { encodeJpeg } from './jpeg-encoder';

export interface PhotoStyle {
  /** Two RGB colours the gradient runs between. */
  readonly from: readonly [number, number, number];
  readonly to: readonly [number, number, number];
  /** Side length in pixels; kept in 64..160 so downloads stay one or two chunks. */
  readonly size?: number;
}

/** Encoding is the slow part of building a world; identical styles give identical bytes, so share them. */
const rendered = new Map<string, Buffer>();

/** The JPEG for a style. The returned buffer is shared: never write into it. */
export function renderPhotoJpeg(style: PhotoStyle): Buffer {
  const key = JSON.stringify([style.from, style.to, style.size]);
  let bytes = rendered.get(key);
  if (!bytes) {
    bytes = encode(style);
    rendered.set(key, bytes);
  }
  return bytes;
}

function encode(style: PhotoStyle): Buffer {
  const size = Math.min(160, Math.max(64, style.size ?? 96));
  const pixels = Buffer.alloc(size * size * 4);
  const centre = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const t = (x + y) / (2 * (size - 1));
      const distance = Math.hypot(x - centre, y - centre) / centre;
      // A lighter ring at ~60% radius gives the avatar some shape without any text.
      const ring = Math.max(0, 1 - Math.abs(distance - 0.6) * 8) * 0.35;
      const offset = (y * size + x) * 4;
      for (let channel = 0; channel < 3; channel++) {
        const a = style.from[channel] ?? 0;
        const b = style.to[channel] ?? 0;
        const base = a + (b - a) * t;
        pixels[offset + channel] = Math.round(base + (255 - base) * ring);
      }
      pixels[offset + 3] = 255;
    }
  }
  return encodeJpeg(pixels, size, size, 80);
}
