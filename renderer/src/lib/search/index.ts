// The switcher's search: build an index when the peer list changes, query it on every keystroke.
// Pure functions over plain data; no DOM, Svelte or Node APIs, so it runs in the renderer and in
// plain Node tests alike.

import { buildInfixCorpus, buildPrefixTable, forEachInfixOwner, prefixRun, type InfixCorpus, type PrefixTable } from './lookup';
import {
  highlightsFor,
  indexText,
  keyMatches,
  prepareQuery,
  wordTier,
  type CandidateText,
  type PreparedQuery,
  type QueryVariant,
  type QueryWord,
} from './match';
import { compareStanding, finiteOr, MatchTier, TIER_COUNT } from './rank';

export { MatchTier } from './rank';
export { fold } from './normalize';
export { swapLayout } from './layout';
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
  readonly foldTable: PrefixTable;
  /** @internal The same in transliteration key space. */
  readonly keyTable: PrefixTable;
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
  const reusable = new Map<string, CandidateText>();
  for (const entry of previous?.entries ?? []) reusable.set(entry.key, entry.text);

  const byKey = new Map<string, IndexedCandidate>();
  for (const candidate of candidates) {
    const rating = finiteOr(candidate.rating, 0);
    const existing = byKey.get(candidate.key);
    if (existing !== undefined && existing.rating >= rating) continue;
    const firstName = candidate.firstName ?? '';
    const lastName = candidate.lastName ?? '';
    const username = candidate.username ?? '';
    const old = reusable.get(candidate.key);
    const text =
      old !== undefined &&
      old.title === candidate.title &&
      old.firstName === firstName &&
      old.lastName === lastName &&
      old.username === username
        ? old
        : indexText(candidate.title, firstName, lastName, username);
    byKey.set(candidate.key, {
      key: candidate.key,
      rating,
      lastUsedAt: finiteOr(candidate.lastUsedAt, Number.NEGATIVE_INFINITY),
      title: candidate.title,
      sortTitle: text.sortTitle,
      text,
    });
  }
  const entries = [...byKey.values()].sort(compareStanding);
  return {
    size: entries.length,
    entries,
    foldTable: buildPrefixTable(entries.map((entry) => entry.text.foldEntries)),
    keyTable: buildPrefixTable(entries.map((entry) => entry.text.keyEntries)),
    infixCorpus: buildInfixCorpus(entries.map((entry) => entry.text.infixText)),
    titleCorpus: buildInfixCorpus(entries.map((entry) => entry.title)),
  };
}

/**
 * Candidates matching `query`, best first: by `MatchTier`, then rating, recency and title. The
 * empty query returns everyone in that standing order (tier `Unfiltered`, no highlights).
 */
export function search(index: SearchIndex, query: string, options: SearchOptions = {}): SearchResult[] {
  const requested = options.limit ?? DEFAULT_LIMIT;
  const limit = Number.isNaN(requested) ? DEFAULT_LIMIT : Math.max(0, Math.floor(requested));
  const entries = index.entries;
  const prepared = prepareQuery(query);
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

  const best = bestTiers(index, prepared, limit);
  // Entries are in standing order, so bucketing by tier is the whole sort.
  const buckets: number[][] = Array.from({ length: TIER_COUNT }, () => []);
  for (let i = 0; i < best.length; i++) {
    const tier = best[i]!;
    if (tier !== NO_MATCH) buckets[tier]!.push(i);
  }
  for (let tier = 0; tier < TIER_COUNT && results.length < limit; tier++) {
    for (const i of buckets[tier]!) {
      if (results.length >= limit) break;
      const entry = entries[i]!;
      results.push({ key: entry.key, tier: tier as MatchTier, highlights: highlightsFor(entry.text, prepared, tier) });
    }
  }
  return results;
}

const NO_MATCH = 255;

/**
 * Best tier per entry (NO_MATCH where none). Variants run best tier first, each visiting only
 * the entries its rarest query word can start; once `limit` entries have a tier, later (worse)
 * variants cannot reach the results and are skipped.
 */
function bestTiers(index: SearchIndex, query: PreparedQuery, limit: number): Uint8Array {
  const entries = index.entries;
  const best = new Uint8Array(entries.length).fill(NO_MATCH);
  if (query.mode === 'symbols') {
    if (query.symbols !== '') {
      forEachInfixOwner(index.titleCorpus, query.symbols, (owner) => {
        best[owner] = MatchTier.Infix;
      });
    }
    return best;
  }

  const seen = new Uint8Array(entries.length);
  let pass = 0;
  let matched = 0;
  const run = (variant: QueryVariant | null, table: PrefixTable, tierOf: (text: CandidateText) => number): void => {
    if (variant === null || matched >= limit) return;
    const word = rarestWord(table, variant.words);
    if (word === null) return;
    pass++;
    for (const prefix of lookupPrefixes(word)) {
      const [from, to] = prefixRun(table, prefix);
      for (let i = from; i < to; i++) {
        const owner = table.owners[i]!;
        if (seen[owner] === pass) continue;
        seen[owner] = pass;
        const tier = tierOf(entries[owner]!.text);
        if (tier >= 0 && tier < best[owner]!) {
          if (best[owner] === NO_MATCH) matched++;
          best[owner] = tier;
        }
      }
    }
  };
  const { usernameOnly } = query;
  run(query.direct, index.foldTable, (text) => wordTier(text, query.direct, usernameOnly));
  run(query.translit, index.keyTable, (text) =>
    query.translit !== null && keyMatches(text, query.translit, usernameOnly) ? MatchTier.Translit : -1,
  );
  run(query.layout, index.foldTable, (text) =>
    query.layout !== null && wordTier(text, query.layout, usernameOnly) >= 0 ? MatchTier.Layout : -1,
  );
  run(query.layoutTranslit, index.keyTable, (text) =>
    query.layoutTranslit !== null && keyMatches(text, query.layoutTranslit, usernameOnly) ? MatchTier.LayoutTranslit : -1,
  );
  if (query.infix !== null && matched < limit) {
    forEachInfixOwner(index.infixCorpus, query.infix, (owner) => {
      if (best[owner] === NO_MATCH) best[owner] = MatchTier.Infix;
    });
  }
  return best;
}

/** Prefixes a candidate word must start with for `word` to match it. */
function lookupPrefixes(word: QueryWord): readonly string[] {
  return word.stem.length > 0 ? [word.stem] : (word.alternatives ?? []);
}

/** The query word with the fewest table entries to visit; null when one of them has none. */
function rarestWord(table: PrefixTable, words: readonly QueryWord[]): QueryWord | null {
  let rarest: QueryWord | null = null;
  let fewest = Number.POSITIVE_INFINITY;
  for (const word of words) {
    let count = 0;
    for (const prefix of lookupPrefixes(word)) {
      const [from, to] = prefixRun(table, prefix);
      count += to - from;
    }
    if (count === 0) return null;
    if (count < fewest) {
      fewest = count;
      rarest = word;
    }
  }
  return rarest;
}
