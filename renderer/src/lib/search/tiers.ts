// Which tier (and, within it, how good a match) each candidate reaches for one query, found
// through the prefix tables: every tier visits only the candidates its table runs point at, best
// tier first, and the worse tiers are skipped once `limit` candidates have one.

import { forEachInfixOwner, prefixRun, textRun, type InfixCorpus, type PrefixLookup } from './lookup';
import {
  assignMasks,
  keyMatches,
  lookupPrefixes,
  scratchMasks,
  singleWordTier,
  usernameQuality,
  wholeWordQuality,
  wholeWordsQuality,
  wordTier,
  type QueryVariant,
} from './match';
import type { PreparedQuery, TypoWord } from './query';
import { MatchTier } from './rank';
import { handleBonus, holdsInOrder, MAX_TEXT, subsequenceScore, type SubsequenceQuery } from './subsequence';
import { ENTRY_KIND, ENTRY_OTHER_SCRIPT, ENTRY_RUN_TOGETHER, ENTRY_USERNAME_WORD, isUsernameKind } from './entries';
import { isOtherScript } from './normalize';
import { hasHandle, keySequenceBonus, sequenceBonus, type CandidateText } from './text';
import { typoDistance } from './typo';

export const NO_MATCH = 255;

/** What the tiers need of an index. */
export interface TierIndex {
  readonly entries: readonly { readonly text: CandidateText }[];
  readonly foldTable: PrefixLookup;
  readonly keyTable: PrefixLookup;
  readonly infixCorpus: InfixCorpus;
  readonly titleCorpus: InfixCorpus;
}

export interface TierResult {
  /** Per entry: its tier, or NO_MATCH. */
  readonly best: Uint8Array;
  /** Per matched entry: higher is better within its tier. */
  readonly quality: Int32Array;
}

/** Typo quality: fewer edits first, a whole word before a word's start, fold before key space. */
export function typoQuality(graded: number, inKeys: boolean): number {
  return 64 - graded * 4 - (inKeys ? 2 : 0);
}

// Per-keystroke scratch, grown as needed and reused: search is synchronous.
let bestBuffer = new Uint8Array(0);
let qualityBuffer = new Int32Array(0);
let hitBuffer = new Uint8Array(0);
let visitBuffer = new Uint32Array(0);
let visitStamp = 0;

function scratch(size: number): void {
  if (bestBuffer.length < size) {
    bestBuffer = new Uint8Array(size);
    qualityBuffer = new Int32Array(size);
    hitBuffer = new Uint8Array(size);
    visitBuffer = new Uint32Array(size);
    visitStamp = 0;
  }
}

export function bestTiers(index: TierIndex, query: PreparedQuery, limit: number): TierResult {
  const size = index.entries.length;
  scratch(size);
  const best = bestBuffer.subarray(0, size).fill(NO_MATCH);
  const quality = qualityBuffer.subarray(0, size);
  if (query.mode === 'symbols') {
    if (query.symbols !== '') {
      forEachInfixOwner(index.titleCorpus, query.symbols, (owner) => {
        best[owner] = MatchTier.Infix;
        quality[owner] = 0;
      });
    }
    return { best, quality };
  }
  const tiers = new TierSearch(index, query, limit, best, quality);
  const { usernameOnly } = query;
  // Below the direct tiers one hit decides alone; with @ it must be a username word. A whole
  // word (or whole handle) hit grades 1.
  const flatTier = (tier: number) => (_text: CandidateText, kind: number, whole: boolean) =>
    usernameOnly ? (isUsernameKind(kind) ? tier * 4 : -1) : tier * 4 + (whole && kind !== ENTRY_RUN_TOGETHER && kind !== ENTRY_USERNAME_WORD ? 1 : 0);
  const keyTier = (tier: number) => (text: CandidateText, variant: QueryVariant) =>
    keyMatches(text, variant, usernameOnly) ? tier * 4 + wholeWordsQuality(text, variant, true, usernameOnly) : -1;
  tiers.run(
    query.direct,
    false,
    (text, kind, whole) => singleWordTier(text, kind, query.direct.words[0]!.stem, whole, usernameOnly),
    (text, variant) => {
      const tier = wordTier(text, variant, usernameOnly);
      if (tier === MatchTier.WholeWord) return tier * 4 + wholeWordQuality(text, variant);
      if (tier === MatchTier.Username) return tier * 4 + usernameQuality(text, variant);
      return tier < 0 ? -1 : tier * 4;
    },
  );
  tiers.run(query.translit, true, flatTier(MatchTier.Translit), keyTier(MatchTier.Translit));
  for (const layout of query.layouts) {
    tiers.run(layout, false, flatTier(MatchTier.Layout), (text, variant) =>
      wordTier(text, variant, usernameOnly) >= 0 ? MatchTier.Layout * 4 + wholeWordsQuality(text, variant, false, usernameOnly) : -1,
    );
  }
  for (const layout of query.layoutTranslits) {
    tiers.run(layout, true, flatTier(MatchTier.LayoutTranslit), keyTier(MatchTier.LayoutTranslit));
  }
  if (query.typo !== null) {
    tiers.typo(query.typo, false);
    tiers.typo(query.typo, true);
  }
  tiers.subsequence();
  if (query.infix !== null && tiers.open()) {
    forEachInfixOwner(index.infixCorpus, query.infix, (owner) => tiers.record(owner, MatchTier.Infix, 0));
  }
  tiers.run(query.diminutive, true, null, (text, variant) =>
    keyMatches(text, variant, usernameOnly) ? MatchTier.Diminutive * 4 : -1,
  );
  return { best, quality };
}

