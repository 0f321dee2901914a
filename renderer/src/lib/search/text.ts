// The query-independent part of a candidate: its title's parts (title.ts) plus the words its
// first and last names and username add, worked out once per index build.

import { tokenize, tokenizeMemo } from './normalize';
import { altKeysOf, createTextCache, delegate, keysOf, titleParts, type TextCache, type TitleParts, type TitleText } from './title';

export { createTextCache, type TextCache, type TitleText } from './title';

/** Word slots are tracked in 32-bit masks; longer titles keep their first words. */
export const MAX_WORDS = 32;

/** Letter kinds of `sequenceBonus`: where a skipped-letters match may start a word. */
export const SEQ_INSIDE = 0;
export const SEQ_SUB_WORD = 1;
export const SEQ_WORD = 2;

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

/**
 * The rest of `CandidateText`: getters on the prototype (see `delegate` in title.ts and below),
 * the title's, or with this candidate's words.
 */
interface IndexedText extends CandidateText {}

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

  constructor(title: string, firstName: string, lastName: string, username: string, cache: TextCache) {
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
    this.title = title;
    this.firstName = firstName;
    this.lastName = lastName;
    this.username = username;
    this.words = words;
    this.nameEnd = nameEnd;
    this.titleEnd = parts.words.length;
    this.parts = parts;
    this.keyMemo = cache.keys;
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
  return new IndexedText(title, firstName, lastName, username, cache);
}

/** Whether the candidate has a username: its whole handle is then the word at `nameEnd`. */
export function hasHandle(text: CandidateText): boolean {
  return text.nameEnd < text.words.length;
}

