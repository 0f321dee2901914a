/** Splits text into plain and highlighted parts for the matched letters of a search result. */
export interface TextPart {
  text: string;
  match: boolean;
}

export function highlightParts(text: string, ranges: ReadonlyArray<readonly [number, number]> | undefined): TextPart[] {
  if (!ranges || ranges.length === 0) return [{ text, match: false }];
  // Ranges may arrive unsorted or overlapping (several fields map onto the title): merge first.
  const sorted = [...ranges]
    .map(([start, end]) => [Math.max(0, Math.min(start, text.length)), Math.max(0, Math.min(end, text.length))] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const parts: TextPart[] = [];
  let cursor = 0;
  for (const [start, end] of sorted) {
    if (end <= cursor) continue;
    const from = Math.max(start, cursor);
    if (from > cursor) parts.push({ text: text.slice(cursor, from), match: false });
    const last = parts[parts.length - 1];
    // Overlapping or touching ranges read as one highlight, not two marks side by side.
    if (from === cursor && last?.match) last.text += text.slice(from, end);
    else parts.push({ text: text.slice(from, end), match: true });
    cursor = end;
  }
  if (cursor < text.length) parts.push({ text: text.slice(cursor), match: false });
  return parts;
}
