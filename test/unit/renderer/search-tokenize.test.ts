// The pure-ASCII shortcut of `tokenize` must give exactly the tokens of the general, per-code-point
// path. A trailing no-break space (a separator, and not ASCII) sends the same text down the
// general path without changing its tokens.
import { describe, expect, it } from 'vitest';
import { charInfo, computeCharInfo, fold, tokenize, tokenizeMemo, type WordMemo } from '../../../renderer/src/lib/search/normalize';
import { generateCandidates } from '../../bench/search-data';
import { ADDRESS_BOOK, SEARCH_CASES } from './search-cases';

const general = (text: string, subWords: boolean) => tokenize(`${text}\u00a0`, subWords);

function asciiSamples(): string[] {
  const samples = new Set(['', ' ', 'XMLParser', 'TopSwitch2', 'a1b2C3dE', 'ABC', 'AbC', 'x_Y-z', 'iPhone', 'HTTPServer2Go', '\u0001a\u007f', 'DurantKD', 'A', '1']);
  for (const candidate of [...generateCandidates(500), ...ADDRESS_BOOK, ...SEARCH_CASES.flatMap((c) => c.candidates ?? [])]) {
    for (const text of [candidate.title, candidate.firstName, candidate.lastName, candidate.username]) if (text) samples.add(text);
  }
  for (const testCase of SEARCH_CASES) samples.add(testCase.query);
  // Seeded soup of the letter kinds that make sub-word boundaries.
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
  const alphabet = 'aZbY09 _-.\u0001';
  for (let k = 0; k < 3_000; k++) {
    let text = '';
    for (let length = Math.floor(next() * 12); length > 0; length--) text += alphabet[Math.floor(next() * alphabet.length)];
    samples.add(text);
  }
  return [...samples].filter((text) => /^[\u0000-\u007f]*$/.test(text));
}

describe('tokenize on pure-ASCII text', () => {
  const samples = asciiSamples();
  it('has samples with sub-word boundaries to compare', () => {
    expect(samples.length).toBeGreaterThan(1_000);
    expect(tokenize('XMLParser2', true).map((token) => token.folded)).toEqual(['xmlparser2', 'parser2', '2']);
  });
  for (const subWords of [false, true]) {
    it(`gives the general path's tokens (subWords: ${subWords})`, () => {
      for (const text of samples) expect(tokenize(text, subWords), JSON.stringify(text)).toEqual(general(text, subWords));
    });
  }
});

describe('tokenizeMemo', () => {
  it('gives the tokens of tokenize(text, true), the memo shared across texts', () => {
    const memo: WordMemo = new Map();
    const texts = [
      ...generateCandidates(500).flatMap((candidate) => [candidate.title, candidate.firstName ?? '', candidate.username ?? '']),
      ...ADDRESS_BOOK.map((candidate) => candidate.title),
      '  Anna  Lee ', ' ', '', 'TopSwitch  🚀 Team', '\u0301Ivan', 'Ivan\u00a0Petrov', 'O\u2019Brien  ',
    ];
    for (const text of texts) expect(tokenizeMemo(text, memo), JSON.stringify(text)).toEqual(tokenize(text, true));
    // Pieces repeat: far fewer were folded than were looked up.
    expect(memo.size).toBeLessThan(texts.length);
  });
});

describe('ASCII characters on the general path', () => {
  it('fold as the Unicode rules say (letters and digits lowercased, the rest separators)', () => {
    for (let code = 0; code < 128; code++) {
      const char = String.fromCharCode(code);
      const expected = /^[\p{L}\p{N}]$/u.test(char) ? char.normalize('NFKD').toLowerCase() : '';
      // The no-break space keeps the text off the ASCII shortcut.
      expect(fold(`${char}\u00a0`), `code ${code}`).toBe(expected);
    }
  });
});

describe('the shortcuts of charInfo', () => {
  it('agree with the Unicode rules on every code point they may answer', () => {
    const ranges: [number, number][] = [
      [0x80, 0x5ff],
      [0x2000, 0x20ff],
      [0x2600, 0x27bf],
      [0xfe00, 0xfe0f],
      [0x1f100, 0x1faff],
    ];
    let checked = 0;
    for (const [from, to] of ranges) {
      for (let codePoint = from; codePoint <= to; codePoint++) {
        expect(charInfo(codePoint), `U+${codePoint.toString(16)}`).toEqual(computeCharInfo(codePoint));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(4_000);
  });
});
