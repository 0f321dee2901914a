// Typos: a query word within a small Damerau–Levenshtein distance (optimal string alignment: a
// swapped pair of letters is one edit) of a candidate word, or of the start of one while the word
// is still being typed. The first letter is kept: people rarely get it wrong, and without it a
// short query would match half the list.

/** Edits allowed for a query word of `length` letters: none below 4, 1 up to 7, 2 from 8. */
export function typoBudget(length: number): number {
  return length >= 8 ? 2 : length >= 4 ? 1 : 0;
}

/**
 * Below this length a query word must be within the budget of a whole candidate word; from it on,
 * also of a candidate word's start (the word is being typed). Four letters against word starts
 * would match nearly every name sharing two letters.
 */
const PREFIX_TYPO_MIN_LENGTH = 5;
const MAX_LENGTH = 48;

const rows = [new Int32Array(MAX_LENGTH + 3), new Int32Array(MAX_LENGTH + 3), new Int32Array(MAX_LENGTH + 3)];

/**
 * Distance of `query` to `word` (whole) or to its best start, when within `budget`; else -1.
 * Returned as distance * 2, plus 1 when only a start of the word is that close.
 */
export function typoDistance(query: string, word: string, budget: number): number {
  const m = query.length;
  if (budget === 0 || m > MAX_LENGTH || word.length === 0 || word.charCodeAt(0) !== query.charCodeAt(0)) return -1;
  const prefixes = m >= PREFIX_TYPO_MIN_LENGTH;
  if (!prefixes && Math.abs(word.length - m) > budget) return -1;
  if (word.length < m - budget) return -1;
  // Columns past m + budget cannot bring a prefix back within the budget.
  const n = Math.min(word.length, m + budget);
  const wholeReachable = word.length <= m + budget;
  let twoBack = rows[0]!;
  let previous = rows[1]!;
  let current = rows[2]!;
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= m; i++) {
    current[0] = i;
    let rowMin = i;
    const q = query.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const w = word.charCodeAt(j - 1);
      let best = previous[j - 1]! + (q === w ? 0 : 1);
      const deletion = previous[j]! + 1;
      const insertion = current[j - 1]! + 1;
      if (deletion < best) best = deletion;
      if (insertion < best) best = insertion;
      if (i > 1 && j > 1 && q === word.charCodeAt(j - 2) && query.charCodeAt(i - 2) === w) {
        const swap = twoBack[j - 2]! + 1;
        if (swap < best) best = swap;
      }
      current[j] = best;
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > budget) return -1;
    const recycled = twoBack;
    twoBack = previous;
    previous = current;
    current = recycled;
  }
  const whole = wholeReachable ? previous[word.length]! : budget + 1;
  let start = budget + 1;
  if (prefixes) for (let j = Math.max(1, m - budget); j <= n; j++) if (previous[j]! < start) start = previous[j]!;
  // Fewer edits first; at equal edits the whole word.
  if (whole <= budget && whole <= start) return whole * 2;
  return start <= budget ? start * 2 + 1 : -1;
}

/**
 * The letters of `word` that a best alignment with `query` keeps as they are (for highlights),
 * as offsets into `word`; empty when the word is not within the budget.
 */
export function typoAlignment(query: string, word: string, budget: number): number[] {
  const graded = typoDistance(query, word, budget);
  if (graded < 0) return [];
  const m = query.length;
  const prefix = (graded & 1) === 1;
  const n = Math.min(word.length, m + budget);
  const d: Int32Array[] = Array.from({ length: m + 1 }, () => new Int32Array(n + 1));
  for (let j = 0; j <= n; j++) d[0]![j] = j;
  for (let i = 1; i <= m; i++) {
    d[i]![0] = i;
    for (let j = 1; j <= n; j++) {
      let best = Math.min(d[i - 1]![j - 1]! + (query[i - 1] === word[j - 1] ? 0 : 1), d[i - 1]![j]! + 1, d[i]![j - 1]! + 1);
      if (i > 1 && j > 1 && query[i - 1] === word[j - 2] && query[i - 2] === word[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  let j = prefix ? -1 : word.length;
  if (prefix) {
    for (let k = Math.max(1, m - budget); k <= n; k++) if (j < 0 || d[m]![k]! < d[m]![j]!) j = k;
  }
  const kept: number[] = [];
  let i = m;
  while (i > 0 && j > 0) {
    const here = d[i]![j]!;
    if (query[i - 1] === word[j - 1] && here === d[i - 1]![j - 1]!) {
      kept.push(j - 1);
      i--;
      j--;
    } else if (here === d[i - 1]![j - 1]! + 1) {
      i--;
      j--;
    } else if (i > 1 && j > 1 && query[i - 1] === word[j - 2] && query[i - 2] === word[j - 1] && here === d[i - 2]![j - 2]! + 1) {
      kept.push(j - 1, j - 2);
      i -= 2;
      j -= 2;
    } else if (here === d[i - 1]![j]! + 1) {
      i--;
    } else {
      j--;
    }
  }
  return kept.reverse();
}
