// Skipped letters and initials: the query's letters in order inside the run-together title ("tgd"
// → "Telegram Desktop", "sb" → "Sea Breeze"), scored the way fzf does it in spirit: a letter at a
// word start is worth most, one right after the previous match next, a letter picked from inside
// a word after a skip nothing. The first letter (and each query word's first letter) must start a
// word, there may be no more skips than letters at word starts, and at most all but two letters
// may be skips, so that a query does not match every title that happens to contain its letters
// ("sasha" is not "StrASSenbaHn"). Vowels left out are not counted as skips in a query of three
// letters or more: people abbreviate by dropping them ("tlgrm" → "Telegram", "shvchnk" →
// "Shevchenko"); such a letter still scores nothing and its gap still costs.

import { SEQ_INSIDE, SEQ_SUB_WORD, SEQ_WORD } from './text';

export interface SubsequenceQuery {
  /** The query's folded words run together. */
  readonly letters: string;
  /** 1 where a query word starts: that letter must start a word too. */
  readonly wordStarts: Uint8Array;
}

/** Longer texts are matched on their first letters; longer queries are not subsequence queries. */
export const MAX_TEXT = 160;
export const MAX_SUBSEQUENCE_LETTERS = 24;

const WORD_POINTS = 3;
const SUB_WORD_POINTS = 2;
const CONSECUTIVE_POINTS = 2;
const TITLE_START_POINTS = 1;
/**
 * Scores are packed as points * POINT + starts * START + (31 - skips) * SKIP + (255 - gaps): the
 * most points, then the most word starts, then the fewest skips, then the fewest letters passed
 * over before the skips ("jon" is nearer "JOhN" than "JürgeN GONçalves"). Gaps before a word start
 * are free: initials do not depend on how long the words are.
 */
const SKIP = 256;
const START = SKIP * 32;
const POINT = START * 32;
const NO_GAPS = SKIP - 1;
/** Fewer query letters than this drop no vowels for free: two letters are initials or a prefix. */
const MIN_VOWEL_SKIP_LETTERS = 3;

/** Vowels of the folded scripts and of the phonetic key, by char code (all below 0x500): 1 for a vowel. */
const VOWELS = new Uint8Array(0x500);
for (const letter of 'aeiouyаеёиоуыэюяієїαεηιουω') VOWELS[letter.charCodeAt(0)] = 1;

export function subsequenceQuery(words: readonly string[]): SubsequenceQuery | null {
  const letters = words.join('');
  if (letters.length < 2 || letters.length > MAX_SUBSEQUENCE_LETTERS) return null;
  const wordStarts = new Uint8Array(letters.length);
  let at = 0;
  for (const word of words) {
    wordStarts[at] = 1;
    at += word.length;
  }
  return { letters, wordStarts };
}

function startPoints(bonus: number, position: number): number {
  if (bonus === SEQ_WORD) return position === 0 ? WORD_POINTS + TITLE_START_POINTS : WORD_POINTS;
  return bonus === SEQ_SUB_WORD ? SUB_WORD_POINTS : 0;
}

/** Whether `letters` occur in `text[0, end)` in order. */
export function holdsInOrder(text: string, letters: string, end = text.length): boolean {
  let at = -1;
  for (let i = 0; i < letters.length; i++) {
    at = text.indexOf(letters[i]!, at + 1);
    if (at < 0 || at >= end) return false;
  }
  return true;
}

let previousRow = new Int32Array(MAX_TEXT);
let currentRow = new Int32Array(MAX_TEXT);

/**
 * The best match's packed score (higher is better, see SKIP), or -1. With `path`, the matched
 * offsets of `text` are pushed onto it.
 */
