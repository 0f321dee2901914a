/**
 * Profile photos, fetched lazily through `peers:avatar` for rows that are on screen, and decoded
 * once into an ImageBitmap of the size they are drawn at. Rows are reused while typing, so a row
 * changes photo on most keystrokes: drawing a decoded bitmap into the row's <canvas> costs next
 * to nothing, where rewriting an <img>'s data: URL had the browser parse the URL, look it up
 * and repaint the row (about a fifth of a keystroke's frame, measured in the renderer bench).
 *
 * Bitmaps are cached by key, photo id and pixel size, so scrolling back or re-rendering never asks
 * twice, and a changed photo (new photoId) or a screen with another pixel ratio gets its own. A few
 * requests at a time keep a fast scroll from queueing hundreds of IPC calls ahead of the ones
 * the user is looking at.
 */
import type { PeerKey } from '../../../electron/shared/ipc-contract';
import { call } from './api';

const MAX_IN_FLIGHT = 4;
const resolved = new Map<string, ImageBitmap | null>();
const pending = new Map<string, Promise<ImageBitmap | null>>();
const queue: Array<() => void> = [];
let inFlight = 0;

const cacheKey = (key: PeerKey, photoId: string, pixels: number) => `${key}/${photoId}/${pixels}`;

/** The photo if it is already decoded: lets a row draw its final avatar on the first frame. */
export function cachedAvatar(key: PeerKey, photoId: string, pixels: number): ImageBitmap | null | undefined {
  return resolved.get(cacheKey(key, photoId, pixels));
}

/**
 * The peer's photo as a square bitmap `pixels` wide, or null when it has none that loads. A photo
 * that fails to load or decode is not worth an error on screen (the initials stay): it is logged.
 */
export function loadAvatar(key: PeerKey, photoId: string, pixels: number): Promise<ImageBitmap | null> {
  const id = cacheKey(key, photoId, pixels);
  if (resolved.has(id)) return Promise.resolve(resolved.get(id) ?? null);
  const existing = pending.get(id);
  if (existing) return existing;
  const promise = new Promise<ImageBitmap | null>((resolve) => {
    const run = () => {
      inFlight++;
      call('peers:avatar', { key })
        .then(({ dataUrl }) => (dataUrl ? decodePhoto(dataUrl, pixels) : null))
        .catch((cause: unknown) => {
          console.warn(`No photo for ${key}:`, cause);
          return null;
        })
        .then((bitmap) => {
          resolved.set(id, bitmap);
          pending.delete(id);
          resolve(bitmap);
        })
        .finally(() => {
          inFlight--;
          queue.shift()?.();
        });
    };
    if (inFlight < MAX_IN_FLIGHT) run();
    else queue.push(run);
  });
  pending.set(id, promise);
  return promise;
}

/**
 * A base64 data: URL's image, cropped to its centred square (as object-fit: cover would show it)
 * and scaled to `pixels`. createImageBitmap decodes off the main thread; the page's CSP forbids
 * fetch() of data: URLs, so the bytes are unpacked here.
 */
async function decodePhoto(dataUrl: string, pixels: number): Promise<ImageBitmap> {
  const match = /^data:([\w.+-]+\/[\w.+-]+);base64,/.exec(dataUrl);
  if (!match) throw new TypeError('The photo is not a base64 data: URL');
  const binary = atob(dataUrl.slice(match[0].length));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  const full = await createImageBitmap(new Blob([bytes], { type: match[1] }));
  try {
    const side = Math.min(full.width, full.height);
    return await createImageBitmap(full, (full.width - side) / 2, (full.height - side) / 2, side, side, {
      resizeWidth: pixels,
      resizeHeight: pixels,
      resizeQuality: 'high',
    });
  } finally {
    full.close();
  }
}
