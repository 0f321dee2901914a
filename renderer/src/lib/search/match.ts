// Matching one prepared query against one indexed candidate. The per-keystroke checks
// (`wordTier`, `keyMatches`) only answer "which tier, if any" and allocate nothing; highlights are
// worked out afterwards, only for the results actually returned (`highlightsFor`).

import { swapLayout } from './layout';
import { foldWords, originalPrefixEnd, originalSpan, tokenize } from './normalize';
import type { PrefixTableBuilder } from './lookup';
import { MatchTier } from './rank';
import { translitKey, translitQueryWord } from './translit';

/** Word slots are tracked in 32-bit masks; longer titles keep their first words. */
const MAX_WORDS = 32;
const MAX_TITLE_WORDS = 24;
const INFIX_MIN_LENGTH = 3;

/** The query-independent, text-derived part of a candidate: built once, reused across rebuilds. */
export interface CandidateText {
  readonly title: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly username: string;
  /** Folded words: title words `[0, titleEnd)`, other name words `[titleEnd, nameEnd)`, username words after. */
  readonly words: readonly string[];
  /** Transliteration keys, parallel to `words`. */
  readonly keys: readonly string[];
  readonly titleEnd: number;
  readonly nameEnd: number;
  /** Original offsets of the title words. */
  readonly titleStarts: readonly number[];
  readonly titleEnds: readonly number[];
  /** Indices of whole (not sub-) title words, in order. */
  readonly mainTitleWords: readonly number[];
  readonly titleJoined: string;
  readonly compact: string;
  readonly compactStarts: readonly number[];
  readonly keyCompact: string;
  readonly keyCompactStarts: readonly number[];
  /** The run-together title from each whole title word but the last on, in fold and key space (Compact). */
  readonly runTogether: readonly string[];
  readonly keyRunTogether: readonly string[];
  /** Title and username words joined by a character no query word contains. */
  readonly infixText: string;
  readonly sortTitle: string;
}

/** What a title contributes to its candidate's text; a pure function of the title string. */
interface TitleParts {
  readonly words: readonly string[];
  readonly keys: readonly string[];
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly mainTitleWords: readonly number[];
  readonly joined: string;
  readonly compact: string;
  readonly compactStarts: readonly number[];
  readonly keyCompact: string;
  readonly keyCompactStarts: readonly number[];
  readonly runTogether: readonly string[];
  readonly keyRunTogether: readonly string[];
  readonly infixText: string;
}

/** Folded words of a first name, last name or username, and their keys. */
interface FieldWords {
  readonly words: readonly string[];
  readonly keys: readonly string[];
}

/**
 * Memo for one index build. Names repeat a lot across a peer list (hundreds of "Ivan", "Anna",
 * "Family"), so each distinct title or name field is tokenized and each distinct word
 * transliterated once. Everything cached is shared between candidates and never mutated; reusing
 * the very same strings also means the prefix tables hash each of them once.
 */
export interface TextCache {
  readonly titles: Map<string, TitleParts>;
  readonly names: Map<string, FieldWords>;
  readonly usernames: Map<string, FieldWords>;
  readonly keys: Map<string, string>;
}

export function createTextCache(): TextCache {
  return { titles: new Map(), names: new Map(), usernames: new Map(), keys: new Map() };
}

function keyOf(word: string, cache: TextCache): string {
  let key = cache.keys.get(word);
  if (key === undefined) {
    key = translitKey(word);
    cache.keys.set(word, key);
  }
  return key;
}

