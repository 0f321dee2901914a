// The query-independent part of a candidate: its folded words, their phonetic keys and the
// run-together forms, worked out once per index build and shared between candidates.

import type { PrefixTableBuilder } from './lookup';
import { tokenize } from './normalize';
import { altTranslitKey, hasAlternateReading, translitKey } from './translit';

/** Word slots are tracked in 32-bit masks; longer titles keep their first words. */
export const MAX_WORDS = 32;
const MAX_TITLE_WORDS = 24;

/** Letter kinds of `sequenceBonus`: where a skipped-letters match may start a word. */
export const SEQ_INSIDE = 0;
export const SEQ_SUB_WORD = 1;
export const SEQ_WORD = 2;

export interface CandidateText {
  readonly title: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly username: string;
  /**
   * Folded words: title words `[0, titleEnd)`, other name words `[titleEnd, nameEnd)`, then
   * username words, the whole handle first (at `nameEnd`).
   */
  readonly words: readonly string[];
  /** Transliteration keys, parallel to `words`. */
  readonly keys: readonly string[];
  /** A second key where the word reads differently in Ukrainian (г = h), else ''. */
  readonly altKeys: readonly string[];
  readonly titleEnd: number;
  readonly nameEnd: number;
  /** Original offsets of the title words. */
  readonly titleStarts: readonly number[];
  readonly titleEnds: readonly number[];
  /** Indices of whole (not sub-) title words, in order. */
  readonly mainTitleWords: readonly number[];
  readonly titleJoined: string;
  /** The whole title words run together, and where each starts in it. */
  readonly compact: string;
  readonly compactStarts: readonly number[];
  /** Where camelCase / letter-digit sub-words start in `compact` (see `sequenceBonus`). */
  readonly subStarts: readonly number[];
  /** Whether the title has words in another script than Latin. */
  readonly otherScript: boolean;
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
  readonly altKeys: readonly string[];
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly mainTitleWords: readonly number[];
  readonly joined: string;
  readonly compact: string;
  readonly compactStarts: readonly number[];
  readonly subStarts: readonly number[];
  readonly otherScript: boolean;
  readonly keyCompact: string;
  readonly keyCompactStarts: readonly number[];
  readonly runTogether: readonly string[];
  readonly keyRunTogether: readonly string[];
  readonly infixText: string;
}

const NONE: readonly number[] = [];

