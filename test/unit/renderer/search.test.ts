import { describe, expect, it } from 'vitest';
import {
  buildIndex,
  DEFAULT_LIMIT,
  fold,
  MatchTier,
  search,
  swapLayout,
  translitKey,
  type SearchCandidate,
  type SearchResult,
} from '../../../renderer/src/lib/search/index';
import { GRADED_TIERS, prepareIndex } from '../../../renderer/src/lib/search/index';
import { buildInfixCorpus } from '../../../renderer/src/lib/search/lookup';
import { fullNameKeys } from '../../../renderer/src/lib/search/diminutives';
import { layoutsFromKeyMap } from '../../../renderer/src/lib/search/layout';
import { prepareQuery } from '../../../renderer/src/lib/search/query';
import { subsequenceQuery, subsequenceScore } from '../../../renderer/src/lib/search/subsequence';
import { indexText, sequenceBonus } from '../../../renderer/src/lib/search/text';
import { altTranslitKey } from '../../../renderer/src/lib/search/translit';
import { typoAlignment, typoDistance } from '../../../renderer/src/lib/search/typo';
import { ADDRESS_BOOK, SEARCH_CASES } from './search-cases';
import { referenceMatch } from './search-oracle';
import { generateCandidates, QUERIES } from '../../bench/search-data';

const addressBookIndex = buildIndex(ADDRESS_BOOK);

function titleOf(candidates: readonly SearchCandidate[], key: string): string {
  const candidate = candidates.find((c) => c.key === key);
  if (candidate === undefined) throw new Error(`no candidate ${key}`);
  return candidate.title;
}

function pieces(title: string, result: SearchResult): string[] {
  return result.highlights.map(([start, end]) => title.slice(start, end));
}

describe('search case table', () => {
  it('has enough rows to mean something', () => {
    expect(SEARCH_CASES.length).toBeGreaterThanOrEqual(150);
  });

  it.each(SEARCH_CASES.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    const candidates = testCase.candidates ?? ADDRESS_BOOK;
    const index = testCase.candidates ? buildIndex(candidates) : addressBookIndex;
    const results = search(index, testCase.query, { limit: Infinity });
    const keys = results.map((r) => r.key);

    if (testCase.top === null) expect(keys).toEqual([]);
    else if (testCase.top !== undefined) expect(keys[0]).toBe(testCase.top);
    if (testCase.order) expect(keys.slice(0, testCase.order.length)).toEqual(testCase.order);
    for (const key of testCase.absent ?? []) expect(keys).not.toContain(key);

    const first = results[0];
    if (testCase.tier !== undefined) expect(first?.tier).toBe(testCase.tier);
    if (testCase.highlight) {
      expect(first).toBeDefined();
      expect(pieces(titleOf(candidates, first!.key), first!)).toEqual(testCase.highlight);
    }
  });
});

