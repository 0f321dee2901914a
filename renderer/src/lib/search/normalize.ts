// Case and diacritics folding plus word splitting, done one code point at a time so that every
// folded offset can be walked back to an offset in the original string (for highlights).

const KIND_SEPARATOR = 0;
const KIND_LETTER = 1;
const KIND_UPPER = 2;
const KIND_DIGIT = 3;
const KIND_MARK = 4;

interface CharInfo {
  readonly folded: string;
  readonly kind: number;
}

// Letters that neither NFD nor NFKD decompose into a base letter plus marks.
const EXTRA_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  þ: 'th',
  ħ: 'h',
  ŧ: 't',
  ŀ: 'l',
  ĸ: 'k',
  ƒ: 'f',
  ŋ: 'n',
  ɨ: 'i',
  ꞵ: 'b',
  // Final sigma is the same letter as σ; per-code-point lowercasing never produces it.
  ς: 'σ',
};
const EXTRA_FOLD_CHARS = new RegExp(`[${Object.keys(EXTRA_FOLDS).join('')}]`, 'gu');

const IS_MARK = /^\p{M}$/u;
const IS_DIGIT = /^\p{N}$/u;
const IS_LETTER = /^\p{L}$/u;
const MARKS = /\p{M}/gu;
const NON_WORD = /[^\p{L}\p{N}]/gu;

/** The Unicode rules themselves: what `charInfo` answers, and what its shortcuts must agree with. */
export function computeCharInfo(codePoint: number): CharInfo {
  const char = String.fromCodePoint(codePoint);
  if (IS_MARK.test(char)) return { folded: '', kind: KIND_MARK };
  const isDigit = IS_DIGIT.test(char);
  if (!isDigit && !IS_LETTER.test(char)) return { folded: '', kind: KIND_SEPARATOR };
  // NFKD rather than plain NFD: Telegram names are full of "fancy font" letters (𝓜𝓪𝓻𝓲𝓪, ｆｕｌｌ
  // width, ligatures) that only compatibility decomposition brings back to plain letters.
  const folded = char
    .normalize('NFKD')
    .toLowerCase()
    .replace(MARKS, '')
    .replace(EXTRA_FOLD_CHARS, (c) => EXTRA_FOLDS[c] ?? c)
    // Compatibility decompositions may leave punctuation behind (ŀ → l·); keys stay word-shaped.
    .replace(NON_WORD, '');
  const kind = isDigit ? KIND_DIGIT : char !== char.toLowerCase() ? KIND_UPPER : KIND_LETTER;
  return { folded, kind };
}

// ASCII dominates usernames and most titles; an array lookup keeps index building cheap. Filled
// from the ASCII rules directly: running the Unicode regexes above on all 128 code points is
// milliseconds of a cold start, for answers known in advance.
let asciiInfo: CharInfo[] | undefined;
const charInfoCache = new Map<number, CharInfo>();

/** `computeCharInfo` for ASCII, where only A–Z, a–z and 0–9 are word characters and none decomposes. */
function asciiCharInfo(code: number): CharInfo {
  const kind = asciiKind(code);
  if (kind === KIND_SEPARATOR) return { folded: '', kind };
  return { folded: String.fromCharCode(kind === KIND_UPPER ? code + 32 : code), kind };
}

const SEPARATOR_INFO: CharInfo = { folded: '', kind: KIND_SEPARATOR };
const MARK_INFO: CharInfo = { folded: '', kind: KIND_MARK };

/**
 * Blocks where every code point is a symbol, or a mark, by the Unicode rules (emoji, pictographs,
 * dingbats but their circled digits, variation selectors); checked code point by code point in
 * the unit tests.
 */
function knownNonLetter(codePoint: number): CharInfo | null {
  if (codePoint >= 0xfe00 && codePoint <= 0xfe0f) return MARK_INFO;
  if (
    codePoint === 0x200d ||
    (codePoint >= 0x1f1e6 && codePoint <= 0x1f1ff) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff) ||
    (codePoint >= 0x2600 && codePoint <= 0x2775) ||
    (codePoint >= 0x2794 && codePoint <= 0x27bf)
  ) {
    return SEPARATOR_INFO;
  }
  return null;
}

