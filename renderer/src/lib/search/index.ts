// The switcher's search: build an index when the peer list changes, query it on every keystroke.
// Pure functions over plain data; no DOM, Svelte or Node APIs, so it runs in the renderer and in
// plain Node tests alike.

import { highlightsFor } from './highlight';
import type { KeyboardLayout } from './layout';
import { buildInfixCorpus, ShardedPrefixTable, type InfixCorpus, type PrefixLookup } from './lookup';
import { prepareQuery } from './query';
import { compareStanding, finiteOr, MatchTier, TIER_COUNT } from './rank';
import { fillTableEntry, shardTableEntries } from './entries';
import { appendInfixText, createTextCache, indexText, type CandidateText } from './text';
import { bestTiers, NO_MATCH } from './tiers';

export { MatchTier } from './rank';
export { fold } from './normalize';
export { KEYBOARD_LAYOUTS, layoutsFromKeyMap, swapLayout, type KeyboardLayout } from './layout';
export { translitKey } from './translit';

export interface SearchCandidate {
  /** Stable identity (e.g. "user:123"); returned in results. */
  readonly key: string;
  readonly title: string;
  readonly firstName?: string;
  readonly lastName?: string;
  /** With or without the leading @. */
  readonly username?: string;
  /** Top-peer rating; higher first. */
  readonly rating: number;
  /** Last time the peer was opened from the switcher (ms since epoch); more recent first. */
  readonly lastUsedAt?: number;
}

export interface SearchResult {
  readonly key: string;
  readonly tier: MatchTier;
  /** Sorted, non-overlapping `[start, end)` UTF-16 ranges of the ORIGINAL title to highlight. */
  readonly highlights: ReadonlyArray<readonly [number, number]>;
}

export interface SearchOptions {
  /** Maximum number of results; default `DEFAULT_LIMIT`, `Infinity` for all. */
  readonly limit?: number;
  /**
   * The Cyrillic keyboard layouts whose wrong-layout typing to undo; default both. A caller that
   * knows the user's layouts (`layoutsFromKeyMap`) passes them to skip the other's variants.
   */
  readonly layouts?: readonly KeyboardLayout[];
}

interface IndexedCandidate {
  readonly key: string;
  readonly rating: number;
  readonly lastUsedAt: number;
  readonly title: string;
  readonly sortTitle: string;
  readonly text: CandidateText;
}

/** Opaque to callers: pass it back to `search` (and to `buildIndex` as `previous`). */
export interface SearchIndex {
  readonly size: number;
  /** @internal In standing order (rating, recency, title); positions are the tables' owners. */
  readonly entries: readonly IndexedCandidate[];
  /** @internal Folded words and run-together titles. */
  readonly foldTable: PrefixLookup;
  /** @internal The same in transliteration key space. */
  readonly keyTable: PrefixLookup;
  /** @internal Title and username words, for the Infix tier. */
  readonly infixCorpus: InfixCorpus;
  /** @internal Raw titles, for queries made of symbols (emoji). */
  readonly titleCorpus: InfixCorpus;
}

export const DEFAULT_LIMIT = 50;

/**
 * Precomputes every candidate's folded words, transliteration keys and standing. Pass the
 * previous index to reuse the text work for candidates whose names did not change, which is the
 * common case when only ratings or recency moved. Duplicate keys keep the highest-rated entry.
 */
export function buildIndex(candidates: readonly SearchCandidate[], previous?: SearchIndex): SearchIndex {
  const reusable = previous === undefined ? null : new Map<string, CandidateText>();
  for (const entry of previous?.entries ?? []) reusable!.set(entry.key, entry.text);

  const cache = createTextCache();
  const byKey = new Map<string, IndexedCandidate>();
  for (const candidate of candidates) {
    const rating = finiteOr(candidate.rating, 0);
    const existing = byKey.get(candidate.key);
    if (existing !== undefined && existing.rating >= rating) continue;
    const firstName = candidate.firstName ?? '';
    const lastName = candidate.lastName ?? '';
    const username = candidate.username ?? '';
    const old = reusable?.get(candidate.key);
    const text =
      old !== undefined &&
      old.title === candidate.title &&
      old.firstName === firstName &&
      old.lastName === lastName &&
      old.username === username
        ? old
        : indexText(candidate.title, firstName, lastName, username, cache);
    byKey.set(candidate.key, {
      key: candidate.key,
      rating,
      lastUsedAt: finiteOr(candidate.lastUsedAt, Number.NEGATIVE_INFINITY),
      title: candidate.title,
      sortTitle: text.sortTitle,
      text,
    });
  }
  const entries = inStandingOrder(byKey);
  return new BuiltIndex(entries, shardedTable(entries, false));
}

/**
 * The candidates sorted by `compareStanding`. Ratings are sorted by the engine's native numeric
 * sort and only candidates sharing a rating reach the comparator: an index is usually built before
 * the JIT has warmed up, where thousands of comparator calls cost more than the rest of the sort.
 */
