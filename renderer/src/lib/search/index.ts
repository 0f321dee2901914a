// The switcher's search: build an index when the peer list changes, query it on every keystroke.
// Pure functions over plain data; no DOM, Svelte or Node APIs, so it runs in the renderer and in
// plain Node tests alike.

import { buildInfixCorpus, forEachInfixOwner, prefixRun, PrefixTableBuilder, type InfixCorpus, type PrefixTable } from './lookup';
import {
  createTextCache,
  ENTRY_USERNAME_WORD,
  highlightsFor,
  lookupPrefixes,
  singleWordTier,
  indexText,
  keyMatches,
  listTableEntries,
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

  const cache = createTextCache();
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
  const entries = [...byKey.values()].sort(compareStanding);
  const foldTable = new PrefixTableBuilder();
  const keyTable = new PrefixTableBuilder();
  for (let owner = 0; owner < entries.length; owner++) {
    const text = entries[owner]!.text;
    listTableEntries(text, false, foldTable, owner);
    listTableEntries(text, true, keyTable, owner);
  }
  return {
    size: entries.length,
    entries,
    foldTable: foldTable.build(),
    keyTable: keyTable.build(),
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
 * the table runs its query words start; once `limit` entries have a tier, later (worse) variants
 * cannot reach the results and are skipped.
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

  // For queries of several words: how many of the words (in order) have hit each entry so far.
  const wordsHit = new Uint8Array(entries.length);
  let matched = 0;
  const record = (owner: number, tier: number): void => {
    if (tier >= 0 && tier < best[owner]!) {
      if (best[owner] === NO_MATCH) matched++;
      best[owner] = tier;
    }
  };
  /**
   * `tierOfHit` answers for one-word queries straight from the table hit. Longer queries first
   * keep the candidates every word hits (cheap counting), then check those with `tierOf`.
   */
  const run = (
    variant: QueryVariant | null,
    table: PrefixTable,
    tierOfHit: (text: CandidateText, kind: number, word: QueryWord) => number,
    tierOf: (text: CandidateText, variant: QueryVariant) => number,
  ): void => {
    if (variant === null || matched >= limit) return;
    const words = variant.words;
    if (words.length === 1) {
      const word = words[0]!;
      for (const prefix of lookupPrefixes(word)) {
        const [from, to] = prefixRun(table, prefix);
        for (let i = from; i < to; i++) {
          const owner = table.owners[i]!;
          record(owner, tierOfHit(entries[owner]!.text, table.kinds[i]!, word));
        }
      }
      return;
    }
    // A candidate has at most 32 words, so more query words than that cannot all match.
    if (words.length > 32) return;
    wordsHit.fill(0);
    const survivors: number[] = [];
    words.forEach((word, k) => {
      for (const prefix of lookupPrefixes(word)) {
        const [from, to] = prefixRun(table, prefix);
        for (let i = from; i < to; i++) {
          const owner = table.owners[i]!;
          if (wordsHit[owner] !== k) continue;
          wordsHit[owner] = k + 1;
          if (k + 1 === words.length) survivors.push(owner);
        }
      }
    });
    for (const owner of survivors) record(owner, tierOf(entries[owner]!.text, variant));
  };
  const { usernameOnly } = query;
  // Below the direct tiers one hit decides alone; with @ it must be a username word.
  const flatTier = (tier: number) => (_text: CandidateText, kind: number) =>
    !usernameOnly || kind === ENTRY_USERNAME_WORD ? tier : -1;
  run(
    query.direct,
    index.foldTable,
    (text, kind, word) => singleWordTier(text, kind, word.stem, usernameOnly),
    (text, variant) => wordTier(text, variant, usernameOnly),
  );
  run(query.translit, index.keyTable, flatTier(MatchTier.Translit), (text, variant) =>
    keyMatches(text, variant, usernameOnly) ? MatchTier.Translit : -1,
  );
  run(query.layout, index.foldTable, flatTier(MatchTier.Layout), (text, variant) =>
    wordTier(text, variant, usernameOnly) >= 0 ? MatchTier.Layout : -1,
  );
  run(query.layoutTranslit, index.keyTable, flatTier(MatchTier.LayoutTranslit), (text, variant) =>
    keyMatches(text, variant, usernameOnly) ? MatchTier.LayoutTranslit : -1,
  );
  if (query.infix !== null && matched < limit) {
    forEachInfixOwner(index.infixCorpus, query.infix, (owner) => {
      if (best[owner] === NO_MATCH) best[owner] = MatchTier.Infix;
    });
  }
  return best;
}
