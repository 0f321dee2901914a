// Candidate lookup without visiting every candidate on every keystroke.
//
// Prefix matching against a sorted list is two binary searches: all strings that start with p
// sit in one run, from the first string >= p to the first string >= p + U+FFFF (no word holds
// U+FFFF, a noncharacter). Search uses that to find the few candidates a query can match and only
// checks those; infix matching, which sorting cannot help, is one indexOf sweep over a corpus.

export interface PrefixTable {
  /**
   * Each distinct listed text once, sorted by UTF-16 code units (the order `startsWith` agrees
   * with). Names repeat a lot ("ivan" is listed by hundreds of candidates), so sorting distinct
   * texts rather than one string per (candidate, text) pair is what keeps building cheap.
   */
  readonly texts: readonly string[];
  /** Who listed `texts[t]`: positions `[starts[t], starts[t + 1])` of `owners` and `kinds`. */
  readonly starts: Int32Array;
  /** `owners[i]` is the candidate (its position in the index) behind entry `i`. */
  readonly owners: Int32Array;
  /** `kinds[i]` is what entry `i` is for its owner (`ENTRY_*` in text.ts). */
  readonly kinds: Uint8Array;
}

/**
 * Collects (text, owner, kind) entries, then sorts once. Owners must be added in ascending
 * order; each text's entries keep that order.
 */
export class PrefixTableBuilder {
  /** Distinct text → its group number (first-seen order). */
  private readonly groupOf = new Map<string, number>();
  private readonly groupTexts: string[] = [];
  private groupSizes: number[] = [];
  private entryGroups: number[] = [];
  private entryOwners: number[] = [];
  private entryKinds: number[] = [];

  add(text: string, owner: number, kind: number): void {
    if (text.length === 0) return;
    let group = this.groupOf.get(text);
    if (group === undefined) {
      group = this.groupTexts.length;
      this.groupOf.set(text, group);
      this.groupTexts.push(text);
      this.groupSizes.push(0);
    }
    this.groupSizes[group]!++;
    this.entryGroups.push(group);
    this.entryOwners.push(owner);
    this.entryKinds.push(kind);
  }

  build(): PrefixTable {
    const { groupOf, groupTexts, groupSizes, entryGroups, entryOwners, entryKinds } = this;
    // The engine's native comparator-less sort compares strings by code units; a comparator
    // callback (let alone localeCompare) costs several times more.
    const texts = groupTexts.slice().sort();
    // Counting sort of the entries by their text's rank: `starts` first, then a fill that keeps
    // insertion (owner) order within each text.
    const starts = new Int32Array(texts.length + 1);
    const rankOfGroup = new Int32Array(texts.length);
    for (let rank = 0; rank < texts.length; rank++) {
      const group = groupOf.get(texts[rank]!)!;
      rankOfGroup[group] = rank;
      starts[rank + 1] = starts[rank]! + groupSizes[group]!;
    }
    const fill = starts.slice(0, texts.length);
    const owners = new Int32Array(entryGroups.length);
    const kinds = new Uint8Array(entryGroups.length);
    for (let i = 0; i < entryGroups.length; i++) {
      const at = fill[rankOfGroup[entryGroups[i]!]!]!++;
      owners[at] = entryOwners[i]!;
      kinds[at] = entryKinds[i]!;
    }
    // Builders are one-shot; drop the scratch arrays in case the builder outlives the table.
    this.groupSizes = this.entryGroups = this.entryOwners = this.entryKinds = [];
    return { texts, starts, owners, kinds };
  }
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

/** Half-open run `[from, to)` of `owners` / `kinds` entries whose text starts with `prefix`. */
export function prefixRun(table: PrefixTable, prefix: string): [from: number, to: number] {
  const { texts, starts } = table;
  return [starts[lowerBound(texts, prefix)]!, starts[lowerBound(texts, `${prefix}\uffff`)]!];
}

/** Half-open run `[from, to)` of `texts` that start with `prefix`; `texts[from]` is `prefix` itself if listed. */
export function textRun(table: PrefixTable, prefix: string): [from: number, to: number] {
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
  for (let owner = 0; owner < textsByOwner.length; owner++) {
    starts[owner] = length;
    length += textsByOwner[owner]!.length + 1;
  }
  // One join rather than a separator-prefixed copy of every text.
  const text = textsByOwner.length > 0 ? `\u0002${textsByOwner.join('\u0002')}` : '';
  return { text, starts };
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
