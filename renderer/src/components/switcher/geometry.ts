/**
 * The switcher list's geometry and pacing, in one place: the virtual list's arithmetic, the
 * rows' CSS (ResultList sets --row-height from ROW_HEIGHT) and the browser tests and bench that
 * measure it all read these.
 */

/** Fixed row height: a row's size never depends on its content, so the visible window is arithmetic. */
export const ROW_HEIGHT = 56;
/** Space above the first row and below the last. */
export const LIST_PADDING = 6;
/**
 * Rows rendered beyond each edge of the viewport: what one wheel notch uncovers, since the
 * compositor scrolls before the scroll handler renders the new window. A keystroke's frame goes
 * without them (see ListViewport.deferOverscan).
 */
export const OVERSCAN = 3;
/**
 * Nobody scrolls past a few hundred matches for a query, and ranking ten thousand candidates
 * on every keystroke is most of a keystroke's cost: the list shows the best RESULT_LIMIT.
 */
export const RESULT_LIMIT = 500;
/** How long the overscan may wait for an idle moment after the list was replaced. */
export const OVERSCAN_IDLE_TIMEOUT_MS = 250;
/** How long the tabs' counts may wait for an idle moment after a keystroke. */
export const COUNTS_IDLE_TIMEOUT_MS = 100;
/** The pause in typing after which the live region announces the result count. */
export const ANNOUNCE_AFTER_MS = 400;
/** The listbox's id, which the search field's aria-controls names. */
export const LIST_ID = 'peer-list';

/** How many rows a virtualised list of this height shows: what a frame without overscan renders. */
export function rowsInView(listHeight: number): number {
  return Math.ceil((listHeight - LIST_PADDING) / ROW_HEIGHT);
}

/** The id of a peer's row, which aria-activedescendant names. */
export const optionId = (key: string): string => `option-${key.replace(':', '-')}`;