describe('search invariants', () => {
  const queries = ['', 'i', 'iv', 'ivan', 'p', 'pav', 'gfd', '@', '@d', 'a b', 'ё', '🚀', 'x'.repeat(1000), 'pvael', 'tgd', 'sasha', 'honchar', 'sdfy', 'sb'];

  it.each(queries)('results for %j are ordered by tier and carry sane highlights', (query) => {
    const results = search(addressBookIndex, query, { limit: Infinity });
    for (let i = 1; i < results.length; i++) expect(results[i]!.tier).toBeGreaterThanOrEqual(results[i - 1]!.tier);
    expect(new Set(results.map((r) => r.key)).size).toBe(results.length);
    for (const result of results) {
      const title = titleOf(ADDRESS_BOOK, result.key);
      let previousEnd = 0;
      for (const [start, end] of result.highlights) {
        expect(start).toBeGreaterThanOrEqual(previousEnd);
        expect(end).toBeGreaterThan(start);
        expect(end).toBeLessThanOrEqual(title.length);
        previousEnd = end;
      }
    }
  });

  it('"@" alone lists only peers with a username', () => {
    const keys = search(addressBookIndex, '@', { limit: Infinity }).map((r) => r.key);
    expect(keys.sort()).toEqual(ADDRESS_BOOK.filter((c) => c.username).map((c) => c.key).sort());
  });

  it('respects the limit and defaults to DEFAULT_LIMIT', () => {
    expect(search(addressBookIndex, '', { limit: 3 }).map((r) => r.key)).toEqual(['mom', 'ivan-cyr', 'ivan-petrov']);
    expect(search(addressBookIndex, 'i', { limit: 0 })).toEqual([]);
    const many = buildIndex(Array.from({ length: DEFAULT_LIMIT + 10 }, (_, i) => ({ key: `k${i}`, title: `Peer ${i}`, rating: i })));
    expect(search(many, 'peer')).toHaveLength(DEFAULT_LIMIT);
    expect(search(many, 'peer', { limit: Infinity })).toHaveLength(DEFAULT_LIMIT + 10);
  });

  it('keeps the highest-rated entry of a duplicated key', () => {
    const index = buildIndex([
      { key: 'dup', title: 'Old Name', rating: 1 },
      { key: 'dup', title: 'New Name', rating: 2 },
      { key: 'dup', title: 'Low Name', rating: 0 },
    ]);
    expect(index.size).toBe(1);
    expect(search(index, 'new').map((r) => r.key)).toEqual(['dup']);
    expect(search(index, 'old')).toEqual([]);
  });

  it('treats NaN ratings as 0 instead of breaking the order', () => {
    const index = buildIndex([
      { key: 'nan', title: 'Anna', rating: Number.NaN },
      { key: 'one', title: 'Anna', rating: 1 },
      { key: 'neg', title: 'Anna', rating: -1 },
    ]);
    expect(search(index, 'anna').map((r) => r.key)).toEqual(['one', 'nan', 'neg']);
  });

  it('reuses text work from a previous index but takes new ratings and names', () => {
    const first = buildIndex(ADDRESS_BOOK);
    const bumped = ADDRESS_BOOK.map((c) =>
      c.key === 'ivan-ivanov' ? { ...c, rating: 100 } : c.key === 'skype' ? { ...c, title: 'Skype Support' } : c,
    );
    const reused = buildIndex(bumped, first);
    const fresh = buildIndex(bumped);
    for (const query of ['', 'ivan', 'support', 'skype', 'gfdtk', 'pav']) {
      expect(search(reused, query, { limit: Infinity })).toEqual(search(fresh, query, { limit: Infinity }));
    }
    expect(search(reused, 'ivan')[0]?.key).toBe('ivan-ivanov');
    expect(search(reused, 'support')[0]?.key).toBe('skype');
  });

  it('highlights a decomposed accent together with its letter', () => {
    const index = buildIndex([{ key: 'k', title: 'Jose\u0301 Mari\u0301a', rating: 1 }]);
    const [result] = search(index, 'jose mari');
    expect(result?.highlights).toEqual([
      [0, 5],
      [6, 11],
    ]);
  });

  it('highlights whole surrogate pairs in fancy-font names', () => {
    const title = '𝓜𝓪𝓻𝓲𝓪 🌸';
    const index = buildIndex([{ key: 'fancy', title, rating: 1 }]);
    const [result] = search(index, 'mar');
    expect(result?.key).toBe('fancy');
    expect(pieces(title, result!)).toEqual(['𝓜𝓪𝓻']);
  });

  it('matches a candidate with more words than fit the word masks without throwing', () => {
    const title = Array.from({ length: 60 }, (_, i) => `w${i}x`).join(' ');
    const index = buildIndex([{ key: 'long', title, username: 'long_title', rating: 1 }]);
    expect(search(index, 'w1x w2x w3x')[0]?.key).toBe('long');
    expect(search(index, 'long')[0]?.key).toBe('long');
  });
});