function titleParts(title: string, cache: TextCache): TitleParts {
  const cached = cache.titles.get(title);
  if (cached !== undefined) return cached;
  const tokens = tokenize(title, true);
  const count = Math.min(tokens.length, MAX_TITLE_WORDS);
  const words: string[] = [];
  const keys: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const mainTitleWords: number[] = [];
  for (let index = 0; index < count; index++) {
    const token = tokens[index]!;
    words.push(token.folded);
    keys.push(keyOf(token.folded, cache));
    starts.push(token.start);
    ends.push(token.end);
    if (!token.sub) mainTitleWords.push(index);
  }
  let joined = '';
  let compact = '';
  let keyCompact = '';
  const compactStarts: number[] = [];
  const keyCompactStarts: number[] = [];
  for (const index of mainTitleWords) {
    if (compactStarts.length > 0) joined += ' ';
    joined += words[index]!;
    compactStarts.push(compact.length);
    keyCompactStarts.push(keyCompact.length);
    compact += words[index]!;
    keyCompact += keys[index]!;
  }
  // The run-together title from each whole word on (Compact). A suffix starting at the last
  // whole word is that word itself, already listed.
  const runTogether = compactStarts.slice(0, -1).map((start) => compact.slice(start));
  const keyRunTogether = keyCompactStarts.slice(0, -1).map((start) => keyCompact.slice(start));
  const parts: TitleParts = {
    words,
    keys,
    starts,
    ends,
    mainTitleWords,
    joined,
    compact,
    compactStarts,
    keyCompact,
    keyCompactStarts,
    runTogether,
    keyRunTogether,
    infixText: words.join('\u0001'),
  };
  cache.titles.set(title, parts);
  return parts;
}

function fieldWords(words: string[], cache: TextCache): FieldWords {
  return { words, keys: words.map((word) => keyOf(word, cache)) };
}

function nameWords(name: string, cache: TextCache): FieldWords {
  let field = cache.names.get(name);
  if (field === undefined) {
    field = fieldWords(
      tokenize(name, true).map((token) => token.folded),
      cache,
    );
    cache.names.set(name, field);
  }
  return field;
}

/** Without leading @s; "ivan_petrov" is typed as "ivanp…" as often as "petrov", so the whole handle is a word too. */
function usernameWords(handle: string, cache: TextCache): FieldWords {
  let field = cache.usernames.get(handle);
  if (field === undefined) {
    const tokens = tokenize(handle, true);
    let whole = '';
    for (const token of tokens) if (!token.sub) whole += token.folded;
    field = fieldWords(whole.length > 0 ? [whole, ...tokens.map((token) => token.folded)] : [], cache);
    cache.usernames.set(handle, field);
  }
  return field;
}

function stripAt(username: string): string {
  let at = 0;
  while (at < username.length && username.charCodeAt(at) === 0x40) at++;
  return at === 0 ? username : username.slice(at);
}

export function indexText(
  title: string,
  firstName = '',
  lastName = '',
  username = '',
  cache: TextCache = createTextCache(),
): CandidateText {
  const parts = titleParts(title, cache);
  const titleEnd = parts.words.length;
  const first = firstName === '' ? null : nameWords(firstName, cache);
  const last = lastName === '' ? null : nameWords(lastName, cache);
  const handle = stripAt(username);
  const user = handle === '' ? null : usernameWords(handle, cache);

  // Most candidates add nothing to their title's words (the name fields repeat the title, and
  // there is no username): then the title's arrays serve as they are, copied on first append.
  let words = parts.words as string[];
  let keys = parts.keys as string[];
  // First/last names matter when the title is something else (a contact saved as "Mom").
  for (let f = 0; f < 2; f++) {
    const field = f === 0 ? first : last;
    if (field === null) continue;
    for (let k = 0; k < field.words.length && words.length < MAX_WORDS; k++) {
      const word = field.words[k]!;
      if (words.includes(word)) continue;
      if (words === parts.words) [words, keys] = [words.slice(), keys.slice()];
      words.push(word);
      keys.push(field.keys[k]!);
    }
  }
  const nameEnd = words.length;
  let infixText = parts.infixText;
  if (user !== null) {
    for (let k = 0; k < user.words.length && words.length < MAX_WORDS; k++) {
      const word = user.words[k]!;
      if (words.indexOf(word, nameEnd) >= 0) continue;
      if (words === parts.words) [words, keys] = [words.slice(), keys.slice()];
      words.push(word);
      keys.push(user.keys[k]!);
      infixText = infixText === '' ? word : `${infixText}\u0001${word}`;
    }
  }

  return {
    title,
    firstName,
    lastName,
    username,
    words,
    keys,
    titleEnd,
    nameEnd,
    titleStarts: parts.starts,
    titleEnds: parts.ends,
    mainTitleWords: parts.mainTitleWords,
    titleJoined: parts.joined,
    compact: parts.compact,
    compactStarts: parts.compactStarts,
    keyCompact: parts.keyCompact,
    keyCompactStarts: parts.keyCompactStarts,
    runTogether: parts.runTogether,
    keyRunTogether: parts.keyRunTogether,
    infixText,
    sortTitle: parts.joined,
  };
}

