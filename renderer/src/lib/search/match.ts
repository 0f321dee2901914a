// The word tiers: which query word takes which candidate word. The per-keystroke checks
// (`wordTier`, `keyMatches`) only answer "which tier, if any" and allocate nothing.

import { ENTRY_FIRST_TITLE_WORD, ENTRY_HANDLE, ENTRY_NAME_WORD, ENTRY_TITLE_WORD, ENTRY_USERNAME_WORD } from './entries';
import { MatchTier } from './rank';
import { MAX_WORDS, type CandidateText } from './text';

/**
 * One query word: `stem`, then (unless null) one of `alternatives`, must start a candidate word;
 * with `whole`, must be all of it.
 */
export interface QueryWord {
  readonly stem: string;
  readonly alternatives: readonly string[] | null;
  readonly whole: boolean;
}

export interface QueryVariant {
  readonly words: readonly QueryWord[];
  /** Words joined by spaces; compared with the title for the Exact and TitlePrefix tiers. */
  readonly joined: string;
}

export function queryWord(stem: string, alternatives: readonly string[] | null = null, whole = false): QueryWord {
  return { stem, alternatives, whole };
}

/** Prefixes a candidate word must start with for `word` to match it (stem + each alternative). */
export function lookupPrefixes(word: QueryWord): readonly string[] {
  return word.alternatives === null ? [word.stem] : word.alternatives.map((alternative) => word.stem + alternative);
}

/** Length of `text` from `position` that `word` accounts for, or -1. */
export function startsWord(text: string, position: number, word: QueryWord, whole = word.whole): number {
  if (!text.startsWith(word.stem, position)) return -1;
  const alternatives = word.alternatives;
  const after = position + word.stem.length;
  if (alternatives === null) return !whole || after === text.length ? word.stem.length : -1;
  for (const alternative of alternatives) {
    if (text.startsWith(alternative, after) && (!whole || after + alternative.length === text.length)) {
      return word.stem.length + alternative.length;
    }
  }
  return -1;
}

// Scratch space for the assignment below; search is synchronous, so one set suffices.
export const scratchMasks = new Int32Array(MAX_WORDS);
const scratchOwner = new Int8Array(MAX_WORDS);

/**
 * Whether every query word can take a distinct candidate word from `[from, to)` that it matches
 * (in `primary` or, where not '', `alternate`): bipartite matching by augmenting paths, so "a ab"
 * still finds ["ab", "ac"]. With `owner`, records for each slot which query word took it (-1: none).
 */
export function assignWords(
  primary: readonly string[],
  alternate: readonly string[] | null,
  from: number,
  to: number,
  queryWords: readonly QueryWord[],
  whole = false,
  owner: Int8Array = scratchOwner,
): boolean {
  const slots = to - from;
  const count = queryWords.length;
  if (count === 0 || count > slots) return false;
  for (let q = 0; q < count; q++) {
    let mask = 0;
    const word = queryWords[q]!;
    const asWhole = whole || word.whole;
    for (let slot = 0; slot < slots; slot++) {
      const at = from + slot;
      if (
        startsWord(primary[at]!, 0, word, asWhole) >= 0 ||
        (alternate !== null && alternate[at] !== '' && startsWord(alternate[at]!, 0, word, asWhole) >= 0)
      ) {
        mask |= 1 << slot;
        if (count === 1) break;
      }
    }
    if (mask === 0) return false;
    scratchMasks[q] = mask;
  }
  return assignMasks(count, slots, owner);
}

/** The assignment itself, over `scratchMasks[0, count)` (bit s: the word may take slot s). */
export function assignMasks(count: number, slots: number, owner: Int8Array = scratchOwner): boolean {
  owner.fill(-1, 0, slots);
  for (let q = 0; q < count; q++) {
    visitedSlots = 0;
    if (!augment(q, owner)) return false;
  }
  return true;
}

// Shared across one augmenting search so that every slot is tried at most once (Kuhn's bound).
let visitedSlots = 0;

function augment(q: number, owner: Int8Array): boolean {
  let free = scratchMasks[q]! & ~visitedSlots;
  while (free !== 0) {
    const bit = free & -free;
    free &= ~bit;
    if ((visitedSlots & bit) !== 0) continue;
    visitedSlots |= bit;
    const slot = 31 - Math.clz32(bit);
    const holder = owner[slot]!;
    if (holder < 0 || augment(holder, owner)) {
      owner[slot] = q;
      return true;
    }
  }
  return false;
}

