/**
 * What the pane says about media it does not show: sizes in human units and durations as m:ss;
 * and the photos it does show, kept in memory for the bubbles that scroll back into view (the core
 * keeps them on disk; this spares the IPC and the decode of a data URL already held).
 */
import { call } from '../api';

export type SizeUnit = 'b' | 'kb' | 'mb' | 'gb' | 'tb';
const SIZE_UNITS: readonly SizeUnit[] = ['b', 'kb', 'mb', 'gb', 'tb'];

/**
 * A size in binary units as Telegram's apps write them, as a number and its unit, for a language's
 * words and digits: 1023 b, 1.5 kb, 12 kb, 3.4 mb, 1.2 gb; undefined for a size that is not one.
 */
export function sizeParts(bytes: number): { value: number; unit: SizeUnit } | undefined {
  if (!Number.isFinite(bytes) || bytes < 0) return undefined;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return { value: Math.round(value), unit: 'b' };
  // One decimal below 10 (1.5 MB), none above (12 MB); 1023.6 KB would round up to "1024 KB".
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  if (rounded >= 1024 && unit < SIZE_UNITS.length - 1) return { value: 1, unit: SIZE_UNITS[unit + 1]! };
  return { value: rounded, unit: SIZE_UNITS[unit]! };
}

/** 1023 B, 1.5 KB, 12 KB, 3.4 MB, 1.2 GB: in English (the pane says it in the UI's language: words.ts sizeLabel). */
export function formatSize(bytes: number): string {
  const parts = sizeParts(bytes);
  return parts ? `${parts.value} ${parts.unit === 'b' ? 'B' : parts.unit.toUpperCase()}` : '';
}

/** 0:05, 1:05, 59:59, 1:00:00: a voice note's or a video's length. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  const total = Math.round(seconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** Photos held for bubbles that come back into view; the oldest go first past this many. */
export const PHOTO_MEMORY_LIMIT = 60;
const photos = new Map<string, Promise<string | null>>();

/** A message's photo as a data URL (chat:photo), asked once per chat and message while held. */
export function messagePhoto(chatKey: string, messageId: number): Promise<string | null> {
  const key = `${chatKey}/${messageId}`;
  const held = photos.get(key);
  if (held) {
    // Most recently used last.
    photos.delete(key);
    photos.set(key, held);
    return held;
  }
  const asked = call('chat:photo', { key: chatKey, id: messageId }).then(({ dataUrl }) => dataUrl);
  photos.set(key, asked);
  // A failure is not kept: the next bubble (or Retry) asks again.
  asked.catch(() => {
    if (photos.get(key) === asked) photos.delete(key);
  });
  while (photos.size > PHOTO_MEMORY_LIMIT) photos.delete(photos.keys().next().value!);
  return asked;
}