/**
 * A cased letter of the Latin, Greek or Cyrillic blocks whose compatibility decomposition is a
 * plain Latin, Greek or Cyrillic letter plus combining diacritics (é, й, ё, ά …): its folded form
 * is that letter lowercased, without the Unicode regexes `computeCharInfo` runs (compiling them
 * is milliseconds of a cold start), or its `EXTRA_FOLDS` entry (ß, ø, ł …). Anything else
 * returns null, for the full rules.
 */
function plainLetter(codePoint: number): CharInfo | null {
  if (!((codePoint >= 0xc0 && codePoint <= 0x24f) || (codePoint >= 0x370 && codePoint <= 0x52f))) return null;
  const char = String.fromCharCode(codePoint);
  const lower = char.toLowerCase();
  if (lower === char.toUpperCase()) return null;
  const kind = lower === char ? KIND_LETTER : KIND_UPPER;
  const extra = EXTRA_FOLDS[lower];
  if (extra !== undefined) return { folded: extra, kind };
  const decomposed = lower.normalize('NFKD');
  let folded = '';
  for (let i = 0; i < decomposed.length; i++) {
    const code = decomposed.charCodeAt(i);
    if (code >= 0x300 && code <= 0x36f) continue;
    const plain = (code >= 0x61 && code <= 0x7a) || (code >= 0x3b1 && code <= 0x3c9 && code !== 0x3c2) || (code >= 0x430 && code <= 0x45f);
    if (!plain) return null;
    folded += decomposed.charAt(i);
  }
  return folded === '' ? null : { folded, kind };
}

export function charInfo(codePoint: number): CharInfo {
  if (codePoint < 128) return (asciiInfo ??= Array.from({ length: 128 }, (_, cp) => asciiCharInfo(cp)))[codePoint]!;
  let info = charInfoCache.get(codePoint);
  if (info === undefined) {
    info = knownNonLetter(codePoint) ?? plainLetter(codePoint) ?? computeCharInfo(codePoint);
    charInfoCache.set(codePoint, info);
  }
  return info;
}

