// The switcher's search: build an index when the peer list changes, query it on every keystroke.
// Pure functions over plain data; no DOM, Svelte or Node APIs, so it runs in the renderer and in
// plain Node tests alike.

import { highlightsFor, indexText, matchTier, prepareQuery, type CandidateText } from './match';
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
  /** @internal In standing order (rating, recency, title). */
  readonly entries: readonly IndexedCandidate[];
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
  return { size: entries.length, entries };
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

  // Entries are already in standing order, so bucketing by tier is the whole sort.
  const buckets: number[][] = Array.from({ length: TIER_COUNT }, () => []);
  for (let i = 0; i < entries.length; i++) {
    const tier = matchTier(entries[i]!.text, prepared);
    if (tier >= 0) buckets[tier]!.push(i);
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
