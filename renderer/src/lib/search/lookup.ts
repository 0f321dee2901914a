// Candidate lookup without visiting every candidate on every keystroke.
//
// Prefix matching against a sorted list is two binary searches: all strings that start with p
// sit in one run, from the first string >= p to the first string >= p + U+FFFF (no word holds
// U+FFFF, a noncharacter). Search uses that to find the few candidates a query can match and only
// checks those; infix matching, which sorting cannot help, is one indexOf sweep over a corpus.

export interface PrefixTable {
  /**
   * Sorted by UTF-16 code units, the order `startsWith` agrees with. Each entry is the listed text,
   * then U+0000, the owner in two code units and the kind: appending them lets the engine's native
   * default sort do the work (a comparator callback made building 10,000 candidates several times
   * slower), and since queries never contain U+0000 it does not disturb prefix runs.
   */
  readonly texts: readonly string[];
  /** `owners[i]` is the candidate (its position in the index) that listed `texts[i]`. */
  readonly owners: Int32Array;
  /** `kinds[i]` is what `texts[i]` is for its owner (see `entryKind` in match.ts). */
  readonly kinds: Uint8Array;
}

export function buildPrefixTable(
  listsByOwner: ReadonlyArray<readonly string[]>,
  kindOf: (owner: number, position: number) => number,
): PrefixTable {
  const texts: string[] = [];
  listsByOwner.forEach((list, owner) => {
    const ownerUnits = `\u0000${String.fromCharCode(owner >>> 16, owner & 0xffff)}`;
    list.forEach((text, position) => {
      if (text.length > 0) texts.push(text + ownerUnits + String.fromCharCode(kindOf(owner, position)));
    });
  });
  texts.sort();
  const owners = new Int32Array(texts.length);
  const kinds = new Uint8Array(texts.length);
  texts.forEach((text, i) => {
    const end = text.length;
    owners[i] = (text.charCodeAt(end - 3) << 16) | text.charCodeAt(end - 2);
    kinds[i] = text.charCodeAt(end - 1);
  });
  return { texts, owners, kinds };
}

function lowerBound(texts: readonly string[], target: string): number {
  let low = 0;
  let high = texts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (texts[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Half-open run `[from, to)` of table entries starting with `prefix`. */
export function prefixRun(table: PrefixTable, prefix: string): [from: number, to: number] {
  return [lowerBound(table.texts, prefix), lowerBound(table.texts, `${prefix}\uffff`)];
}

export interface InfixCorpus {
  /** Every candidate's text, each preceded by U+0002 so that no match spans two candidates. */
  readonly text: string;
  /** Where each candidate's part starts in `text`, ascending. */
  readonly starts: Int32Array;
}

export function buildInfixCorpus(textsByOwner: readonly string[]): InfixCorpus {
  const starts = new Int32Array(textsByOwner.length);
  let length = 0;
  textsByOwner.forEach((text, owner) => {
    starts[owner] = length;
    length += text.length + 1;
  });
  return { text: textsByOwner.map((text) => `\u0002${text}`).join(''), starts };
}

/** Calls `visit` once for each candidate whose text contains `needle`, in candidate order. */
export function forEachInfixOwner(corpus: InfixCorpus, needle: string, visit: (owner: number) => void): void {
  const { text, starts } = corpus;
  let at = text.indexOf(needle);
  while (at >= 0) {
    // The owner is the last candidate starting at or before the hit.
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (starts[middle]! <= at) low = middle;
      else high = middle - 1;
    }
    visit(low);
    const next = low + 1 < starts.length ? starts[low + 1]! : text.length;
    at = text.indexOf(needle, next);
  }
}
