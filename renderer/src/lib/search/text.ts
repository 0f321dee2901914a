// The query-independent part of a candidate: its folded words, their phonetic keys and the
// run-together forms, worked out once per index build and shared between candidates.

import type { PrefixTableBuilder, ShardedPrefixTable } from './lookup';
import { pieceTokens, tokenize, tokenizeMemo, type WordMemo } from './normalize';
import { altTranslitKey, hasAlternateReading, translitKey, translitKeyHead } from './translit';

/** Word slots are tracked in 32-bit masks; longer titles keep their first words. */
export const MAX_WORDS = 32;
const MAX_TITLE_WORDS = 24;

/** Letter kinds of `sequenceBonus`: where a skipped-letters match may start a word. */
export const SEQ_INSIDE = 0;
export const SEQ_SUB_WORD = 1;
export const SEQ_WORD = 2;

/**
 * What a title contributes to its candidates' text; a pure function of the title string, shared
 * by every candidate with that title. A candidate's text (`CandidateText`) has the same fields,
 * its words and keys extended by its other names and username.
 */
export interface TitleText {
  /** Folded words; for a title, its words and camelCase / letter-digit sub-words. */
  readonly words: readonly string[];
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
  /** The run-together title from each whole title word but the last on (Compact). */
  readonly runTogether: readonly string[];
  // Key space: worked out on first use (the first query that reaches a key-space tier), not
  // when the index is built.
  /** Transliteration keys, parallel to `words`. */
  readonly keys: readonly string[];
  /** A second key where the word reads differently in Ukrainian (г = h), else ''. */
  readonly altKeys: readonly string[];
  /** Whether the title has words in another script than Latin. */
  readonly otherScript: boolean;
  readonly keyCompact: string;
  readonly keyCompactStarts: readonly number[];
  /** `runTogether` in key space. */
  readonly keyRunTogether: readonly string[];
}

export interface CandidateText extends TitleText {
  readonly title: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly username: string;
  /**
   * `words` (and `keys`): title words `[0, titleEnd)`, other name words `[titleEnd, nameEnd)`,
   * then username words, the whole handle first (at `nameEnd`).
   */
  readonly titleEnd: number;
  readonly nameEnd: number;
  /** Title and username words joined by a character no query word contains. */
  readonly infixText: string;
  readonly sortTitle: string;
}

const NONE: readonly number[] = [];

/**
 * Memo for one index build (and the key work its candidates do later). Names repeat a lot
 * across a peer list (hundreds of "Ivan", "Anna", "Family"), so each distinct run of letters is
 * folded, each distinct title or name field split, and each distinct word transliterated once.
 * Everything cached is shared between candidates and never mutated; reusing the very same
 * strings also means the prefix tables hash each of them once.
 */
export interface TextCache {
  readonly titles: Map<string, TitleParts>;
  readonly names: Map<string, readonly string[]>;
  readonly usernames: Map<string, readonly string[]>;
  readonly keys: Map<string, string>;
  /** Tokens of each distinct space-separated piece of a title or name (`tokenizeMemo`). */
  readonly rawWords: WordMemo;
}

export function createTextCache(): TextCache {
  return { titles: new Map(), names: new Map(), usernames: new Map(), keys: new Map(), rawWords: new Map() };
}

function keyOf(word: string, keys: Map<string, string>): string {
  let key = keys.get(word);
  if (key === undefined) {
    key = translitKey(word);
    keys.set(word, key);
  }
  return key;
}

/** г and γ are rare enough that the check is cheaper than a cache lookup. */
function altKeyOf(word: string): string {
  return hasAlternateReading(word) ? altTranslitKey(word) : '';
}

/** Keys of `words`, through the build's memo. */
function keysOf(words: readonly string[], memo: Map<string, string>): string[] {
  const keys = new Array<string>(words.length);
  for (let k = 0; k < words.length; k++) keys[k] = keyOf(words[k]!, memo);
  return keys;
}

