/**
 * The matched letters of a search result, painted with the CSS Custom Highlight API instead of
 * <mark> elements. Rows are reused while typing, and splitting each title into marked and plain
 * nodes created and removed DOM nodes in every row on every keystroke: with highlights the title
 * stays one text node whose text changes, and the letters are coloured by ranges the browser
 * paints without laying anything out again.
 */

/** The highlight's name in `CSS.highlights`, styled as `::highlight(topswitch-match)`. */
export const MATCH_HIGHLIGHT = 'topswitch-match';

let registry: Highlight | null | undefined;

/** The page's one match highlight, registered on first use; null where the API is missing. */
function matchHighlight(): Highlight | null {
  if (registry === undefined) {
    registry = typeof Highlight === 'function' && typeof CSS !== 'undefined' && 'highlights' in CSS ? new Highlight() : null;
    if (registry) CSS.highlights.set(MATCH_HIGHLIGHT, registry);
  }
  return registry;
}

/** The ranges each element holds in the highlight, so an update removes exactly its own. */
const owned = new WeakMap<Element, StaticRange[]>();

/**
 * Highlights `ranges` of the text in `element` (whose only child is that text), replacing what
 * it highlighted before. The ranges are the search's, already sorted, merged and inside the
 * title (highlightsFor in ./search/highlight.ts). Static ranges: the text node is rewritten before
 * each call, so live ranges would only cost the browser bookkeeping on every DOM change.
 */
export function highlightText(element: Element, ranges: ReadonlyArray<readonly [number, number]>): void {
  const highlight = matchHighlight();
  if (!highlight) return;
  for (const range of owned.get(element) ?? []) highlight.delete(range);
  const text = element.firstChild;
  if (ranges.length === 0 || !text || text.nodeType !== Node.TEXT_NODE) {
    owned.delete(element);
    return;
  }
  const added = ranges.map(
    ([start, end]) => new StaticRange({ startContainer: text, startOffset: start, endContainer: text, endOffset: end }),
  );
  for (const range of added) highlight.add(range);
  owned.set(element, added);
}

/** Drops an element's ranges (its row is going away). */
export function clearHighlight(element: Element): void {
  highlightText(element, []);
}
