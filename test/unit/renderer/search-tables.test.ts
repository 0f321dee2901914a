// The prefix tables are sharded by first letter and each shard is built on first use; the key
// space shards by a key's first letter worked out from the word's start alone. A shard must list
// exactly what a table of every candidate's texts lists under its letter.
import { describe, expect, it } from 'vitest';
import { buildIndex, type SearchIndex } from '../../../renderer/src/lib/search/index';
import { prefixRun, type PrefixLookup } from '../../../renderer/src/lib/search/lookup';
import { ENTRY_KIND, ENTRY_RUN_TOGETHER } from '../../../renderer/src/lib/search/entries';
import { translitKey, translitKeyHead } from '../../../renderer/src/lib/search/translit';
import { generateCandidates } from '../../bench/search-data';
import { ADDRESS_BOOK, SEARCH_CASES } from './search-cases';

const candidates = [...generateCandidates(2_000, 11), ...ADDRESS_BOOK, ...SEARCH_CASES.flatMap((c) => c.candidates ?? [])];

describe('translitKeyHead', () => {
  it("is the first letter of the word's key, read from its start alone", () => {
    const index = buildIndex(candidates);
    const words = new Set(index.entries.flatMap((entry) => entry.text.words));
    for (const edge of ['', 'ъ', 'ьяна', 'ъъъъа', 'ъъъъъ', 'xenia', 'щука', 'shchuka', 'юлия', 'iiulia', 'γιαννης', 'θεος', '42', '漢字', 'jürgen', 'juergen']) words.add(edge);
    expect(words.size).toBeGreaterThan(1_000);
    for (const word of words) expect(translitKeyHead(word), word).toBe(translitKey(word).charAt(0));
  });
});

/** Every (text, owner, kind) a table of all candidates would list, in fold or key space. */
function everyEntry(index: SearchIndex, inKeys: boolean): string[] {
  const listed: string[] = [];
  index.entries.forEach((entry, owner) => {
    const text = entry.text;
    const words = inKeys ? text.keys : text.words;
    words.forEach((word, position) => {
      if (word !== '') listed.push(`${word}|${owner}|word`);
      if (inKeys && text.altKeys[position] !== '') listed.push(`${text.altKeys[position]}|${owner}|word`);
    });
    for (const together of inKeys ? text.keyRunTogether : text.runTogether) if (together !== '') listed.push(`${together}|${owner}|run`);
  });
  return listed;
}

/** What `lookup` lists under texts starting with `prefix`, kinds reduced to "word" or "run". */
function listedUnder(lookup: PrefixLookup, prefix: string): string[] {
  const table = lookup.tableFor(prefix);
  const [from, to] = prefixRun(table, prefix);
  const listed: string[] = [];
  for (let t = 0; t < table.texts.length; t++) {
    for (let i = Math.max(table.starts[t]!, from); i < Math.min(table.starts[t + 1]!, to); i++) {
      const kind = table.kinds[i]! & ENTRY_KIND;
      listed.push(`${table.texts[t]!}|${table.owners[i]!}|${kind === ENTRY_RUN_TOGETHER ? 'run' : 'word'}`);
    }
  }
  return listed;
}

describe('sharded prefix tables', () => {
  const index = buildIndex(candidates);
  for (const inKeys of [false, true]) {
    it(`list under each first letter exactly the ${inKeys ? 'key' : 'fold'}-space texts starting with it`, () => {
      const all = everyEntry(index, inKeys);
      const letters = new Set(all.map((entry) => entry.charAt(0)));
      expect(letters.size).toBeGreaterThan(20);
      const lookup = inKeys ? index.keyTable : index.foldTable;
      for (const letter of letters) {
        const expected = all.filter((entry) => entry.startsWith(letter)).sort();
        expect(listedUnder(lookup, letter).sort(), letter).toEqual(expected);
      }
      // The empty prefix (a query word whose key is empty) reaches everything.
      expect(listedUnder(lookup, '').sort()).toEqual([...all].sort());
    });
  }
});