function altKeysOf(words: readonly string[]): string[] {
  const keys = new Array<string>(words.length);
  for (let k = 0; k < words.length; k++) keys[k] = altKeyOf(words[k]!);
  return keys;
}

interface TitleKeySpace {
  readonly keys: readonly string[];
  readonly altKeys: readonly string[];
  readonly otherScript: boolean;
  readonly keyCompact: string;
  readonly keyCompactStarts: readonly number[];
  readonly keyRunTogether: readonly string[];
}

/** Where the title words sit in the original title: only highlights and skipped letters ask. */
interface TitleLayout {
  readonly titleStarts: readonly number[];
  readonly titleEnds: readonly number[];
  readonly subStarts: readonly number[];
}

/**
 * A title's share of its candidates' text. What every query's fold-space tiers need (the words,
 * run together) is worked out when the index is built; the rest on first use. Fields are
 * `declare`d and set once in the constructor: class field definitions would first define each as
 * undefined, twice the stores in a cold build.
 */
class TitleParts implements TitleText {
  declare readonly title: string;
  declare readonly words: readonly string[];
  declare readonly mainTitleWords: readonly number[];
  declare readonly titleJoined: string;
  declare readonly compact: string;
  declare readonly compactStarts: readonly number[];
  declare readonly runTogether: readonly string[];
  declare private readonly keyMemo: Map<string, string>;
  declare private layout: TitleLayout | undefined;
  declare private keySpace: TitleKeySpace | undefined;
  // Getters on the prototype (see `delegate` below): worked out on first use.
  declare readonly titleStarts: readonly number[];
  declare readonly titleEnds: readonly number[];
  declare readonly subStarts: readonly number[];
  declare readonly keys: readonly string[];
  declare readonly altKeys: readonly string[];
  declare readonly otherScript: boolean;
  declare readonly keyCompact: string;
  declare readonly keyCompactStarts: readonly number[];
  declare readonly keyRunTogether: readonly string[];

  constructor(
    title: string,
    words: readonly string[],
    mainTitleWords: readonly number[],
    titleJoined: string,
    compact: string,
    compactStarts: readonly number[],
    runTogether: readonly string[],
    keyMemo: Map<string, string>,
  ) {
    this.title = title;
    this.words = words;
    this.mainTitleWords = mainTitleWords;
    this.titleJoined = titleJoined;
    this.compact = compact;
    this.compactStarts = compactStarts;
    this.runTogether = runTogether;
    this.keyMemo = keyMemo;
    this.layout = undefined;
    this.keySpace = undefined;
  }


  layoutOf(): TitleLayout {
    if (this.layout !== undefined) return this.layout;
    // The same tokens `titleParts` took the words from.
    const tokens = tokenize(this.title, true);
    const count = this.words.length;
    const titleStarts: number[] = [];
    const titleEnds: number[] = [];
    for (let index = 0; index < count; index++) {
      titleStarts.push(tokens[index]!.start);
      titleEnds.push(tokens[index]!.end);
    }
    const { mainTitleWords } = this;
    let subStarts = NONE;
    if (mainTitleWords.length < count) {
      const starts: number[] = [];
      // A sub-word ("switch" of "TopSwitch") ends where its whole word ends.
      for (let k = 0; k < mainTitleWords.length; k++) {
        const wordEnd = this.compactStarts[k]! + this.words[mainTitleWords[k]!]!.length;
        for (let index = mainTitleWords[k]! + 1; index < count && tokens[index]!.sub; index++) {
          const at = wordEnd - this.words[index]!.length;
          if (at > this.compactStarts[k]!) starts.push(at);
        }
      }
      subStarts = starts;
    }
    return (this.layout = { titleStarts, titleEnds, subStarts });
  }