function inStandingOrder(byKey: Map<string, IndexedCandidate>): IndexedCandidate[] {
  const byRating = new Map<number, IndexedCandidate[]>();
  for (const entry of byKey.values()) {
    const group = byRating.get(entry.rating);
    if (group === undefined) byRating.set(entry.rating, [entry]);
    else group.push(entry);
  }
  const ratings = Float64Array.from(byRating.keys()).sort();
  const entries: IndexedCandidate[] = [];
  for (let r = ratings.length - 1; r >= 0; r--) {
    const group = byRating.get(ratings[r]!)!;
    if (group.length === 1) entries.push(group[0]!);
    else for (const entry of group.sort(compareStanding)) entries.push(entry);
  }
  return entries;
}

/** The prefix table of `entries` in fold or key space, each shard grouped and sorted on first use. */
function shardedTable(entries: readonly IndexedCandidate[], inKeys: boolean): ShardedPrefixTable {
  const table = new ShardedPrefixTable((builder, owner, item) => fillTableEntry(entries[owner]!.text, inKeys, builder, owner, item));
  for (let owner = 0; owner < entries.length; owner++) shardTableEntries(entries[owner]!.text, inKeys, table, owner);
  return table;
}

/**
 * The fold-space table is built with the index; the key-space table (transliteration, layouts,
 * diminutives) and the infix corpora on the first query that reaches their tiers. An index is
 * built whenever the peer list changes, usually before anything is typed, and most builds are
 * replaced before a query needs the key space at all.
 */
class BuiltIndex implements SearchIndex {
  readonly size: number;
  private keys: PrefixLookup | undefined;
  private infix: InfixCorpus | undefined;
  private titles: InfixCorpus | undefined;

  constructor(
    readonly entries: readonly IndexedCandidate[],
    readonly foldTable: PrefixLookup,
  ) {
    this.size = entries.length;
  }

  get keyTable(): PrefixLookup {
    return (this.keys ??= shardedTable(this.entries, true));
  }

  /** `buildInfixCorpus` of every candidate's `infixText`, joined once instead of per candidate. */
  get infixCorpus(): InfixCorpus {
    if (this.infix === undefined) {
      const pieces: string[] = [];
      const starts = new Int32Array(this.entries.length);
      let length = 0;
      for (let owner = 0; owner < this.entries.length; owner++) {
        starts[owner] = length;
        pieces.push('\u0002');
        length += 1 + appendInfixText(this.entries[owner]!.text, pieces);
      }
      this.infix = { text: pieces.join(''), starts };
    }
    return this.infix;
  }

  get titleCorpus(): InfixCorpus {
    return (this.titles ??= buildInfixCorpus(this.entries.map((entry) => entry.title)));
  }
}

/**
 * Builds now what `search` otherwise builds on the first query that reaches the key-space and
 * Infix tiers (the transliteration table, the Infix corpora): for a caller with idle time between
 * building an index and the first keystroke. Searching works the same without it.
 */
export function prepareIndex(index: SearchIndex): void {
  index.foldTable.prepare();
  index.keyTable.prepare();
  void index.infixCorpus;
  void index.titleCorpus;
}

/** Tiers whose members are ordered by how well they matched before their standing. */
export const GRADED_TIERS: ReadonlySet<number> = new Set([
  MatchTier.WholeWord,
  MatchTier.Username,
  MatchTier.Translit,
  MatchTier.Layout,
  MatchTier.LayoutTranslit,
  MatchTier.Typo,
  MatchTier.Subsequence,
]);

/**
 * Candidates matching `query`, best first: by `MatchTier`, then (in the graded tiers) match
 * quality, then rating, recency and title. The empty query returns everyone in that standing
 * order (tier `Unfiltered`, no highlights).
 */
export function search(index: SearchIndex, query: string, options: SearchOptions = {}): SearchResult[] {
  const requested = options.limit ?? DEFAULT_LIMIT;
  const limit = Number.isNaN(requested) ? DEFAULT_LIMIT : Math.max(0, Math.floor(requested));
  const entries = index.entries;
  const prepared = prepareQuery(query, options.layouts);
  const results: SearchResult[] = [];

  if (prepared.mode === 'all' || prepared.mode === 'usernames') {
    const tier = prepared.mode === 'all' ? MatchTier.Unfiltered : MatchTier.Username;
    for (const entry of entries) {
      if (results.length >= limit) break;
      if (prepared.mode === 'usernames' && entry.text.username.replace(/^@+/, '') === '') continue;
      results.push({ key: entry.key, tier, highlights: [] });
    }
    return results;
  }

  const { best, quality } = bestTiers(index, prepared, limit);
  // Entries are in standing order, so bucketing by tier (and a stable sort by quality in the
  // graded tiers) is the whole sort.
  const buckets: number[][] = Array.from({ length: TIER_COUNT }, () => []);
  for (let i = 0; i < entries.length; i++) {
    const tier = best[i]!;
    if (tier !== NO_MATCH) buckets[tier]!.push(i);
  }
  for (let tier = 0; tier < TIER_COUNT && results.length < limit; tier++) {
    const bucket = buckets[tier]!;
    if (GRADED_TIERS.has(tier) && bucket.length > 1) bucket.sort((a, b) => quality[b]! - quality[a]! || a - b);
    for (const i of bucket) {
      if (results.length >= limit) break;
      const entry = entries[i]!;
      results.push({ key: entry.key, tier: tier as MatchTier, highlights: highlightsFor(entry.text, prepared, tier) });
    }
  }
  return results;
}