/** One query's pass over the tiers: what each candidate reached so far, and how many have. */
class TierSearch {
  private matched = 0;
  private readonly wordsHit: Uint8Array;

  constructor(
    private readonly index: TierIndex,
    private readonly query: PreparedQuery,
    private readonly limit: number,
    private readonly best: Uint8Array,
    private readonly quality: Int32Array,
  ) {
    this.wordsHit = hitBuffer.subarray(0, best.length);
  }

  /** Whether worse tiers can still reach the results. */
  open(): boolean {
    return this.matched < this.limit;
  }

  record(owner: number, tier: number, grade: number): void {
    const current = this.best[owner]!;
    if (tier < current) {
      if (current === NO_MATCH) this.matched++;
      this.best[owner] = tier;
      this.quality[owner] = grade;
    } else if (tier === current && grade > this.quality[owner]!) {
      this.quality[owner] = grade;
    }
  }

  /**
   * One variant through one table. One-word queries are answered from the table hit alone
   * (`tierOfHit`, which returns tier * 4 + quality); longer ones first keep the candidates every
   * word hits (cheap counting), then check those with `tierOf`.
   */
  run(
    variant: QueryVariant | null,
    inKeys: boolean,
    tierOfHit: ((text: CandidateText, kind: number, whole: boolean) => number) | null,
    tierOf: (text: CandidateText, variant: QueryVariant) => number,
  ): void {
    if (variant === null || !this.open()) return;
    // Read only now: the key-space table is built on first use.
    const lookup = inKeys ? this.index.keyTable : this.index.foldTable;
    const entries = this.index.entries;
    const words = variant.words;
    if (words.length === 1 && tierOfHit !== null && !words[0]!.whole) {
      for (const prefix of lookupPrefixes(words[0]!)) {
        const table = lookup.tableFor(prefix);
        const { texts, starts, owners, kinds } = table;
        const [from, to] = textRun(table, prefix);
        const wholeEnd = from < to && texts[from] === prefix ? starts[from + 1]! : starts[from]!;
        for (let i = starts[from]!, end = starts[to]!; i < end; i++) {
          const owner = owners[i]!;
          const code = tierOfHit(entries[owner]!.text, kinds[i]! & ENTRY_KIND, i < wholeEnd);
          if (code >= 0) this.record(owner, code >> 2, code & 3);
        }
      }
      return;
    }
    for (const owner of this.survivors(words.map((word) => lookupPrefixes(word)), lookup)) {
      const code = tierOf(entries[owner]!.text, variant);
      if (code >= 0) this.record(owner, code >> 2, code & 3);
    }
  }