/** Code point at `index` (lone surrogates are returned as themselves, never thrown on). */
function codePointAt(text: string, index: number): number {
  const high = text.charCodeAt(index);
  if (high >= 0xd800 && high <= 0xdbff && index + 1 < text.length) {
    const low = text.charCodeAt(index + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return ((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  }
  return high;
}

function codePointSize(codePoint: number): number {
  return codePoint > 0xffff ? 2 : 1;
}

/** A word of the original text: `[start, end)` in UTF-16 units, and its folded form. */
export interface Token {
  readonly start: number;
  readonly end: number;
  readonly folded: string;
  /** True for camelCase / letter-digit sub-words, which run from the boundary to the word end. */
  readonly sub: boolean;
}

/**
 * Splits on anything that is not a letter, digit or combining mark (spaces, punctuation, emoji,
 * ZWJ). With `subWords`, also emits the tail of a word from each camelCase or letter/digit
 * boundary ("TopSwitch2" → "topswitch2", "switch2", "2"), so "sw" can find "TopSwitch".
 */
export function tokenize(text: string, subWords = false): Token[] {
  if (ASCII_ONLY.test(text)) return tokenizeAscii(text, subWords);
  const tokens: Token[] = [];
  let folded = '';
  let wordStart = -1;
  let previousKind = KIND_SEPARATOR;
  // Pairs of (original offset, folded offset) where a sub-word starts.
  let boundaries: number[] | null = null;

  for (let i = 0; i <= text.length; ) {
    const codePoint = i < text.length ? codePointAt(text, i) : -1;
    const size = codePoint < 0 ? 1 : codePointSize(codePoint);
    const info = codePoint < 0 ? END_OF_TEXT : charInfo(codePoint);
    if (info.kind === KIND_SEPARATOR) {
      if (wordStart >= 0 && folded.length > 0) pushWord(tokens, wordStart, i, folded, boundaries);
      folded = '';
      wordStart = -1;
      previousKind = KIND_SEPARATOR;
      boundaries = null;
    } else if (info.kind === KIND_MARK) {
      // A mark only belongs to a word it follows; after emoji (VS16) it is just noise.
    } else {
      if (wordStart < 0) {
        wordStart = i;
      } else if (subWords && isSubWordBoundary(previousKind, info.kind, text, i + size)) {
        (boundaries ??= []).push(i, folded.length);
      }
      folded += info.folded;
      previousKind = info.kind;
    }
    i += size;
  }
  return tokens;
}


/** Tokens of one space-free piece of text, offsets within it; shared through a `WordMemo`. */
export type WordMemo = Map<string, readonly Token[]>;

/**
 * `tokenize(text, true)`, with the letter-by-letter work done once per distinct space-separated
 * piece. A space is a separator, so a text's tokens are its pieces' tokens shifted to where each
 * piece starts. Names repeat the same few hundred words, so an index build folds each once
 * instead of every title letter by letter.
 */
export function tokenizeMemo(text: string, memo: WordMemo): Token[] {
  const tokens: Token[] = [];
  forEachPiece(text, memo, (own, base) => {
    for (let k = 0; k < own.length; k++) {
      const token = own[k]!;
      tokens.push(base === 0 ? token : { start: base + token.start, end: base + token.end, folded: token.folded, sub: token.sub });
    }
    return true;
  });
  return tokens;
}

/**
 * Calls `visit` with the tokens of each space-separated piece of `text` (offsets within the
 * piece) and where the piece starts, tokenizing each distinct piece once through `memo`; stops
 * when `visit` returns false.
 */
export function forEachPiece(text: string, memo: WordMemo, visit: (tokens: readonly Token[], base: number) => boolean): void {
  for (let base = 0; base < text.length; ) {
    let end = text.indexOf(' ', base);
    if (end < 0) end = text.length;
    if (end > base && !visit(pieceTokens(end - base === text.length ? text : text.slice(base, end), memo), base)) return;
    base = end + 1;
  }
}

/** `tokenize(piece, true)` of a space-free piece, once per distinct piece through `memo`. */
export function pieceTokens(piece: string, memo: WordMemo): readonly Token[] {
  let tokens = memo.get(piece);
  if (tokens === undefined) {
    tokens = tokenize(piece, true);
    memo.set(piece, tokens);
  }
  return tokens;
}

const ASCII_ONLY = /^[\u0000-\u007f]*$/;

/** ASCII kinds by code unit: letters and digits are the only word characters, none decompose. */
function asciiKind(code: number): number {
  if (code >= 0x61 && code <= 0x7a) return KIND_LETTER;
  if (code >= 0x41 && code <= 0x5a) return KIND_UPPER;
  if (code >= 0x30 && code <= 0x39) return KIND_DIGIT;
  return KIND_SEPARATOR;
}

/** An ASCII word: its letters and digits. */
const ASCII_WORD = /[A-Za-z0-9]+/g;
/**
 * Where an ASCII word has a sub-word boundary (see `isSubWordBoundary`): a letter/digit switch,
 * a capital after a small letter, or the last capital of a run before a small letter ("XMLParser").
 */
const ASCII_BOUNDARY = /(?<=[0-9])(?=[A-Za-z])|(?<=[A-Za-z])(?=[0-9])|(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/g;
const HAS_ASCII_BOUNDARY = /[0-9][A-Za-z]|[A-Za-z][0-9]|[a-z][A-Z]|[A-Z][A-Z][a-z]/;

/**
 * `tokenize` for pure-ASCII text (most usernames and Latin names), the same tokens without the
 * per-character folding: a folded ASCII word is the word lowercased. Index builds run mostly
 * before the JIT has warmed up, where a letter-by-letter loop costs far more than the engine's
 * own regular expressions and lowercasing, so the words and their boundaries are found by those.
 */
function tokenizeAscii(text: string, subWords: boolean): Token[] {
  const tokens: Token[] = [];
  const lower = text.toLowerCase();
  ASCII_WORD.lastIndex = 0;
  for (let match = ASCII_WORD.exec(text); match !== null; match = ASCII_WORD.exec(text)) {
    const word = match[0];
    const start = match.index;
    const end = start + word.length;
    const folded = word.length === text.length ? lower : lower.slice(start, end);
    tokens.push({ start, end, folded, sub: false });
    if (!subWords || word.length < 2 || !HAS_ASCII_BOUNDARY.test(word)) continue;
    ASCII_BOUNDARY.lastIndex = 1;
    for (let boundary = ASCII_BOUNDARY.exec(word); boundary !== null; boundary = ASCII_BOUNDARY.exec(word)) {
      const at = boundary.index;
      // An empty match does not move `lastIndex` on by itself.
      ASCII_BOUNDARY.lastIndex = at + 1;
      tokens.push({ start: start + at, end, folded: folded.slice(at), sub: true });
    }
  }
  return tokens;
}

const END_OF_TEXT: CharInfo = { folded: '', kind: KIND_SEPARATOR };

function pushWord(tokens: Token[], start: number, end: number, folded: string, boundaries: number[] | null): void {
  tokens.push({ start, end, folded, sub: false });
  if (boundaries === null) return;
  for (let b = 0; b < boundaries.length; b += 2) {
    const foldedOffset = boundaries[b + 1]!;
    if (foldedOffset > 0 && foldedOffset < folded.length) {
      tokens.push({ start: boundaries[b]!, end, folded: folded.slice(foldedOffset), sub: true });
    }
  }
}

function isSubWordBoundary(previous: number, current: number, text: string, next: number): boolean {
  if ((previous === KIND_DIGIT) !== (current === KIND_DIGIT)) return true;
  if (current !== KIND_UPPER) return false;
  if (previous === KIND_LETTER) return true;
  // "XMLParser": the P starts a word because a lowercase letter follows it.
  return previous === KIND_UPPER && next < text.length && charInfo(codePointAt(text, next)).kind === KIND_LETTER;
}

/** Folded words of `text`, without sub-words: what a typed query turns into. */
export function foldWords(text: string): string[] {
  return tokenize(text).map((token) => token.folded);
}

/** The whole text folded, each run of separators (punctuation, emoji, spaces) becoming one space. */
export function fold(text: string): string {
  return foldWords(text).join(' ');
}

function skipMarks(text: string, index: number, end: number): number {
  while (index < end) {
    const codePoint = codePointAt(text, index);
    if (charInfo(codePoint).kind !== KIND_MARK) break;
    index += codePointSize(codePoint);
  }
  return index;
}

/**
 * Maps the folded span `[from, to)` of the word `text[start, end)` back to original offsets,
 * widened to whole code points and trailing combining marks.
 */
export function originalSpan(
  text: string,
  start: number,
  end: number,
  from: number,
  to: number,
): [number, number] {
  let folded = 0;
  let spanStart = -1;
  for (let i = start; i < end; ) {
    const codePoint = codePointAt(text, i);
    const size = codePointSize(codePoint);
    const length = charInfo(codePoint).folded.length;
    if (spanStart < 0 && length > 0 && folded + length > from) spanStart = i;
    folded += length;
    i += size;
    if (spanStart >= 0 && folded >= to) return [spanStart, skipMarks(text, i, end)];
  }
  return [spanStart < 0 ? start : spanStart, end];
}

/**
 * Shortest original prefix of `text[start, end)` whose folded form, passed through `keyOf`,
 * starts with `target`; used for keys (transliteration) that are not per code point.
 */
export function originalPrefixEnd(
  text: string,
  start: number,
  end: number,
  target: string,
  keyOf: (folded: string) => string,
): number {
  let folded = '';
  for (let i = start; i < end; ) {
    const codePoint = codePointAt(text, i);
    folded += charInfo(codePoint).folded;
    i += codePointSize(codePoint);
    if (keyOf(folded).startsWith(target)) return skipMarks(text, i, end);
  }
  return end;
}

const NON_ASCII = /[^\u0000-\u007f]/;

/** Whether a folded word is written in another script than Latin (folded Latin is ASCII). */
export function isOtherScript(folded: string): boolean {
  return NON_ASCII.test(folded);
}
