/**
 * Where each row of a list with rows of different heights sits: measured heights where the row
 * has been on screen, an estimate elsewhere, as running offsets; and which rows a viewport
 * touches, by binary search. Pure arithmetic, so 10,000 rows cost a pass over an array.
 */

/** offsets[i] is the top of row i; offsets[count] the list's height. */
export function rowOffsets(count: number, heightOf: (index: number) => number): Float64Array {
  const offsets = new Float64Array(count + 1);
  for (let index = 0; index < count; index++) offsets[index + 1] = offsets[index]! + heightOf(index);
  return offsets;
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
