/**
 * Photos sent in messages as Telegram offers them: the stripped thumbnail ('i', inline in the
 * message, shown before anything downloads) and real baseline JPEGs in two sizes ('s' a small
 * preview, 'm' what clients show in a bubble), each downloadable with upload.getFile and an
 * InputPhotoFileLocation naming the size. No larger 'x': rendering a history encodes every size
 * it lists (their byte counts are part of the message), and a 640×480 encode per photo made the
 * first page of a photo chat cost seconds.
 */
import { createHash } from 'node:crypto';
import { encodeJpeg, encodeStrippedThumb, shrink } from './jpeg-encoder';

export interface MessagePhotoSize {
  readonly type: 's' | 'm';
  readonly w: number;
  readonly h: number;
  readonly jpeg: Buffer;
}

export interface MessagePhoto {
  readonly id: bigint;
  readonly accessHash: bigint;
  /** Clients must echo it back; a stale one would get FILE_REFERENCE_EXPIRED. */
  readonly fileReference: Buffer;
  readonly date: number;
  readonly sizes: readonly MessagePhotoSize[];
  /** `photoStrippedSize.bytes`: [1, height, width, ...scan] of a ≤ 40 px JPEG (see shared/stripped-thumb.ts). */
  readonly stripped: Uint8Array;
}

/** A landscape scene: sky gradient, a sun and hills, distinct per seed. */
function scene(width: number, height: number, seed: number): Buffer {
  const pixels = Buffer.alloc(width * height * 4);
  const hue = (seed * 47) % 255;
  const sunX = width * (0.2 + ((seed * 13) % 60) / 100);
  const sunY = height * 0.3;
  const sunR = height * 0.12;
  for (let y = 0; y < height; y++) {
    const hill = height * (0.65 + 0.1 * Math.sin((y + seed * 7) / 9));
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * 4;
      const t = y / height;
      let rgb: [number, number, number] = [40 + 100 * t, 90 + (hue % 80) + 60 * t, 200 - 60 * t];
      if (Math.hypot(x - sunX, y - sunY) < sunR) rgb = [250, 210, 90];
      if (y > hill + 12 * Math.sin((x + seed * 11) / 23)) rgb = [40 + (hue % 60), 120 + (seed % 50), 60];
      pixels[offset] = Math.round(rgb[0]);
      pixels[offset + 1] = Math.round(rgb[1]);
      pixels[offset + 2] = Math.round(rgb[2]);
      pixels[offset + 3] = 255;
    }
  }
  return pixels;
}

const encoded = new Map<string, Buffer>();

function encodeScene(width: number, height: number, seed: number): Buffer {
  const key = `${width}x${height}:${seed}`;
  let bytes = encoded.get(key);
  if (!bytes) {
    bytes = encodeJpeg(scene(width, height, seed), width, height, 75);
    encoded.set(key, bytes);
  }
  return bytes;
}

const strippedThumbs = new Map<number, Uint8Array>();

/** The bubble-size scene shrunk to 40×30, coded as Telegram codes stripped thumbnails. */
function strippedScene(seed: number): Uint8Array {
  let bytes = strippedThumbs.get(seed);
  if (!bytes) {
    const small = shrink(scene(320, 240, seed), 320, 240, 40);
    bytes = encodeStrippedThumb(small.rgba, small.width, small.height);
    strippedThumbs.set(seed, bytes);
  }
  return bytes;
}

/** A photo with a deterministic id-derived access hash and file reference; JPEGs are encoded on first use. */
export function createMessagePhoto(id: bigint, seed: number, date: number): MessagePhoto {
  const digest = createHash('sha256').update(`message-photo:${id}`).digest();
  const sizes = (
    [
      ['s', 96, 72],
      ['m', 320, 240],
    ] as const
  ).map(([type, w, h]) => ({
    type,
    w,
    h,
    get jpeg() {
      return encodeScene(w, h, seed);
    },
  }));
  return {
    id,
    accessHash: digest.readBigInt64LE(0),
    fileReference: digest.subarray(8, 16),
    date,
    sizes,
    get stripped() {
      return strippedScene(seed);
    },
  };
}