export const ENTRY_FIRST_TITLE_WORD = 0;
export const ENTRY_TITLE_WORD = 1;
export const ENTRY_NAME_WORD = 2;
export const ENTRY_USERNAME_WORD = 3;
export const ENTRY_RUN_TOGETHER = 4;

/**
 * Adds what the prefix tables list for a candidate, in fold (`inKeys` false) or key space: every
 * word, plus the run-together title from each whole title word on (Compact).
 */
export function listTableEntries(text: CandidateText, inKeys: boolean, table: PrefixTableBuilder, owner: number): void {
  const words = inKeys ? text.keys : text.words;
  const { titleEnd, nameEnd } = text;
  for (let position = 0; position < words.length; position++) {
    const kind =
      position < titleEnd
        ? position === 0
          ? ENTRY_FIRST_TITLE_WORD
          : ENTRY_TITLE_WORD
        : position < nameEnd
          ? ENTRY_NAME_WORD
          : ENTRY_USERNAME_WORD;
    table.add(words[position]!, owner, kind);
  }
  const runTogether = inKeys ? text.keyRunTogether : text.runTogether;
  for (let k = 0; k < runTogether.length; k++) table.add(runTogether[k]!, owner, ENTRY_RUN_TOGETHER);
}

/**
 * Tier of a one-word query whose fold-space prefix `stem` starts an entry of `kind`: the hit
 * itself proves the match, so the candidate's other words need not be looked at.
 */
export function singleWordTier(text: CandidateText, kind: number, stem: string, usernameOnly: boolean): number {
  if (usernameOnly) return kind === ENTRY_USERNAME_WORD ? MatchTier.Username : -1;
  switch (kind) {
    case ENTRY_FIRST_TITLE_WORD:
      return text.titleJoined === stem ? MatchTier.Exact : MatchTier.TitlePrefix;
    case ENTRY_TITLE_WORD:
    case ENTRY_NAME_WORD:
      return MatchTier.WordPrefix;
    case ENTRY_USERNAME_WORD:
      return MatchTier.Username;
    default:
      return MatchTier.Compact;
  }
}

/** Prefixes a candidate word must start with for `word` to match it (stem + each alternative). */
export function lookupPrefixes(word: QueryWord): readonly string[] {
  return word.alternatives === null ? [word.stem] : word.alternatives.map((alternative) => word.stem + alternative);
}

/** One query word: `stem`, then (unless null) one of `alternatives`, must start a candidate word. */
export interface QueryWord {
  readonly stem: string;
  readonly alternatives: readonly string[] | null;
}

export interface QueryVariant {
  readonly words: readonly QueryWord[];
  /** Words joined by spaces; compared with the title for the Exact and TitlePrefix tiers. */
  readonly joined: string;
}