  keySpaceOf(): TitleKeySpace {
    if (this.keySpace !== undefined) return this.keySpace;
    const { words, mainTitleWords } = this;
    const keys = keysOf(words, this.keyMemo);
    let keyCompact = '';
    const keyCompactStarts: number[] = [];
    for (const index of mainTitleWords) {
      keyCompactStarts.push(keyCompact.length);
      keyCompact += keys[index]!;
    }
    const keyRunTogether: string[] = [];
    for (let k = 0; k + 1 < keyCompactStarts.length; k++) keyRunTogether.push(keyCompact.slice(keyCompactStarts[k]!));
    this.keySpace = {
      keys,
      altKeys: altKeysOf(words),
      otherScript: isOtherScript(this.compact),
      keyCompact,
      keyCompactStarts,
      keyRunTogether,
    };
    return this.keySpace;
  }
}

/** The title's words through the build's memo of space-separated pieces (`pieceTokens`), and their run-together forms. */
function titleParts(title: string, cache: TextCache): TitleParts {
  const cached = cache.titles.get(title);
  if (cached !== undefined) return cached;
  const words: string[] = [];
  const mainTitleWords: number[] = [];
  let joined = '';
  let compact = '';
  const compactStarts: number[] = [];
  // One native split and a loop, not a callback per piece: titles are mostly distinct, and this
  // runs before the JIT has warmed up.
  const pieces = title.split(' ');
  for (let p = 0; p < pieces.length && words.length < MAX_TITLE_WORDS; p++) {
    if (pieces[p]!.length === 0) continue;
    const tokens = pieceTokens(pieces[p]!, cache.rawWords);
    for (let k = 0; k < tokens.length && words.length < MAX_TITLE_WORDS; k++) {
      const token = tokens[k]!;
      words.push(token.folded);
      if (token.sub) continue;
      mainTitleWords.push(words.length - 1);
      if (compactStarts.length > 0) joined += ' ';
      joined += token.folded;
      compactStarts.push(compact.length);
      compact += token.folded;
    }
  }
  // The run-together title from each whole word on (Compact). A suffix starting at the last
  // whole word is that word itself, already listed.
  const runTogether: string[] = [];
  for (let k = 0; k + 1 < compactStarts.length; k++) runTogether.push(compact.slice(compactStarts[k]!));
  const parts = new TitleParts(title, words, mainTitleWords, joined, compact, compactStarts, runTogether, cache.keys);
  cache.titles.set(title, parts);
  return parts;
}

function nameWords(name: string, cache: TextCache): readonly string[] {
  let words = cache.names.get(name);
  if (words === undefined) {
    words = tokenizeMemo(name, cache.rawWords).map((token) => token.folded);
    cache.names.set(name, words);
  }
  return words;
}

/** Without leading @s; "ivan_petrov" is typed as "ivanp…" as often as "petrov", so the whole handle is a word too. */
function usernameWords(handle: string, cache: TextCache): readonly string[] {
  let words = cache.usernames.get(handle);
  if (words === undefined) {
    // Handles are unique: a memo of their pieces would only grow.
    const tokens = tokenize(handle, true);
    let whole = '';
    for (const token of tokens) if (!token.sub) whole += token.folded;
    words = whole.length > 0 ? [whole, ...tokens.map((token) => token.folded)] : [];
    cache.usernames.set(handle, words);
  }
  return words;
}

function stripAt(username: string): string {
  let at = 0;
  while (at < username.length && username.charCodeAt(at) === 0x40) at++;
  return at === 0 ? username : username.slice(at);
}

/** Adds the words of a name field the candidate's words do not have yet; copies `words` first if it is the title's. */
function appendNames(words: readonly string[], shared: readonly string[], field: readonly string[]): readonly string[] {
  let own = words;
  for (let k = 0; k < field.length && own.length < MAX_WORDS; k++) {
    if (own.includes(field[k]!)) continue;
    if (own === shared) own = own.slice();
    (own as string[]).push(field[k]!);
  }
  return own;
}

