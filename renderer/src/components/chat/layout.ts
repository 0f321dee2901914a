/**
 * Where each row of a list with rows of different heights sits: measured heights where the row
 * has been on screen, an estimate elsewhere, as running offsets; and which rows a viewport
 * touches, by binary search. Pure arithmetic, so 10,000 rows cost a pass over an array.
 */
import type { ChatMedia } from '../../../../electron/shared/ipc-contract';
import type { Row } from './rows';

/** offsets[i] is the top of row i; offsets[count] the list's height. */
export function rowOffsets(count: number, heightOf: (index: number) => number): Float64Array {
  const offsets = new Float64Array(count + 1);
  for (let index = 0; index < count; index++) offsets[index + 1] = offsets[index]! + heightOf(index);
  return offsets;
}

/**
 * A list's row heights and their running offsets, kept together and patched in place: a measured
 * row marks the offsets from it on as stale, and `offsets()` brings them up to date with one pass
 * over plain numbers (no lookups, no allocation), so measuring the rows a scroll brings into view
 * costs next to nothing on 10,000 rows. Rebuilt only when the rows themselves change.
 */
export class RowHeights {
  readonly #heights: Float64Array;
  readonly #offsets: Float64Array;
  /** offsets[i] is up to date for every i ≤ #staleFrom. */
  #staleFrom: number;

  constructor(count: number, heightOf: (index: number) => number) {
    this.#heights = new Float64Array(count);
    for (let index = 0; index < count; index++) this.#heights[index] = heightOf(index);
    this.#offsets = new Float64Array(count + 1);
    this.#staleFrom = 0;
  }

  get count(): number {
    return this.#heights.length;
  }

  /** Sets row `index`'s height; false when it was already that (to half a pixel: measuring through a transform wobbles). */
  set(index: number, height: number): boolean {
    if (!(index >= 0 && index < this.#heights.length) || Math.abs(this.#heights[index]! - height) <= 0.5) return false;
    this.#heights[index] = height;
    this.#staleFrom = Math.min(this.#staleFrom, index);
    return true;
  }

  /** offsets[i] is the top of row i, offsets[count] the list's height (the same array each time, brought up to date). */
  offsets(): Float64Array {
    const count = this.#heights.length;
    for (let index = this.#staleFrom; index < count; index++) this.#offsets[index + 1] = this.#offsets[index]! + this.#heights[index]!;
    this.#staleFrom = count;
    return this.#offsets;
  }
}

/** The row whose span holds `y` (the last row for y past the end, the first for y < 0). */
export function rowAt(offsets: Float64Array, y: number): number {
  const count = offsets.length - 1;
  if (count <= 0) return 0;
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (offsets[middle]! <= y) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Rows [start, end) to render for a viewport at scrollTop, with `overscan` px more either side. */
export function visibleRows(offsets: Float64Array, scrollTop: number, viewportHeight: number, overscan: number): { start: number; end: number } {
  const count = offsets.length - 1;
  if (count <= 0) return { start: 0, end: 0 };
  const start = rowAt(offsets, scrollTop - overscan);
  const end = Math.min(count, rowAt(offsets, scrollTop + viewportHeight + overscan) + 1);
  return { start, end };
}

/** The side of the square a bubble's photo is scaled to fit (never enlarged). */
export const PHOTO_BOX = 320;
/** A media placeholder's height: a 36 px icon and its padding. */
export const PLACEHOLDER_HEIGHT = 52;

/** A photo's box in a bubble: its w×h scaled to fit PHOTO_BOX², or 4:3 when Telegram gave no size. */
export function photoBox(w: number, h: number): { w: number; h: number } {
  if (!(w > 0) || !(h > 0)) return { w: PHOTO_BOX, h: Math.round((PHOTO_BOX * 3) / 4) };
  const scale = Math.min(1, PHOTO_BOX / w, PHOTO_BOX / h);
  return { w: Math.max(1, Math.round(w * scale)), h: Math.max(1, Math.round(h * scale)) };
}

/** What a message's media adds to its bubble, margins included. */
export function mediaHeight(media: ChatMedia): number {
  return (media.kind === 'photo' ? photoBox(media.w, media.h).h : PLACEHOLDER_HEIGHT) + 4;
}

/**
 * A row's height before it has been on screen: text at ~48 characters a line (at least one line,
 * which the time takes when there is no text), media by its box, and the reply, forward and
 * sender lines. Close estimates keep the scrollbar and the jump to the first unread still.
 */
export function estimateRowHeight(row: Row, group: boolean): number {
  if (row.kind !== 'message') return 36;
  const message = row.message;
  if (message.service) return 34;
  const lines = Math.max(1, Math.ceil(message.text.length / 48)) + newlines(message.text);
  return (
    22 +
    lines * 20 +
    (message.media ? mediaHeight(message.media) : 0) +
    (message.replyToId !== undefined ? 40 : 0) +
    (message.forwardedFrom ? 18 : 0) +
    (row.startsRun && group ? 18 : 0)
  );
}

function newlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
