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
  private groupSizes: Int32Array;
  /**
   * Entries as (group, owner, kind) triples in one growable typed array: index builds run mostly
   * before the JIT has warmed up, where one store beats three array pushes.
   */
  private entries: Int32Array;
  private entryCount = 0;

  constructor(expectedEntries = 1024) {
    const capacity = Math.max(16, expectedEntries);
    this.groupSizes = new Int32Array(capacity);
    this.entries = new Int32Array(3 * capacity);
  }

  add(text: string, owner: number, kind: number): void {
    if (text.length === 0) return;
    let group = this.groupOf.get(text);
    if (group === undefined) {
      group = this.groupTexts.length;
      this.groupOf.set(text, group);
      this.groupTexts.push(text);
      if (group === this.groupSizes.length) this.groupSizes = grow(this.groupSizes);
    }
    this.groupSizes[group]!++;
    let at = 3 * this.entryCount++;
    if (at === this.entries.length) this.entries = grow(this.entries);
    const entries = this.entries;
    entries[at++] = group;
    entries[at++] = owner;
    entries[at] = kind;
  }

  build(): PrefixTable {
    const { groupOf, groupTexts, groupSizes, entries, entryCount } = this;
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
    const owners = new Int32Array(entryCount);
    const kinds = new Uint8Array(entryCount);
    for (let i = 0; i < 3 * entryCount; i += 3) {
      const at = fill[rankOfGroup[entries[i]!]!]!++;
      owners[at] = entries[i + 1]!;
      kinds[at] = entries[i + 2]!;
    }
    // Builders are one-shot; drop the scratch arrays in case the builder outlives the table.
    this.groupSizes = this.entries = new Int32Array(0);
    this.entryCount = 0;
    return { texts, starts, owners, kinds };
  }
}

/** Where a table's texts are looked up: by a prefix they must start with. */
export interface PrefixLookup {
  /** A table that lists at least every entry whose text starts with `prefix`. */
  tableFor(prefix: string): PrefixTable;
  /** Builds now whatever `tableFor` would build on first use. */
  prepare(): void;
}

/** Texts are sharded by their first UTF-16 unit modulo this (Latin letters each get their own). */
const SHARDS = 128;

/**
 * A prefix table split by the first letter of its texts, each part grouped and sorted only when a
 * query first looks up a prefix starting with that letter. Building it is one cheap pass that
 * notes, per shard, which (owner, item) pairs it holds, for which only each text's first letter
 * has to be known; `fill` turns a pair back into its text and kind when the shard is built. A keystroke needs the shards of its words' first letters, so the
 * grouping and sorting of every other letter is never paid for until someone types it.
 */
export class ShardedPrefixTable implements PrefixLookup {
  /** Per shard: owner, item, owner, item… with owners ascending. */
  private readonly pairs: (number[] | undefined)[] = new Array<number[] | undefined>(SHARDS).fill(undefined);
  private readonly tables: (PrefixTable | undefined)[] = new Array<PrefixTable | undefined>(SHARDS).fill(undefined);
  private whole: PrefixTable | undefined;

  /** `fill(builder, owner, item)` adds the text and kind `add(text, owner, item)` stood for. */
  constructor(private readonly fill: (builder: PrefixTableBuilder, owner: number, item: number) => void) {}

  /**
   * Notes that `owner` lists a text starting with the code unit `first` as its `item`; owners
   * must come in ascending order.
   */
  add(first: number, owner: number, item: number): void {
    const shard = first & (SHARDS - 1);
    const pairs = this.pairs[shard];
    if (pairs === undefined) this.pairs[shard] = [owner, item];
    else pairs.push(owner, item);
  }

  tableFor(prefix: string): PrefixTable {
    // The empty prefix (a query word whose key is empty) starts every text.
    if (prefix.length === 0) return (this.whole ??= this.build(this.pairs));
    const shard = prefix.charCodeAt(0) & (SHARDS - 1);
    return (this.tables[shard] ??= this.build([this.pairs[shard]]));
  }

  prepare(): void {
    for (let shard = 0; shard < SHARDS; shard++) if (this.pairs[shard] !== undefined) this.tables[shard] ??= this.build([this.pairs[shard]]);
  }

  private build(shards: readonly (number[] | undefined)[]): PrefixTable {
    let size = 0;
    for (const pairs of shards) size += pairs === undefined ? 0 : pairs.length >> 1;
    const builder = new PrefixTableBuilder(size);
    // A text's entries all sit in one shard, so shard after shard keeps each text's owners ascending.
    for (const pairs of shards) {
      if (pairs === undefined) continue;
      for (let i = 0; i < pairs.length; i += 2) this.fill(builder, pairs[i]!, pairs[i + 1]!);
    }
    return builder.build();
  }
}

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
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