describe('indexed lookup', () => {
  // search() only visits candidates the prefix tables point at; checking every candidate on its
  // own must give the same answer, or the tables are missing something.
  const candidates = generateCandidates(1500, 7);
  const index = buildIndex(candidates);
  const extraQueries = [
    'ivan pet', 'петров иван', 'al ku', '@ivan', '@', 'ivanp', 'trov', 'yu', 'ts', 'Straße', 'équipe', 'ia', 'kh', 'щ', 'b 🚀', '🇺🇦',
    // Typos, skipped letters, scripts, layouts and diminutives.
    'pvael', 'ivna', 'alxeander', 'kuznetsvo', 'maria kuznetsvoa', 'sergye popov', '@ivna', 'сергйе', 'tgd', 'sb', 'ivp', 'apet',
    'sasha', 'дима', 'lyosha smirn', 'lu', 'honchar', 'yuliia', "'dutysz", 'sdfy', 'schroeder', 'mueller', 'jurgen',
  ];

  it.each([...QUERIES, ...extraQueries])('agrees with the per-candidate reference for %j', (query) => {
    const prepared = prepareQuery(query);
    const expected =
      prepared.mode === 'words' || prepared.mode === 'symbols'
        ? index.entries
            .map((entry, position) => ({ key: entry.key, match: referenceMatch(entry.text, prepared), position }))
            .flatMap(({ key, match, position }) => (match === null ? [] : [{ key, ...match, position }]))
            .sort((a, b) => a.tier - b.tier || (GRADED_TIERS.has(a.tier) ? b.quality - a.quality : 0) || a.position - b.position)
            .map(({ key, tier }) => ({ key, tier }))
        : null;
    const actual = search(index, query, { limit: Infinity }).map(({ key, tier }) => ({ key, tier }));
    if (expected !== null) expect(actual).toEqual(expected);
    else expect(actual.length).toBeGreaterThan(0);
  });

  it('gives the same results when rebuilt from a previous index (reused text work)', () => {
    // Ratings reshuffled, some names changed, some peers gone and some new: reused and fresh
    // candidate texts mix in one build.
    const moved = candidates
      .filter((_, i) => i % 17 !== 0)
      .map((c, i) => (i % 5 === 0 ? { ...c, rating: c.rating + 3 } : i % 11 === 0 ? { ...c, title: `${c.title} Work` } : c));
    const added = generateCandidates(100, 99).map((c) => ({ ...c, key: `new:${c.key}` }));
    const next = [...moved, ...added];
    const reused = buildIndex(next, index);
    const fresh = buildIndex(next);
    for (const query of [...QUERIES, ...extraQueries]) {
      expect(search(reused, query, { limit: Infinity })).toEqual(search(fresh, query, { limit: Infinity }));
    }
  });

  it('keeps candidates that share a title apart (shared text work is not mutated)', () => {
    const shared = buildIndex([
      { key: 'plain', title: 'Anna Smith', rating: 3 },
      { key: 'named', title: 'Anna Smith', firstName: 'Hanna', username: 'annas_work', rating: 2 },
      { key: 'other', title: 'Anna Smith', lastName: 'Brown', rating: 1 },
    ]);
    expect(search(shared, 'anna smith').map((r) => r.key)).toEqual(['plain', 'named', 'other']);
    expect(search(shared, 'hanna').map((r) => r.key)).toEqual(['named']);
    expect(search(shared, 'work').map((r) => r.key)).toEqual(['named']);
    expect(search(shared, 'brown').map((r) => r.key)).toEqual(['other']);
  });

  it('finds something for most typed prefixes (the generator is not degenerate)', () => {
    const hits = QUERIES.filter((query) => search(index, query).length > 0).length;
    expect(hits).toBeGreaterThan(QUERIES.length * 0.7);
  });
});

