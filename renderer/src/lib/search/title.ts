// What a title contributes to the index: its folded words and run-together forms when the index
// is built, where its words sit in the original title and its phonetic keys on first use; shared
// by every candidate with that title.

import { isOtherScript, pieceTokens, tokenize, type WordMemo } from './normalize';
import { altTranslitKey, hasAlternateReading, translitKey } from './translit';

/** Longer titles keep their first words (a candidate's own words come on top, up to 32). */
const MAX_TITLE_WORDS = 24;

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
export function keysOf(words: readonly string[], memo: Map<string, string>): string[] {
  const keys = new Array<string>(words.length);
  for (let k = 0; k < words.length; k++) keys[k] = keyOf(words[k]!, memo);
  return keys;
}

export function altKeysOf(words: readonly string[]): string[] {
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

/** The rest of `TitleText`: getters on the prototype (see `delegate` below), worked out on first use. */
export interface TitleParts extends TitleText {}

/**
 * A title's share of its candidates' text. What every query's fold-space tiers need (the words,
 * run together) is worked out when the index is built; the rest on first use. Fields are
 * `declare`d and set once in the constructor: class field definitions would first define each as
 * undefined, twice the stores in a cold build.
 */
export class TitleParts implements TitleText {
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

  /** Splits `title` through the build's memo of space-separated pieces (`pieceTokens`). */
  constructor(title: string, cache: TextCache) {
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
    this.title = title;
    this.words = words;
    this.mainTitleWords = mainTitleWords;
    this.titleJoined = joined;
    this.compact = compact;
    this.compactStarts = compactStarts;
    this.runTogether = runTogether;
    this.keyMemo = cache.keys;
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

/** The parts of `title`, once per distinct title in a build. */
export function titleParts(title: string, cache: TextCache): TitleParts {
  let parts = cache.titles.get(title);
  if (parts === undefined) {
    parts = new TitleParts(title, cache);
    cache.titles.set(title, parts);
  }
  return parts;
}

/** Defines read-only getters `names` on `target.prototype`, each reading that name of `from(this)`. */
export function delegate<T, S>(target: { prototype: T }, from: (self: T) => S, names: readonly (keyof S & string)[]): void {
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
