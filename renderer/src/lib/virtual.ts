/**
 * Which rows of a long list to render. Rows have one fixed height, so the window is arithmetic.
 * The selected row is rendered even when scrolled away, because aria-activedescendant must point
 * at an element that exists; it comes back as `extra` so the window itself stays small.
 */
export interface RowWindow {
  start: number;
  /** Exclusive. */
  end: number;
  /** The kept index when it lies outside [start, end), else null. */
  extra: number | null;
}

export function rowWindow(options: {
  count: number;
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
  overscan: number;
  /** An index that must be rendered (the selection), or -1. */
  keep: number;
}): RowWindow {
  const { count, rowHeight, scrollTop, viewportHeight, overscan, keep } = options;
  if (count === 0) return { start: 0, end: 0, extra: null };
  // Exactly the rows the viewport touches: scrollTop may be negative (the list's top padding is
  // in view), and a viewport that ends on a row boundary needs no row after it.
  const first = Math.min(count - 1, Math.floor(Math.max(0, scrollTop) / rowHeight));
  const last = Math.max(first + 1, Math.ceil((scrollTop + Math.max(viewportHeight, rowHeight)) / rowHeight));
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, last + overscan);
  const extra = keep >= 0 && keep < count && (keep < start || keep >= end) ? keep : null;
  return { start, end, extra };
}

/** scrollTop that brings the row at `top` (height `rowHeight`) fully into view; unchanged if it already is. */
export function scrollToReveal(top: number, rowHeight: number, scrollTop: number, viewportHeight: number): number {
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return bottom - viewportHeight;
  return scrollTop;
}