  /** Candidates with an entry starting with one of each word's prefixes. */
  private survivors(prefixesByWord: readonly (readonly string[])[], lookup: PrefixLookup): number[] {
    const survivors: number[] = [];
    // A candidate has at most 32 words, so more query words than that cannot all match.
    if (prefixesByWord.length > 32) return survivors;
    const { wordsHit } = this;
    wordsHit.fill(0);
    const last = prefixesByWord.length;
    prefixesByWord.forEach((prefixes, k) => {
      for (const prefix of prefixes) {
        const table = lookup.tableFor(prefix);
        const [from, to] = prefixRun(table, prefix);
        for (let i = from; i < to; i++) {
          const owner = table.owners[i]!;
          if (wordsHit[owner] !== k) continue;
          wordsHit[owner] = k + 1;
          if (k + 1 === last) survivors.push(owner);
        }
      }
    });
    return survivors;
  }

  /**
   * The typo tier in one space. Each query word hits the candidates with a word it starts exactly
   * or comes within its budget of (scanning only the table's words with the same first letter);
   * those every word hits are checked for a distinct word each.
   */
  typo(words: readonly TypoWord[], inKeys: boolean): void {
    if (!this.open() || words.length > 32) return;
    const { usernameOnly } = this.query;
    const lookup = inKeys ? this.index.keyTable : this.index.foldTable;
    const single = words.length === 1;
    const { wordsHit } = this;
    if (!single) wordsHit.fill(0);
    const survivors: number[] = [];
    for (let k = 0; k < words.length; k++) {
      const word = words[k]!;
      const typed = inKeys ? word.key : word.folded;
      if (typed === '') return;
      // Both runs below start with the word's first letter: one shard holds them.
      const table = lookup.tableFor(typed);
      const { texts, starts, owners, kinds } = table;
      // In key space, only words of the other script are typo candidates (see ENTRY_OTHER_SCRIPT).
      const otherScript = isOtherScript(word.folded) ? 0 : ENTRY_OTHER_SCRIPT;
      const hit = (i: number, graded: number): void => {
        const owner = owners[i]!;
        if (usernameOnly && !isUsernameKind(kinds[i]! & ENTRY_KIND)) return;
        if (inKeys && graded > 0 && (kinds[i]! & ENTRY_OTHER_SCRIPT) !== otherScript) return;
        if (single) {
          this.record(owner, MatchTier.Typo, typoQuality(graded, inKeys));
        } else if (wordsHit[owner] === k) {
          wordsHit[owner] = k + 1;
          if (k + 1 === words.length) survivors.push(owner);
        }
      };
      if (!single) {
        const [from, to] = prefixRun(table, typed);
        for (let i = from; i < to; i++) hit(i, 0);
      }
      if (word.budget === 0) continue;
      const [from, to] = textRun(table, typed.charAt(0));
      for (let t = from; t < to; t++) {
        const graded = typoDistance(typed, texts[t]!, word.budget);
        // Exact prefixes were counted above (and, for one word, belong to better tiers).
        if (graded <= 0 || (graded === 1 && texts[t]!.startsWith(typed))) continue;
        for (let i = starts[t]!, end = starts[t + 1]!; i < end; i++) hit(i, graded);
      }
    }
    for (const owner of survivors) {
      const graded = typoAssignment(this.index.entries[owner]!.text, words, inKeys, usernameOnly);
      if (graded > 0) this.record(owner, MatchTier.Typo, typoQuality(graded, inKeys));
    }
  }

  /**
   * Skipped letters and initials, for candidates with a word starting with the first letter: in
   * fold space, then (for the titles still unmatched) in key space.
   */
  subsequence(): void {
    const { subsequence, keySubsequence, usernameOnly } = this.query;
    if (subsequence === null || !this.open()) return;
    this.visitRun(this.index.foldTable, subsequence.letters[0]!, (text) => subsequenceOf(text, subsequence, usernameOnly));
    if (keySubsequence !== null && !usernameOnly) {
      const queryScript = isOtherScript(subsequence.letters);
      this.visitRun(this.index.keyTable, keySubsequence.letters[0]!, (text) => keySubsequenceOf(text, keySubsequence, queryScript));
    }
  }