describe('building blocks', () => {
  it.each([
    ['pavel', 'pavel', 1, 0],
    ['pvael', 'pavel', 1, 2],
    ['pvel', 'pavel', 1, 2],
    ['pavvel', 'pavel', 1, 2],
    ['pabel', 'pavel', 1, 2],
    ['bavel', 'pavel', 1, -1],
    ['pvlea', 'pavel', 1, -1],
    ['christpoh', 'christopher', 2, 3],
    ['kathrein', 'katherine', 2, 3],
    ['alexnader', 'alexander', 2, 2],
    ['jhon', 'johnson', 1, -1],
  ])('typoDistance(%j, %j, %i) = %i (distance * 2, +1 for a word start)', (query, word, budget, graded) => {
    expect(typoDistance(query, word, budget)).toBe(graded);
  });

  it('keeps the letters a typo alignment did not change', () => {
    expect(typoAlignment('pvel', 'pavel', 1)).toEqual([0, 2, 3, 4]);
    expect(typoAlignment('pvael', 'pavel', 1)).toEqual([0, 1, 2, 3, 4]);
  });

  it('scores initials above skipped letters and rejects loose matches', () => {
    const score = (title: string, query: string): number => {
      const text = indexText(title);
      return subsequenceScore(text.compact, sequenceBonus(text, new Uint8Array(text.compact.length)), subsequenceQuery([query])!);
    };
    expect(score('The Good Doctor', 'tgd')).toBeGreaterThan(score('Telegram Desktop', 'tgd'));
    expect(score('Telegram Desktop', 'tgd')).toBeGreaterThan(0);
    expect(score('Sea Breeze', 'sb')).toBeGreaterThan(0);
    expect(score('Sebastian', 'sb')).toBe(-1);
    expect(score('Straßenbahn Fans', 'sasha')).toBe(-1);
    expect(score('TopSwitch Dev', 'tsd')).toBeGreaterThan(0);
  });

  it('maps diminutives to full names in key space, Latin or Cyrillic', () => {
    expect(fullNameKeys(translitKey('sasha'))).toContain(translitKey('александр'));
    expect(fullNameKeys(translitKey(fold('лёша')))).toContain(translitKey('алексеи'));
    expect(fullNameKeys(translitKey('dima'))).toContain(translitKey('dmitry'));
    expect(fullNameKeys(translitKey('anna'))).toBeNull();
  });

  it('reads the keyboard layouts a key map reveals', () => {
    expect(layoutsFromKeyMap(new Map([['KeyS', 'ы']]))).toEqual(['ru']);
    expect(layoutsFromKeyMap(new Map([['KeyS', 'і']]))).toEqual(['uk']);
    expect(layoutsFromKeyMap(new Map([['KeyS', 's']]))).toBeNull();
  });

  it('undoes only the layouts it is given', () => {
    const index = buildIndex([{ key: 'ivan', title: 'Іван', rating: 1 }]);
    expect(search(index, 'sdfy', { layouts: ['uk'] })[0]?.tier).toBe(MatchTier.Layout);
    // On the Russian layout the s key is ы, and no word starts with ы.
    expect(search(index, 'sdfy', { layouts: ['ru'] })).toEqual([]);
    expect(search(index, 'bdfy', { layouts: ['ru'] })[0]?.tier).toBe(MatchTier.LayoutTranslit);
    expect(search(index, 'sdfy', { layouts: [] })).toEqual([]);
  });

  it.each([
    ['Crème Brûlée', 'creme brulee'],
    ['STRASSE Straße', 'strasse strasse'],
    ['Łódź Øresund Æble Œuf', 'lodz oresund aeble oeuf'],
    ['Ёжик Йога', 'ежик иога'],
    ['Hello, 🌍 World!!', 'hello world'],
    ['ｆｕｌｌ　ｗｉｄｔｈ', 'full width'],
  ])('fold(%j) = %j', (input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it.each([
    ['иван', 'ivan'],
    ['мария', 'mariya'],
    ['мария', 'maria'],
    ['юлия', 'yulia'],
    ['щукин', 'schukin'],
    ['щукин', 'shchukin'],
    ['цой', 'tsoy'],
    ['дмитрий', 'dmitry'],
    ['хабиб', 'habib'],
    ['женя', 'zhenya'],
    ['алексей', 'alexey'],
    ['эдуард', 'eduard'],
    ['люба', 'luba'],
    ['юрий', 'iurii'],
    ['майоров', 'mayorov'],
    ['алёна', 'aliona'],
    ['schröder', 'schroeder'],
    ['müller', 'mueller'],
    ['jürgen', 'juergen'],
    ['θεοδωρος', 'theodoros'],
  ])('translitKey(%j) = translitKey(%j)', (cyrillic, latin) => {
    expect(translitKey(fold(cyrillic))).toBe(translitKey(fold(latin)));
  });

  it('keeps distinct names distinct in key space', () => {
    expect(translitKey('ivan')).not.toBe(translitKey('pavel'));
    expect(translitKey('sasha')).not.toBe(translitKey('sasa'));
    expect(translitKey('gleb')).not.toBe(translitKey(fold('хлеб')));
  });

  it.each([
    ['гончар', 'honchar'],
    ['євгенія', 'yevheniia'],
    ['γιαννης', 'yannis'],
  ])('the other reading of %j matches %j', (word, latin) => {
    expect(altTranslitKey(fold(word))).toBe(translitKey(latin));
  });

  it.each([
    ['gfdtk', 'павел'],
    ['ылнзу', 'skype'],
    ['<jhbc', 'борис'],
    ['Ghbdtn', 'привет'],
  ])('swapLayout(%j) = %j', (typed, meant) => {
    expect(swapLayout(typed)).toBe(meant);
  });

  it.each([
    ['sdfy', 'іван'],
    ["'dutysz", 'євгенія'],
    ['];fxjr', 'їжачок'],
    ['`fyjr', 'ґанок'],
    ['іуф', 'sea'],
  ])('swapLayout(%j, "uk") = %j', (typed, meant) => {
    expect(swapLayout(typed, 'uk')).toBe(meant);
  });
});

describe('the parts an index builds on first use', () => {
  it('preparing an index ahead changes no result', () => {
    const candidates = [...generateCandidates(300), ...ADDRESS_BOOK];
    const prepared = buildIndex(candidates);
    prepareIndex(prepared);
    const lazy = buildIndex(candidates);
    for (const query of [...QUERIES, 'gfdtk', 'саша', 'pushkni', 'tgd']) expect(search(prepared, query), query).toEqual(search(lazy, query));
  });

  it('the Infix corpus is every candidate\'s infix text, in standing order', () => {
    const index = buildIndex([...generateCandidates(300), ...ADDRESS_BOOK]);
    const expected = buildInfixCorpus(index.entries.map((entry) => entry.text.infixText));
    const corpus = index.infixCorpus;
    expect(corpus.text).toBe(expected.text);
    expect([...corpus.starts]).toEqual([...expected.starts]);
  });

  it('a title\'s offsets and key space, worked out late, are those of its words', () => {
    const text = indexText('TopSwitch Фёдор 🚀 Гончар-Smith', 'Fyodor', '', '@top_switch');
    expect(text.words.slice(0, text.titleEnd)).toEqual(['topswitch', 'switch', 'федор', 'гончар', 'smith']);
    expect(text.titleStarts).toEqual([0, 3, 10, 19, 26]);
    expect(text.titleEnds).toEqual([9, 9, 15, 25, 31]);
    expect(text.mainTitleWords).toEqual([0, 2, 3, 4]);
    expect(text.subStarts).toEqual([3]);
    expect(text.keys).toHaveLength(text.words.length);
    expect(text.altKeys[3]).not.toBe('');
    expect(text.keyCompact.startsWith('топсвитч')).toBe(true);
  });
});
