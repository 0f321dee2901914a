// A typed query, prepared once per keystroke into what each tier compares with candidates.

import { fullNameKeys } from './diminutives';
import { KEYBOARD_LAYOUTS, swapLayout, type KeyboardLayout } from './layout';
import { queryWord, type QueryVariant, type QueryWord } from './match';
import { foldWords } from './normalize';
import { subsequenceQuery, type SubsequenceQuery } from './subsequence';
import { translitKey, translitQueryWord } from './translit';
import { typoBudget } from './typo';

const INFIX_MIN_LENGTH = 3;

/** A query word as the typo tier sees it: in fold and key space, with its edit budget. */
export interface TypoWord {
  readonly folded: string;
  readonly key: string;
  readonly budget: number;
}

export interface PreparedQuery {
  /** all: empty query; usernames: a lone "@"; symbols: no letters (emoji); words: the rest. */
  readonly mode: 'all' | 'usernames' | 'symbols' | 'words';
  readonly usernameOnly: boolean;
  readonly direct: QueryVariant;
  readonly translit: QueryVariant | null;
  /** The query re-typed on each other layout that gives something new. */
  readonly layouts: readonly QueryVariant[];
  readonly layoutTranslits: readonly QueryVariant[];
  /** Null unless some word is long enough for a typo. */
  readonly typo: readonly TypoWord[] | null;
  readonly subsequence: SubsequenceQuery | null;
  /** The same in key space ("ap" → "Алексей Петров"), when that differs. */
  readonly keySubsequence: SubsequenceQuery | null;
  /** Diminutives replaced by the full names' keys (whole words), or null when there are none. */
  readonly diminutive: QueryVariant | null;
  readonly infix: string | null;
  readonly symbols: string;
}

function directVariant(folded: readonly string[]): QueryVariant {
  return { words: folded.map((word) => queryWord(word)), joined: folded.join(' ') };
}

function translitVariant(folded: readonly string[]): QueryVariant | null {
  const words: QueryWord[] = [];
  for (const word of folded) {
    const { stem, alternatives } = translitQueryWord(word);
    // A word with no sound of its own (a lone ь) would match everything.
    if (stem.length === 0 && alternatives === null) return null;
    words.push(queryWord(stem, alternatives));
  }
  return { words, joined: '' };
}

function typoWords(folded: readonly string[]): TypoWord[] | null {
  let any = false;
  const words = folded.map((word) => {
    const budget = typoBudget(word.length);
    if (budget > 0) any = true;
    return { folded: word, key: translitKey(word), budget };
  });
  return any ? words : null;
}

function diminutiveVariant(folded: readonly string[], translit: QueryVariant | null): QueryVariant | null {
  if (translit === null) return null;
  let any = false;
  const words = folded.map((word, k) => {
    const full = fullNameKeys(translitKey(word));
    if (full === null) return translit.words[k]!;
    any = true;
    return queryWord('', full, true);
  });
  return any ? { words, joined: '' } : null;
}

/** No word starts with ы, ь or ъ. */
const IMPOSSIBLE_START = /^[ыьъ]/;

/**
 * Whether a re-typed query is worth matching in key space: short Latin slips re-type to letter
 * soup ("sb" → "ыи", whose key is one и) that would find every name starting with that sound.
 */
function plausibleRetyping(swapped: readonly string[], translit: QueryVariant): boolean {
  return swapped.every((word, k) => {
    const key = translit.words[k]!;
    const shortest = key.stem.length + Math.min(...(key.alternatives ?? ['']).map((alternative) => alternative.length));
    return !IMPOSSIBLE_START.test(word) && shortest >= Math.min(2, word.length);
  });
}

/**
 * Only where every letter keeps its own key letter: initials and letter runs stay letters, while
 * a merged digraph ("jo" → е) would leave a shorter, looser query than the one typed.
 */
function keySubsequenceQuery(folded: readonly string[]): SubsequenceQuery | null {
  const keys = folded.map(translitKey);
  if (keys.join('') === folded.join('') || keys.some((key, k) => key.length !== folded[k]!.length)) return null;
  return subsequenceQuery(keys);
}

const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const EMPTY_VARIANT: QueryVariant = { words: [], joined: '' };

export function prepareQuery(query: string, layouts: readonly KeyboardLayout[] = KEYBOARD_LAYOUTS): PreparedQuery {
  const trimmed = query.trim();
  const usernameOnly = trimmed.startsWith('@');
  const folded = foldWords(trimmed);
  const base = {
    usernameOnly,
    direct: EMPTY_VARIANT,
    translit: null,
    layouts: [],
    layoutTranslits: [],
    typo: null,
    subsequence: null,
    keySubsequence: null,
    diminutive: null,
    infix: null,
    // Half of a surrogate pair would match inside any emoji of any title; control characters
    // are the corpus separators.
    symbols: trimmed.replace(LONE_SURROGATES, '').replace(/\p{Cc}/gu, ''),
  };
  if (folded.length === 0) {
    if (trimmed === '') return { ...base, mode: 'all' };
    if (/^@+$/.test(trimmed)) return { ...base, mode: 'usernames' };
    return { ...base, mode: 'symbols' };
  }

  const seen = new Set([folded.join(' ')]);
  const layoutVariants: QueryVariant[] = [];
  const layoutTranslits: QueryVariant[] = [];
  for (const layout of layouts) {
    const swapped = foldWords(swapLayout(trimmed, layout));
    const joined = swapped.join(' ');
    if (swapped.length === 0 || seen.has(joined)) continue;
    seen.add(joined);
    layoutVariants.push(directVariant(swapped));
    const translit = translitVariant(swapped);
    if (translit !== null && plausibleRetyping(swapped, translit)) layoutTranslits.push(translit);
  }
  const single = folded.length === 1 ? folded[0]! : '';
  const translit = translitVariant(folded);
  return {
    mode: 'words',
    usernameOnly,
    direct: directVariant(folded),
    translit,
    layouts: layoutVariants,
    layoutTranslits,
    typo: typoWords(folded),
    subsequence: subsequenceQuery(folded),
    keySubsequence: keySubsequenceQuery(folded),
    diminutive: usernameOnly ? null : diminutiveVariant(folded, translit),
    infix: !usernameOnly && single.length >= INFIX_MIN_LENGTH ? single : null,
    symbols: trimmed,
  };
}
