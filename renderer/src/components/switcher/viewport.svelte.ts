/**
 * The result list's viewport: where it is scrolled, how tall it is, and the overscan in force.
 * ResultList renders the rows this window covers; the switcher's keys scroll through it.
 */
import { scrollToReveal } from '../../lib/virtual';
import { LIST_PADDING, OVERSCAN, OVERSCAN_IDLE_TIMEOUT_MS, ROW_HEIGHT } from './geometry';

export class ListViewport {
  scroller = $state<HTMLDivElement>();
  scrollTop = $state(0);
  height = $state(420);
  /**
   * The overscan in force. A keystroke (or a tab switch) replaces every row, and its frame is the
   * one to keep short: it renders only the rows in view, and the overscan follows when the page
   * is next idle, or at once when the list is scrolled. The list's first frame goes without it too.
   */
  overscan = $state(OVERSCAN);
  #overscanIdle: number | undefined;

  restoreOverscan(): void {
    if (this.#overscanIdle !== undefined) cancelIdleCallback(this.#overscanIdle);
    this.#overscanIdle = undefined;
    this.overscan = OVERSCAN;
  }

  deferOverscan(): void {
    if (this.#overscanIdle !== undefined) cancelIdleCallback(this.#overscanIdle);
    this.overscan = 0;
    this.#overscanIdle = requestIdleCallback(() => this.restoreOverscan(), { timeout: OVERSCAN_IDLE_TIMEOUT_MS });
  }

  /** Back to the top for a list that replaced the last one (its first frame without overscan). */
  toTop(): void {
    this.deferOverscan();
    // Writing scrollTop forces a synchronous layout; on every keystroke that was most of its cost.
    if (this.scroller && this.scrollTop !== 0) this.scroller.scrollTop = 0;
    this.scrollTop = 0;
  }

  /** Scrolls the row at `index` fully into view. */
  reveal(index: number): void {
    if (!this.scroller) return;
    this.scroller.scrollTop = scrollToReveal(LIST_PADDING + index * ROW_HEIGHT, ROW_HEIGHT, this.scroller.scrollTop, this.scroller.clientHeight);
    this.scrollTop = this.scroller.scrollTop;
  }

  onscroll(): void {
    this.restoreOverscan();
    this.scrollTop = this.scroller?.scrollTop ?? 0;
  }

  /** Rows a PageUp/PageDown moves: a screenful less one, so a row stays in sight. */
  pageSize(): number {
    return Math.max(1, Math.floor((this.scroller?.clientHeight ?? this.height) / ROW_HEIGHT) - 1);
  }

  dispose(): void {
    if (this.#overscanIdle !== undefined) cancelIdleCallback(this.#overscanIdle);
  }
}