/** A candidate's text: its title's parts, its own words past the title's, key space on first use (fields as in `TitleParts`). */
class IndexedText implements CandidateText {
  declare readonly title: string;
  declare readonly firstName: string;
  declare readonly lastName: string;
  declare readonly username: string;
  /** The title's words array itself when the names and username add nothing (most candidates). */
  declare readonly words: readonly string[];
  declare readonly nameEnd: number;
  declare readonly titleEnd: number;
  declare readonly parts: TitleParts;
  declare private readonly keyMemo: Map<string, string>;
  declare private ownKeys: { keys: readonly string[]; altKeys: readonly string[] } | undefined;
  declare private infix: string | undefined;
  // Getters on the prototype (see `delegate` below): the title's, or with this candidate's words.
  declare readonly titleStarts: readonly number[];
  declare readonly titleEnds: readonly number[];
  declare readonly mainTitleWords: readonly number[];
  declare readonly titleJoined: string;
  declare readonly compact: string;
  declare readonly compactStarts: readonly number[];
  declare readonly subStarts: readonly number[];
  declare readonly runTogether: readonly string[];
  declare readonly otherScript: boolean;
  declare readonly keyCompact: string;
  declare readonly keyCompactStarts: readonly number[];
  declare readonly keyRunTogether: readonly string[];
  declare readonly keys: readonly string[];
  declare readonly altKeys: readonly string[];

  constructor(
    title: string,
    firstName: string,
    lastName: string,
    username: string,
    parts: TitleParts,
    words: readonly string[],
    nameEnd: number,
    keyMemo: Map<string, string>,
  ) {
    this.title = title;
    this.firstName = firstName;
    this.lastName = lastName;
    this.username = username;
    this.words = words;
    this.nameEnd = nameEnd;
    this.titleEnd = parts.words.length;
    this.parts = parts;
    this.keyMemo = keyMemo;
    this.ownKeys = undefined;
    this.infix = undefined;
  }

  get sortTitle(): string {
    return this.parts.titleJoined;
  }

  keySpace(): { keys: readonly string[]; altKeys: readonly string[] } {
    if (this.ownKeys !== undefined) return this.ownKeys;
    const title = this.parts.keySpaceOf();
    if (this.words === this.parts.words) return (this.ownKeys = title);
    const extra = this.words.slice(this.titleEnd);
    return (this.ownKeys = {
      keys: [...title.keys, ...keysOf(extra, this.keyMemo)],
      altKeys: [...title.altKeys, ...altKeysOf(extra)],
    });
  }

  /** Title words, then the username words (those past `nameEnd`). */
  get infixText(): string {
    if (this.infix === undefined) {
      const titleWords = this.titleEnd === this.words.length ? this.words : this.words.slice(0, this.titleEnd);
      const handleWords = this.words.slice(this.nameEnd);
      this.infix = handleWords.length === 0 ? titleWords.join('\u0001') : [...titleWords, ...handleWords].join('\u0001');
    }
    return this.infix;
  }
}

/** Defines read-only getters `names` on `target.prototype`, each reading that name of `from(this)`. */
function delegate<T, S>(target: { prototype: T }, from: (self: T) => S, names: readonly (keyof S & string)[]): void {
  for (const name of names) {
    Object.defineProperty(target.prototype, name, {
      get(this: T) {
        return from(this)[name];
      },
      configurable: true,
    });
  }
}

delegate(TitleParts, (parts) => parts.layoutOf(), ['titleStarts', 'titleEnds', 'subStarts']);
delegate(TitleParts, (parts) => parts.keySpaceOf(), ['keys', 'altKeys', 'otherScript', 'keyCompact', 'keyCompactStarts', 'keyRunTogether']);
delegate(IndexedText, (text) => text.parts, [
  'titleStarts',
  'titleEnds',
  'mainTitleWords',
  'titleJoined',
  'compact',
  'compactStarts',
  'subStarts',
  'runTogether',
  'otherScript',
  'keyCompact',
  'keyCompactStarts',
  'keyRunTogether',
]);
delegate(IndexedText, (text) => text.keySpace(), ['keys', 'altKeys']);

/**
 * Appends a candidate's `infixText` to `pieces` word by word (the Infix corpus is one join over
 * all candidates); returns its length.
 */
