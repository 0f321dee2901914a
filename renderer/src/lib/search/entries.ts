// What the prefix tables list for a candidate (every word, the run-together title) and how each
// entry is told apart: its kind, and whether it comes from another script than Latin.

import type { PrefixTableBuilder, ShardedPrefixTable } from './lookup';
import { isOtherScript } from './normalize';
import type { CandidateText } from './text';
import { altTranslitKey, hasAlternateReading, translitKeyHead } from './translit';

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