export interface PreparedQuery {
  /** all: empty query; usernames: a lone "@"; symbols: no letters (emoji); words: the rest. */
  readonly mode: 'all' | 'usernames' | 'symbols' | 'words';
  readonly usernameOnly: boolean;
  readonly direct: QueryVariant;
  readonly translit: QueryVariant | null;
  readonly layout: QueryVariant | null;
  readonly layoutTranslit: QueryVariant | null;
  readonly infix: string | null;
  readonly symbols: string;
}

function queryWord(stem: string, alternatives: readonly string[] | null): QueryWord {
  return { stem, alternatives };
}

function directVariant(folded: readonly string[]): QueryVariant {
  return { words: folded.map((word) => queryWord(word, null)), joined: folded.join(' ') };
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

const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const EMPTY_VARIANT: QueryVariant = { words: [], joined: '' };

export function prepareQuery(query: string): PreparedQuery {
  const trimmed = query.trim();
  const usernameOnly = trimmed.startsWith('@');
  const folded = foldWords(trimmed);
  const base = {
    usernameOnly,
    direct: EMPTY_VARIANT,
    translit: null,
    layout: null,
    layoutTranslit: null,
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

  const swappedWords = foldWords(swapLayout(trimmed));
  const swapped = swappedWords.join(' ') !== folded.join(' ');
  const single = folded.length === 1 ? folded[0]! : '';
  return {
    mode: 'words',
    usernameOnly,
    direct: directVariant(folded),
    translit: translitVariant(folded),
    layout: swapped && swappedWords.length > 0 ? directVariant(swappedWords) : null,
    layoutTranslit: swapped && swappedWords.length > 0 ? translitVariant(swappedWords) : null,
    infix: !usernameOnly && single.length >= INFIX_MIN_LENGTH ? single : null,
    symbols: trimmed,
  };
}

function startsWord(text: string, position: number, word: QueryWord): number {
  if (!text.startsWith(word.stem, position)) return -1;
  const alternatives = word.alternatives;
  if (alternatives === null) return word.stem.length;
  const after = position + word.stem.length;
  for (const alternative of alternatives) {
    if (text.startsWith(alternative, after)) return word.stem.length + alternative.length;
  }
  return -1;
}

// Scratch space for the assignment below; search is synchronous, so one set suffices.
const scratchMasks = new Int32Array(MAX_WORDS);
const scratchOwner = new Int8Array(MAX_WORDS);

/**
 * Whether every query word can take a distinct candidate word from `[from, to)` that it
 * prefixes: bipartite matching by augmenting paths, so "a ab" still finds ["ab", "ac"].
 * With `owner`, records for each slot which query word took it (-1: none).
 */
function assignWords(
  candidateWords: readonly string[],
  from: number,
  to: number,
  queryWords: readonly QueryWord[],
  owner: Int8Array = scratchOwner,
): boolean {
  const slots = to - from;
  const count = queryWords.length;
  if (count === 0 || count > slots) return false;
  if (count === 1) {
    const word = queryWords[0]!;
    for (let slot = 0; slot < slots; slot++) {
      if (startsWord(candidateWords[from + slot]!, 0, word) >= 0) {
        if (owner !== scratchOwner) owner[slot] = 0;
        return true;
      }
    }
    return false;
  }
  for (let q = 0; q < count; q++) {
    let mask = 0;
    const word = queryWords[q]!;
    for (let slot = 0; slot < slots; slot++) {
      if (startsWord(candidateWords[from + slot]!, 0, word) >= 0) mask |= 1 << slot;
    }
    if (mask === 0) return false;
    scratchMasks[q] = mask;
  }
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

function compactStart(text: string, starts: readonly number[], word: QueryWord): number {
  for (const start of starts) {
    if (startsWord(text, start, word) >= 0) return start;
  }
  return -1;
}

/** Exact … Compact for one variant of the query, or -1. */
export function wordTier(entry: CandidateText, variant: QueryVariant, usernameOnly: boolean): number {
  const words = entry.words;
  if (usernameOnly) return assignWords(words, entry.nameEnd, words.length, variant.words) ? MatchTier.Username : -1;
  if (entry.titleJoined === variant.joined) return MatchTier.Exact;
  if (entry.titleJoined.startsWith(variant.joined)) return MatchTier.TitlePrefix;
  if (assignWords(words, 0, entry.nameEnd, variant.words)) return MatchTier.WordPrefix;
  if (entry.nameEnd < words.length && assignWords(words, 0, words.length, variant.words)) return MatchTier.Username;
  if (variant.words.length === 1 && compactStart(entry.compact, entry.compactStarts, variant.words[0]!) >= 0) {
    return MatchTier.Compact;
  }
  return -1;
}

export function keyMatches(entry: CandidateText, variant: QueryVariant, usernameOnly: boolean): boolean {
  const keys = entry.keys;
  if (usernameOnly) return assignWords(keys, entry.nameEnd, keys.length, variant.words);
  if (assignWords(keys, 0, keys.length, variant.words)) return true;
  return variant.words.length === 1 && compactStart(entry.keyCompact, entry.keyCompactStarts, variant.words[0]!) >= 0;
}

/**
 * The best tier `entry` reaches for `query` (mode "words" or "symbols"), or -1, checking the
 * candidate on its own. `search` reaches the same answer through the prefix tables, visiting
 * only candidates that can match; this is the reference it is tested against.
 */
export function matchTier(entry: CandidateText, query: PreparedQuery): number {
  if (query.mode === 'symbols') return symbolsMatch(entry, query) ? MatchTier.Infix : -1;
  const { direct, translit, layout, layoutTranslit, usernameOnly } = query;
  const tier = wordTier(entry, direct, usernameOnly);
  if (tier >= 0) return tier;
  if (translit !== null && keyMatches(entry, translit, usernameOnly)) return MatchTier.Translit;
  if (layout !== null && wordTier(entry, layout, usernameOnly) >= 0) return MatchTier.Layout;
  if (layoutTranslit !== null && keyMatches(entry, layoutTranslit, usernameOnly)) return MatchTier.LayoutTranslit;
  if (query.infix !== null && entry.infixText.includes(query.infix)) return MatchTier.Infix;
  return -1;
}

export function symbolsMatch(entry: CandidateText, query: PreparedQuery): boolean {
  return query.symbols !== '' && entry.title.includes(query.symbols);
}

// ---------------------------------------------------------------------------------------------
// Highlights: only for returned results, so clarity beats speed here.

type Range = [number, number];

/** Ranges of title words matched by query words, in fold or key space. */
function assignedRanges(entry: CandidateText, variant: QueryVariant, from: number, to: number, inKeys: boolean): Range[] {
  const candidateWords = inKeys ? entry.keys : entry.words;
  const owner = new Int8Array(MAX_WORDS).fill(-1);
  if (!assignWords(candidateWords, from, to, variant.words, owner)) return [];
  const ranges: Range[] = [];
  for (let slot = 0; slot < to - from; slot++) {
    const q = owner[slot]!;
    const index = from + slot;
    if (q < 0 || index >= entry.titleEnd) continue;
    const length = startsWord(candidateWords[index]!, 0, variant.words[q]!);
    ranges.push(titleRange(entry, index, length, inKeys));
  }
  return ranges;
}

/** The first `length` units (fold or key space) of title word `index`, in original offsets. */
function titleRange(entry: CandidateText, index: number, length: number, inKeys: boolean): Range {
  const start = entry.titleStarts[index]!;
  const end = entry.titleEnds[index]!;
  if (!inKeys) return originalSpan(entry.title, start, end, 0, length);
  const target = entry.keys[index]!.slice(0, length);
  return [start, originalPrefixEnd(entry.title, start, end, target, translitKey)];
}

function compactRanges(entry: CandidateText, variant: QueryVariant, inKeys: boolean): Range[] {
  const word = variant.words[0];
  if (word === undefined) return [];
  const text = inKeys ? entry.keyCompact : entry.compact;
  const starts = inKeys ? entry.keyCompactStarts : entry.compactStarts;
  const start = compactStart(text, starts, word);
  if (start < 0) return [];
  let remaining = startsWord(text, start, word);
  const ranges: Range[] = [];
  for (let k = starts.indexOf(start); k < starts.length && remaining > 0; k++) {
    const index = entry.mainTitleWords[k]!;
    const wordLength = (inKeys ? entry.keys : entry.words)[index]!.length;
    ranges.push(titleRange(entry, index, Math.min(remaining, wordLength), inKeys));
    remaining -= wordLength;
  }
  return ranges;
}

function prefixTierRanges(entry: CandidateText, variant: QueryVariant): Range[] {
  return variant.words.map((word, k) => titleRange(entry, entry.mainTitleWords[k]!, word.stem.length, false));
}

function wordTierRanges(entry: CandidateText, variant: QueryVariant, usernameOnly: boolean): Range[] {
  const tier = wordTier(entry, variant, usernameOnly);
  switch (tier) {
    case MatchTier.Exact:
    case MatchTier.TitlePrefix:
      return prefixTierRanges(entry, variant);
    case MatchTier.WordPrefix:
      return assignedRanges(entry, variant, 0, entry.nameEnd, false);
    case MatchTier.Username:
      return usernameOnly ? [] : assignedRanges(entry, variant, 0, entry.words.length, false);
    case MatchTier.Compact:
      return compactRanges(entry, variant, false);
    default:
      return [];
  }
}

function keyRanges(entry: CandidateText, variant: QueryVariant, usernameOnly: boolean): Range[] {
  if (usernameOnly) return [];
  const ranges = assignedRanges(entry, variant, 0, entry.keys.length, true);
  if (ranges.length > 0 || assignWords(entry.keys, 0, entry.keys.length, variant.words)) return ranges;
  return compactRanges(entry, variant, true);
}

function infixRanges(entry: CandidateText, infix: string): Range[] {
  for (let index = 0; index < entry.titleEnd; index++) {
    const at = entry.words[index]!.indexOf(infix);
    if (at >= 0) {
      return [originalSpan(entry.title, entry.titleStarts[index]!, entry.titleEnds[index]!, at, at + infix.length)];
    }
  }
  return [];
}

/** Sorted, merged ranges `[start, end)` in the original title that explain `tier`. */
export function highlightsFor(entry: CandidateText, query: PreparedQuery, tier: number): Range[] {
  let ranges: Range[] = [];
  switch (tier) {
    case MatchTier.Exact:
    case MatchTier.TitlePrefix:
    case MatchTier.WordPrefix:
    case MatchTier.Username:
    case MatchTier.Compact:
      ranges = wordTierRanges(entry, query.direct, query.usernameOnly);
      break;
    case MatchTier.Translit:
      if (query.translit) ranges = keyRanges(entry, query.translit, query.usernameOnly);
      break;
    case MatchTier.Layout:
      if (query.layout) ranges = wordTierRanges(entry, query.layout, query.usernameOnly);
      break;
    case MatchTier.LayoutTranslit:
      if (query.layoutTranslit) ranges = keyRanges(entry, query.layoutTranslit, query.usernameOnly);
      break;
    case MatchTier.Infix: {
      if (query.mode === 'symbols') {
        const at = entry.title.indexOf(query.symbols);
        if (at >= 0) ranges = [[at, at + query.symbols.length]];
      } else if (query.infix !== null) {
        ranges = infixRanges(entry, query.infix);
      }
      break;
    }
    default:
      break;
  }
  return mergeRanges(ranges);
}

function mergeRanges(ranges: Range[]): Range[] {
  if (ranges.length === 1 && ranges[0]![1] > ranges[0]![0]) return ranges;
  const sorted = ranges.filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}