export function appendInfixText(text: CandidateText, pieces: string[]): number {
  const { words, titleEnd, nameEnd } = text;
  let length = 0;
  let first = true;
  const add = (from: number, to: number): void => {
    for (let index = from; index < to; index++) {
      if (!first) pieces.push('\u0001');
      pieces.push(words[index]!);
      length += words[index]!.length + (first ? 0 : 1);
      first = false;
    }
  };
  add(0, titleEnd);
  add(nameEnd, words.length);
  return length;
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
  // First/last names matter when the title is something else (a contact saved as "Mom").
  let words = parts.words;
  if (firstName !== '') words = appendNames(words, parts.words, nameWords(firstName, cache));
  if (lastName !== '') words = appendNames(words, parts.words, nameWords(lastName, cache));
  const nameEnd = words.length;
  const handle = stripAt(username);
  if (handle !== '') {
    const handleWords = usernameWords(handle, cache);
    for (let k = 0; k < handleWords.length && words.length < MAX_WORDS; k++) {
      const word = handleWords[k]!;
      if (words.indexOf(word, nameEnd) >= 0) continue;
      if (words === parts.words) words = words.slice();
      (words as string[]).push(word);
    }
  }
  return new IndexedText(title, firstName, lastName, username, parts, words, nameEnd, cache.keys);
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
 * Notes in `table` what the prefix tables list for a candidate, in fold (`inKeys` false) or key
 * space: every word (and its Ukrainian-reading key), plus the run-together title from each whole
 * title word on. An item numbers the listed text: `[0, n)` the words (or keys), `[n, 2n)` their
 * second keys, from `2n` the run-together forms, n being the candidate's word count.
 */
export function shardTableEntries(text: CandidateText, inKeys: boolean, table: ShardedPrefixTable, owner: number): void {
  // Read once: most of these are getters over parts built on first use.
  const words = text.words;
  const count = words.length;
  const runTogether = text.runTogether;
  if (!inKeys) {
    for (let position = 0; position < count; position++) if (words[position]!.length > 0) table.add(words[position]!.charCodeAt(0), owner, position);
    for (let k = 0; k < runTogether.length; k++) table.add(runTogether[k]!.charCodeAt(0), owner, 2 * count + k);
    return;
  }
  // Key space by each key's first letter alone: whole keys only for the shards a query opens.
  const heads = new Array<string>(count);
  for (let position = 0; position < count; position++) {
    const word = words[position]!;
    const head = (heads[position] = translitKeyHead(word));
    if (head !== '') table.add(head.charCodeAt(0), owner, position);
    if (hasAlternateReading(word)) {
      const alternate = altTranslitKey(word);
      if (alternate !== '') table.add(alternate.charCodeAt(0), owner, count + position);
    }
  }
  // A run-together key starts with its first word's key (or, if that is empty, the next one's).
  const main = text.mainTitleWords;
  for (let k = 0; k < runTogether.length; k++) {
    for (let m = k; m < main.length; m++) {
      const head = heads[main[m]!]!;
      if (head === '') continue;
      table.add(head.charCodeAt(0), owner, 2 * count + k);
      break;
    }
  }
}

/** Adds to `builder` the text and kind that `item` of `shardTableEntries` stands for. */
export function fillTableEntry(text: CandidateText, inKeys: boolean, builder: PrefixTableBuilder, owner: number, item: number): void {
  const folded = text.words;
  const count = folded.length;
  if (item >= 2 * count) {
    const k = item - 2 * count;
    const other = inKeys && isOtherScript(text.runTogether[k]!) ? ENTRY_OTHER_SCRIPT : 0;
    builder.add((inKeys ? text.keyRunTogether : text.runTogether)[k]!, owner, ENTRY_RUN_TOGETHER | other);
    return;
  }
  const position = item < count ? item : item - count;
  const { titleEnd, nameEnd } = text;
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
    builder.add(folded[position]!, owner, kind);
    return;
  }
  const keyKind = isOtherScript(folded[position]!) ? kind | ENTRY_OTHER_SCRIPT : kind;
  builder.add((item < count ? text.keys : text.altKeys)[position]!, owner, keyKind);
}