export function compactStart(text: string, starts: readonly number[], word: QueryWord): number {
  for (const start of starts) {
    if (startsWord(text, start, word) >= 0) return start;
  }
  return -1;
}

/** Where whole words may be found: title and name words, and the whole handle. */
export function wholeWordEnd(entry: CandidateText): number {
  return Math.min(entry.words.length, entry.nameEnd + 1);
}

/** Exact … Compact for one variant of the query, or -1. */
export function wordTier(entry: CandidateText, variant: QueryVariant, usernameOnly: boolean): number {
  const words = entry.words;
  if (usernameOnly) return assignWords(words, null, entry.nameEnd, words.length, variant.words) ? MatchTier.Username : -1;
  if (entry.titleJoined === variant.joined) return MatchTier.Exact;
  if (assignWords(words, null, 0, wholeWordEnd(entry), variant.words, true)) return MatchTier.WholeWord;
  if (entry.titleJoined.startsWith(variant.joined)) return MatchTier.TitlePrefix;
  if (assignWords(words, null, 0, entry.nameEnd, variant.words)) return MatchTier.WordPrefix;
  if (entry.nameEnd < words.length && assignWords(words, null, 0, words.length, variant.words)) return MatchTier.Username;
  if (variant.words.length === 1 && compactStart(entry.compact, entry.compactStarts, variant.words[0]!) >= 0) {
    return MatchTier.Compact;
  }
  return -1;
}

/**
 * Within WholeWord: the whole username first (usernames are unique: typed in full, it names one
 * account), then a title starting with the query, then whole words elsewhere.
 */
export function wholeWordQuality(entry: CandidateText, variant: QueryVariant): number {
  if (variant.words.length === 1 && entry.nameEnd < entry.words.length && entry.words[entry.nameEnd] === variant.joined) return 2;
  return entry.titleJoined.startsWith(variant.joined) ? 1 : 0;
}

/**
 * Within the Translit and Layout tiers: 1 when every query word is a whole word (title, name, or
 * the whole handle) in that space, as WholeWord is to the prefix tiers.
 */
export function wholeWordsQuality(entry: CandidateText, variant: QueryVariant, inKeys: boolean, usernameOnly: boolean): number {
  if (usernameOnly) return 0;
  const end = wholeWordEnd(entry);
  return assignWords(inKeys ? entry.keys : entry.words, inKeys ? entry.altKeys : null, 0, end, variant.words, true) ? 1 : 0;
}

/** Within Username: the whole handle typed ("@durov" for @durov before @durovfan). */
export function usernameQuality(entry: CandidateText, variant: QueryVariant): number {
  return variant.words.length === 1 && entry.nameEnd < entry.words.length && entry.words[entry.nameEnd] === variant.joined ? 1 : 0;
}

export function keyMatches(entry: CandidateText, variant: QueryVariant, usernameOnly: boolean): boolean {
  const { keys, altKeys } = entry;
  if (usernameOnly) return assignWords(keys, altKeys, entry.nameEnd, keys.length, variant.words);
  if (assignWords(keys, altKeys, 0, keys.length, variant.words)) return true;
  const word = variant.words[0]!;
  return variant.words.length === 1 && !word.whole && compactStart(entry.keyCompact, entry.keyCompactStarts, word) >= 0;
}

/**
 * Tier (and quality, for WholeWord) of a one-word query whose fold-space prefix `stem` starts an
 * entry of `kind` (`whole`: is all of it): the hit itself proves the match, so the candidate's
 * other words need not be looked at. Returns tier * 4 + quality, or -1.
 */
export function singleWordTier(text: CandidateText, kind: number, stem: string, whole: boolean, usernameOnly: boolean): number {
  if (usernameOnly) {
    if (kind === ENTRY_HANDLE) return MatchTier.Username * 4 + (whole ? 1 : 0);
    return kind === ENTRY_USERNAME_WORD ? MatchTier.Username * 4 : -1;
  }
  switch (kind) {
    case ENTRY_FIRST_TITLE_WORD:
      if (text.titleJoined === stem) return MatchTier.Exact * 4;
      return whole ? MatchTier.WholeWord * 4 + 1 : MatchTier.TitlePrefix * 4;
    case ENTRY_TITLE_WORD:
    case ENTRY_NAME_WORD:
      return whole ? MatchTier.WholeWord * 4 : MatchTier.WordPrefix * 4;
    case ENTRY_HANDLE:
      return whole ? MatchTier.WholeWord * 4 + 2 : MatchTier.Username * 4;
    case ENTRY_USERNAME_WORD:
      return MatchTier.Username * 4;
    default:
      return MatchTier.Compact * 4;
  }
}