  private visitRun(lookup: PrefixLookup, prefix: string, scoreOf: (text: CandidateText) => number): void {
    const entries = this.index.entries;
    const table = lookup.tableFor(prefix);
    const [from, to] = prefixRun(table, prefix);
    const stamp = ++visitStamp;
    for (let i = from; i < to; i++) {
      const owner = table.owners[i]!;
      if (this.best[owner] !== NO_MATCH || visitBuffer[owner] === stamp) continue;
      visitBuffer[owner] = stamp;
      const score = scoreOf(entries[owner]!.text);
      if (score >= 0) this.record(owner, MatchTier.Subsequence, score);
    }
  }
}

const bonusScratch = new Uint8Array(MAX_TEXT);

/**
 * Skipped letters in key space (a notch below the same match in fold space), only for a title in
 * the other script than the query's (`queryScript`: whether the query is not Latin).
 */
export function keySubsequenceOf(text: CandidateText, letters: SubsequenceQuery, queryScript: boolean): number {
  if (text.otherScript === queryScript || !holdsInOrder(text.keyCompact, letters.letters)) return -1;
  const score = subsequenceScore(text.keyCompact, keySequenceBonus(text, bonusScratch), letters);
  return score > 0 ? score - 1 : -1;
}

/** A candidate's skipped-letters score: its title, or (one point less) its username. */
export function subsequenceOf(text: CandidateText, letters: SubsequenceQuery, usernameOnly: boolean): number {
  let score = -1;
  if (!usernameOnly && holdsInOrder(text.compact, letters.letters)) {
    score = subsequenceScore(text.compact, sequenceBonus(text, bonusScratch), letters);
  }
  if (hasHandle(text)) {
    const handle = text.words[text.nameEnd]!;
    if (holdsInOrder(handle, letters.letters)) {
      // A title match is what the row shows; the handle only breaks a tie in its favour.
      const handleScore = subsequenceScore(handle, handleBonus(handle, text.words.slice(text.nameEnd + 1)), letters) - 1;
      if (handleScore > score) score = handleScore;
    }
  }
  return score;
}

/**
 * For a multi-word query: whether every word takes a distinct candidate word, exactly or within
 * its budget, with at least one typo. Returns the summed graded distance (0: no typo needed, so a
 * better tier has it), or -1.
 */
export function typoAssignment(entry: CandidateText, words: readonly TypoWord[], inKeys: boolean, usernameOnly: boolean): number {
  const primary = inKeys ? entry.keys : entry.words;
  const from = usernameOnly ? entry.nameEnd : 0;
  const slots = primary.length - from;
  if (words.length > slots) return -1;
  let total = 0;
  for (let k = 0; k < words.length; k++) {
    const word = words[k]!;
    const typed = inKeys ? word.key : word.folded;
    let mask = 0;
    let closest = Number.POSITIVE_INFINITY;
    for (let slot = 0; slot < slots; slot++) {
      const graded = gradeWord(typed, primary[from + slot]!, word.budget, inKeys ? entry.altKeys[from + slot]! : '');
      if (graded < 0 || (inKeys && graded > 0 && !crossesScripts(word.folded, entry.words[from + slot]!))) continue;
      mask |= 1 << slot;
      if (graded < closest) closest = graded;
    }
    if (mask === 0) return -1;
    scratchMasks[k] = mask;
    total += closest;
  }
  return assignMasks(words.length, slots) ? total : -1;
}

/** Whether a key-space typo between these folded words bridges two scripts (see ENTRY_OTHER_SCRIPT). */
export function crossesScripts(query: string, word: string): boolean {
  return isOtherScript(query) !== isOtherScript(word);
}

/** 0 for an exact prefix, the graded typo distance within budget, else -1. */
export function gradeWord(typed: string, word: string, budget: number, alternate: string): number {
  if (word.startsWith(typed) || (alternate !== '' && alternate.startsWith(typed))) return 0;
  const graded = typoDistance(typed, word, budget);
  if (graded >= 0 || alternate === '') return graded;
  return typoDistance(typed, alternate, budget);
}