export function subsequenceScore(text: string, bonus: Uint8Array, query: SubsequenceQuery, path?: number[]): number {
  const { letters, wordStarts } = query;
  const m = letters.length;
  const n = Math.min(text.length, MAX_TEXT);
  if (n < m) return -1;
  // Cheap rejection first: most candidates do not hold the letters in order at all.
  if (!holdsInOrder(text, letters, n)) return -1;
  const trace = path === undefined ? null : Array.from({ length: m }, () => new Int16Array(n).fill(-1));
  let previous = previousRow;
  let current = currentRow;
  const vowelSkips = m >= MIN_VOWEL_SKIP_LETTERS;
  for (let i = 0; i < m; i++) {
    const letter = letters.charCodeAt(i);
    const mustStart = wordStarts[i] === 1;
    let bestBefore = -1;
    let bestBeforeAt = -1;
    // The same maximum with each entry's offset added, for skips: their gap costs j - 1 - j'.
    let bestGapped = -1;
    let bestGappedAt = -1;
    // As bestGapped, over the entries from which only vowels lie up to j: a jump that is no skip.
    let bestVowelGapped = -1;
    let bestVowelGappedAt = -1;
    for (let j = 0; j < n; j++) {
      let value = -1;
      if (text.charCodeAt(j) === letter && (!mustStart || bonus[j] !== SEQ_INSIDE)) {
        const start = startPoints(bonus[j]!, j);
        if (i === 0) {
          value = start * POINT + START + 31 * SKIP + NO_GAPS;
        } else {
          if (j > 0 && previous[j - 1]! >= 0) {
            value = previous[j - 1]! + Math.max(start, CONSECUTIVE_POINTS) * POINT + (start > 0 ? START : 0);
            if (trace) trace[i]![j] = j - 1;
          }
          // A jump to a word start scores as one; a skip scores nothing and costs its gap.
          const [jumped, from] =
            start > 0 ? [bestBefore < 0 ? -1 : bestBefore + start * POINT + START, bestBeforeAt] : [bestGapped < 0 ? -1 : bestGapped - (j - 1) - SKIP, bestGappedAt];
          if (jumped > value) {
            value = jumped;
            if (trace) trace[i]![j] = from;
          }
          const overVowels = start > 0 || bestVowelGapped < 0 ? -1 : bestVowelGapped - (j - 1);
          if (overVowels > value) {
            value = overVowels;
            if (trace) trace[i]![j] = bestVowelGappedAt;
          }
        }
      }
      // Entries up to j - 1 may precede a match at j + 1 without being consecutive to it.
      if (j > 0 && previous[j - 1]! >= 0) {
        if (previous[j - 1]! > bestBefore) {
          bestBefore = previous[j - 1]!;
          bestBeforeAt = j - 1;
        }
        if (previous[j - 1]! + j - 1 > bestGapped) {
          bestGapped = previous[j - 1]! + j - 1;
          bestGappedAt = j - 1;
        }
      }
      // A match at j + 1 passes over text[j]: only a vowel keeps the vowel-only gaps open.
      if (!vowelSkips || VOWELS[text.charCodeAt(j)] !== 1) {
        bestVowelGapped = -1;
      } else if (j > 0 && previous[j - 1]! >= 0 && previous[j - 1]! + j - 1 > bestVowelGapped) {
        bestVowelGapped = previous[j - 1]! + j - 1;
        bestVowelGappedAt = j - 1;
      }
      current[j] = value;
    }
    const recycled = previous;
    previous = current;
    current = recycled;
  }
  let best = -1;
  let bestAt = -1;
  for (let j = 0; j < n; j++) {
    if (previous[j]! > best) {
      best = previous[j]!;
      bestAt = j;
    }
  }
  previousRow = previous;
  currentRow = current;
  if (best < 0) return -1;
  const skips = 31 - Math.floor((best % START) / SKIP);
  const starts = Math.floor((best % POINT) / START);
  if (skips > Math.max(0, m - 2) || skips > starts) return -1;
  if (trace && path) {
    const matched: number[] = [];
    for (let i = m - 1, j = bestAt; i >= 0 && j >= 0; i--) {
      matched.push(j);
      j = i > 0 ? trace[i]![j]! : -1;
    }
    path.push(...matched.reverse());
  }
  return best;
}

/** Word starts of a username handle, whose parts are listed after it among the candidate's words. */
export function handleBonus(handle: string, parts: readonly string[]): Uint8Array {
  const bonus = new Uint8Array(handle.length);
  if (handle.length > 0) bonus[0] = SEQ_WORD;
  let from = 1;
  for (const part of parts) {
    const at = handle.indexOf(part, from);
    if (at > 0) {
      bonus[at] = SEQ_WORD;
      from = at + 1;
    }
  }
  return bonus;
}
