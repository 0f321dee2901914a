// Ranking: match quality first (the tier), then the candidate's standing regardless of the query.

/**
 * Match quality, best first. A candidate gets the best tier any of its fields reaches.
 *
 * - Exact: the folded title equals the folded query ("ivan petrov" for "Ivan Petrov").
 * - TitlePrefix: the folded title starts with the query ("ivan pe", "iv").
 * - WordPrefix: every query word is a prefix of a distinct word of the title or first/last name,
 *   in any order ("petrov iv"); camelCase and letter/digit parts count as words.
 * - Username: as WordPrefix, but needs at least one username word ("@ivp", "ivan_p"). A query
 *   starting with @ matches usernames only.
 * - Compact: a one-word query runs across consecutive title words ("ivanp" → "Ivan Petrov",
 *   "obrien" → "O'Brien").
 * - Translit: WordPrefix/Username/Compact in the Latin⇄Cyrillic key space ("ivan" → "Иван").
 * - Layout: the query re-typed on the other keyboard layout matches as Exact…Compact ("gfdtk").
 * - LayoutTranslit: the re-typed query matches in the key space.
 * - Infix: a one-word query of 3+ letters inside a title/username word ("trov" → "Petrov"), or a
 *   query of symbols only (emoji) found verbatim in the title.
 * - Unfiltered: the empty query lists everyone.
 */
export const MatchTier = {
  Exact: 0,
  TitlePrefix: 1,
  WordPrefix: 2,
  Username: 3,
  Compact: 4,
  Translit: 5,
  Layout: 6,
  LayoutTranslit: 7,
  Infix: 8,
  Unfiltered: 9,
} as const;
export type MatchTier = (typeof MatchTier)[keyof typeof MatchTier];
export const TIER_COUNT = 10;

export interface RankedFields {
  readonly rating: number;
  readonly lastUsedAt: number;
  readonly sortTitle: string;
  readonly title: string;
  readonly key: string;
}

/**
 * Order within a tier: top-peer rating, then local recency, then the title so that equal
 * candidates do not reshuffle between keystrokes. Locale-independent on purpose: the same list
 * sorts the same on every machine (and in tests).
 */
export function compareStanding(a: RankedFields, b: RankedFields): number {
  if (a.rating !== b.rating) return b.rating - a.rating;
  if (a.lastUsedAt !== b.lastUsedAt) return b.lastUsedAt - a.lastUsedAt;
  if (a.sortTitle !== b.sortTitle) return a.sortTitle < b.sortTitle ? -1 : 1;
  if (a.title !== b.title) return a.title < b.title ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Non-finite inputs would poison the comparator (NaN is neither greater nor smaller). */
export function finiteOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) ? value : fallback;
}