/** Folded words of a first name, last name or username, and their keys. */
interface FieldWords {
  readonly words: readonly string[];
  readonly keys: readonly string[];
  readonly altKeys: readonly string[];
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

/** г and γ are rare enough that the check is cheaper than a cache lookup. */
function altKeyOf(word: string): string {
  return hasAlternateReading(word) ? altTranslitKey(word) : '';
}

function titleParts(title: string, cache: TextCache): TitleParts {
  const cached = cache.titles.get(title);
  if (cached !== undefined) return cached;
  const tokens = tokenize(title, true);
  const count = Math.min(tokens.length, MAX_TITLE_WORDS);
  const words: string[] = [];
  const keys: string[] = [];
  const altKeys: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const mainTitleWords: number[] = [];
  for (let index = 0; index < count; index++) {
    const token = tokens[index]!;
    words.push(token.folded);
    keys.push(keyOf(token.folded, cache));
    altKeys.push(altKeyOf(token.folded));
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
  let subStarts = NONE as number[];
  if (mainTitleWords.length < count) {
    subStarts = [];
    // A sub-word ("switch" of "TopSwitch") ends where its whole word ends.
    for (let k = 0; k < mainTitleWords.length; k++) {
      const wordEnd = compactStarts[k]! + words[mainTitleWords[k]!]!.length;
      for (let index = mainTitleWords[k]! + 1; index < count && tokens[index]!.sub; index++) {
        const at = wordEnd - words[index]!.length;
        if (at > compactStarts[k]!) subStarts.push(at);
      }
    }
  }
  // The run-together title from each whole word on (Compact). A suffix starting at the last
  // whole word is that word itself, already listed.
  const runTogether = compactStarts.slice(0, -1).map((start) => compact.slice(start));
  const keyRunTogether = keyCompactStarts.slice(0, -1).map((start) => keyCompact.slice(start));
  const parts: TitleParts = {
    words,
    keys,
    altKeys,
    starts,
    ends,
    mainTitleWords,
    joined,
    compact,
    compactStarts,
    subStarts,
    otherScript: isOtherScript(compact),
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
  return { words, keys: words.map((word) => keyOf(word, cache)), altKeys: words.map(altKeyOf) };
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

/**
 * A candidate's word lists while they are put together. Most candidates add nothing to their
 * title's words (the name fields repeat the title, and there is no username): then the title's
 * arrays serve as they are (`shared`), copied on first append.
 */
interface WordLists {
  words: string[];
  keys: string[];
  altKeys: string[];
  shared: boolean;
}

function append(own: WordLists, field: FieldWords, k: number): void {
  if (own.shared) {
    own.words = own.words.slice();
    own.keys = own.keys.slice();
    own.altKeys = own.altKeys.slice();
    own.shared = false;
  }
  own.words.push(field.words[k]!);
  own.keys.push(field.keys[k]!);
  own.altKeys.push(field.altKeys[k]!);
}

function appendNames(own: WordLists, field: FieldWords): void {
  for (let k = 0; k < field.words.length && own.words.length < MAX_WORDS; k++) {
    if (!own.words.includes(field.words[k]!)) append(own, field, k);
  }
}

/** Letter kinds of `text.compact` (SEQ_*), into `into` (at least as long as the compact title). */
export function sequenceBonus(text: CandidateText, into: Uint8Array): Uint8Array {
  const length = Math.min(text.compact.length, into.length);
  into.fill(SEQ_INSIDE, 0, length);
  for (const start of text.compactStarts) if (start < length) into[start] = SEQ_WORD;
  for (const start of text.subStarts) if (start < length) into[start] = SEQ_SUB_WORD;
  return into;
}

/** Word starts of `text.keyCompact`, into `into`. */
export function keySequenceBonus(text: CandidateText, into: Uint8Array): Uint8Array {
  const length = Math.min(text.keyCompact.length, into.length);
  into.fill(SEQ_INSIDE, 0, length);
  for (const start of text.keyCompactStarts) if (start < length) into[start] = SEQ_WORD;
  return into;
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
  const own: WordLists = { words: parts.words as string[], keys: parts.keys as string[], altKeys: parts.altKeys as string[], shared: true };
  // First/last names matter when the title is something else (a contact saved as "Mom").
  if (first !== null) appendNames(own, first);
  if (last !== null) appendNames(own, last);
  const nameEnd = own.words.length;
  let infixText = parts.infixText;
  if (user !== null) {
    for (let k = 0; k < user.words.length && own.words.length < MAX_WORDS; k++) {
      const word = user.words[k]!;
      if (own.words.indexOf(word, nameEnd) >= 0) continue;
      append(own, user, k);
      infixText = infixText === '' ? word : `${infixText}\u0001${word}`;
    }
  }
  const { words, keys, altKeys } = own;

  return {
    title,
    firstName,
    lastName,
    username,
    words,
    keys,
    altKeys,
    titleEnd,
    nameEnd,
    titleStarts: parts.starts,
    titleEnds: parts.ends,
    mainTitleWords: parts.mainTitleWords,
    titleJoined: parts.joined,
    compact: parts.compact,
    compactStarts: parts.compactStarts,
    subStarts: parts.subStarts,
    otherScript: parts.otherScript,
    keyCompact: parts.keyCompact,
    keyCompactStarts: parts.keyCompactStarts,
    runTogether: parts.runTogether,
    keyRunTogether: parts.keyRunTogether,
    infixText,
    sortTitle: parts.joined,
  };
}

/** Whether the candidate has a username: its whole handle is then the word at `nameEnd`. */
export function hasHandle(text: CandidateText): boolean {
  return text.nameEnd < text.words.length;
}

export const ENTRY_FIRST_TITLE_WORD = 0;
export const ENTRY_TITLE_WORD = 1;
export const ENTRY_NAME_WORD = 2;
export const ENTRY_USERNAME_WORD = 3;
export const ENTRY_RUN_TOGETHER = 4;
/** The whole username: typed in full, it is as good as a whole title word. */
export const ENTRY_HANDLE = 5;

/**
 * Key-table flag: the entry comes from a word in another script than Latin. A typo in key space
 * only counts across scripts; within one, the fold-space typo already judged the word, and the key
 * space's merged spellings would make "mark" one letter from "Maria" ("марк", "маря").
 */
export const ENTRY_OTHER_SCRIPT = 8;
export const ENTRY_KIND = 7;

const NON_ASCII = /[^\u0000-\u007f]/;

/** Whether a folded word is written in another script than Latin (folded Latin is ASCII). */
export function isOtherScript(folded: string): boolean {
  return NON_ASCII.test(folded);
}

export function isUsernameKind(kind: number): boolean {
  return kind === ENTRY_USERNAME_WORD || kind === ENTRY_HANDLE;
}

/**
 * Adds what the prefix tables list for a candidate, in fold (`inKeys` false) or key space: every
 * word (and its Ukrainian-reading key), plus the run-together title from each whole title word on.
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
          : position === nameEnd
            ? ENTRY_HANDLE
            : ENTRY_USERNAME_WORD;
    if (!inKeys) {
      table.add(words[position]!, owner, kind);
      continue;
    }
    const keyKind = isOtherScript(text.words[position]!) ? kind | ENTRY_OTHER_SCRIPT : kind;
    table.add(words[position]!, owner, keyKind);
    if (text.altKeys[position] !== '') table.add(text.altKeys[position]!, owner, keyKind);
  }
  if (!inKeys) {
    for (let k = 0; k < text.runTogether.length; k++) table.add(text.runTogether[k]!, owner, ENTRY_RUN_TOGETHER);
    return;
  }
  for (let k = 0; k < text.keyRunTogether.length; k++) {
    const kind = isOtherScript(text.runTogether[k]!) ? ENTRY_RUN_TOGETHER | ENTRY_OTHER_SCRIPT : ENTRY_RUN_TOGETHER;
    table.add(text.keyRunTogether[k]!, owner, kind);
  }
}
