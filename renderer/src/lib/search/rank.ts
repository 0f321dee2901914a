// Ranking: match quality first (the tier), then, within a tier, how well the query matched (for the
// tiers that grade it) and the candidate's standing regardless of the query.

/**
 * Match quality, best first. A candidate gets the best tier any of its fields reaches.
 *
 * - Exact: the folded title equals the folded query ("ivan petrov" for "Ivan Petrov").
 * - WholeWord: every query word equals a whole word of the title or first/last name, or the whole
 *   username ("anna" → "Anna Lee", "durov" → @durov), before any word it only starts. Within it,
 *   the whole username first, then a title starting with the query.
 * - TitlePrefix: the folded title starts with the query ("ivan pe", "iv").
 * - WordPrefix: every query word is a prefix of a distinct word of the title or first/last name,
 *   in any order ("petrov iv"); camelCase and letter/digit parts count as words.
 * - Username: as WordPrefix, but needs at least one username word ("@ivp", "ivan_p"). A query
 *   starting with @ matches usernames only, the whole username first.
 * - Compact: a one-word query runs across consecutive title words ("ivanp" → "Ivan Petrov",
 *   "obrien" → "O'Brien").
 * - Translit: WordPrefix/Username/Compact in the phonetic key space of Latin, Cyrillic
 *   (Russian, Ukrainian, Belarusian) and Greek ("ivan" → "Иван", "honchar" → "Гончар").
 * - Layout: the query re-typed on another keyboard layout matches as Exact…Compact ("gfdtk").
 * - LayoutTranslit: the re-typed query matches in the key space.
 * - Typo: every query word matches a distinct word, some with a typo (Damerau–Levenshtein 1 for
 *   4–7 letters, 2 for 8+, first letter kept), in fold or key space ("pavle" → "Pavel").
 * - Subsequence: the query's letters in order, starting at word starts ("tgd" → "Telegram
 *   Desktop", "sb" → "Sea Breeze").
 * - Infix: a one-word query of 3+ letters inside a title/username word ("trov" → "Petrov"), or a
 *   query of symbols only (emoji) found verbatim in the title.
 * - Diminutive: a query word is a common diminutive of a whole name word ("sasha" → "Alexander").
 * - Unfiltered: the empty query lists everyone.
 */
export const MatchTier = {
  Exact: 0,
  WholeWord: 1,
  TitlePrefix: 2,
  WordPrefix: 3,
  Username: 4,
  Compact: 5,
  Translit: 6,
  Layout: 7,
  LayoutTranslit: 8,
  Typo: 9,
  Subsequence: 10,
  Infix: 11,
  Diminutive: 12,
  Unfiltered: 13,
} as const;
export type MatchTier = (typeof MatchTier)[keyof typeof MatchTier];
export const TIER_COUNT = 14;

export interface RankedFields {
  readonly rating: number;
  readonly lastUsedAt: number;
  readonly sortTitle: string;
  readonly title: string;
  readonly key: string;
}

/**
 * Order within a tier (after match quality): top-peer rating, then local recency, then the title
 * so that equal candidates do not reshuffle between keystrokes. Locale-independent on purpose:
 * the same list sorts the same on every machine (and in tests).
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
