// Highlights: which letters of the original title explain a result's tier. Only computed for the
// results returned, so clarity beats speed here.

import { assignWords, compactStart, keyMatches, startsWord, wholeWordEnd, wordTier, type QueryVariant } from './match';
import { originalPrefixEnd, originalSpan } from './normalize';
import type { PreparedQuery } from './query';
import { MatchTier } from './rank';
import { subsequenceScore } from './subsequence';
import { keySequenceBonus, MAX_WORDS, sequenceBonus, type CandidateText } from './text';
import { crossesScripts, gradeWord } from './tiers';
import { alternateKey, translitKey } from './translit';
import { typoAlignment } from './typo';

type Range = [number, number];

/** The first `length` units (fold space, or key space read with `keyOf`) of title word `index`, in original offsets. */
function titleRange(entry: CandidateText, index: number, length: number, keyOf: ((folded: string) => string) | null): Range {
  const start = entry.titleStarts[index]!;
  const end = entry.titleEnds[index]!;
  if (keyOf === null) return originalSpan(entry.title, start, end, 0, length);
  const target = keyOf(entry.words[index]!).slice(0, length);
  return [start, originalPrefixEnd(entry.title, start, end, target, keyOf)];
}

/** Ranges of title words matched by query words, in fold or key space. */
function assignedRanges(entry: CandidateText, variant: QueryVariant, from: number, to: number, inKeys: boolean, whole = false): Range[] {
  const primary = inKeys ? entry.keys : entry.words;
  const alternate = inKeys ? entry.altKeys : null;
  const owner = new Int8Array(MAX_WORDS).fill(-1);
  if (!assignWords(primary, alternate, from, to, variant.words, whole, owner)) return [];
  const ranges: Range[] = [];
  for (let slot = 0; slot < to - from; slot++) {
    const q = owner[slot]!;
    const index = from + slot;
    if (q < 0 || index >= entry.titleEnd) continue;
    const word = variant.words[q]!;
    let length = startsWord(primary[index]!, 0, word, whole || word.whole);
    let keyOf: ((folded: string) => string) | null = inKeys ? translitKey : null;
    if (length < 0 && alternate !== null) {
      length = startsWord(alternate[index]!, 0, word, whole || word.whole);
      keyOf = alternateKey;
    }
    if (length >= 0) ranges.push(titleRange(entry, index, length, keyOf));
  }
  return ranges;
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
    ranges.push(titleRange(entry, index, Math.min(remaining, wordLength), inKeys ? translitKey : null));
    remaining -= wordLength;
  }
  return ranges;
}

function prefixTierRanges(entry: CandidateText, variant: QueryVariant): Range[] {
  return variant.words.map((word, k) => titleRange(entry, entry.mainTitleWords[k]!, word.stem.length, null));
}

function wordTierRanges(entry: CandidateText, variant: QueryVariant, usernameOnly: boolean): Range[] {
  switch (wordTier(entry, variant, usernameOnly)) {
    case MatchTier.Exact:
    case MatchTier.TitlePrefix:
      return prefixTierRanges(entry, variant);
    case MatchTier.WholeWord:
      return assignedRanges(entry, variant, 0, wholeWordEnd(entry), false, true);
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
  if (ranges.length > 0 || assignWords(entry.keys, entry.altKeys, 0, entry.keys.length, variant.words)) return ranges;
  return compactRanges(entry, variant, true);
}

/** Each query word's closest title word (distinct, greedily): its kept letters in fold space, its start in key space. */
function typoRanges(entry: CandidateText, query: PreparedQuery): Range[] {
  const ranges: Range[] = [];
  const taken = new Set<number>();
  for (const word of query.typo ?? []) {
    let chosen = -1;
    let chosenGrade = Number.POSITIVE_INFINITY;
    let inKeys = false;
    for (const keys of [false, true]) {
      for (let index = 0; index < entry.titleEnd; index++) {
        if (taken.has(index)) continue;
        const typed = keys ? word.key : word.folded;
        const graded = gradeWord(typed, (keys ? entry.keys : entry.words)[index]!, word.budget, keys ? entry.altKeys[index]! : '');
        if (graded < 0 || (keys && graded > 0 && !crossesScripts(word.folded, entry.words[index]!))) continue;
        if (graded < chosenGrade) [chosen, chosenGrade, inKeys] = [index, graded, keys];
      }
      if (chosen >= 0) break;
    }
    if (chosen < 0) continue;
    taken.add(chosen);
    const start = entry.titleStarts[chosen]!;
    const end = entry.titleEnds[chosen]!;
    if (inKeys) {
      ranges.push(titleRange(entry, chosen, Math.min(word.key.length, entry.keys[chosen]!.length), translitKey));
    } else if (chosenGrade === 0) {
      ranges.push(originalSpan(entry.title, start, end, 0, word.folded.length));
    } else {
      for (const at of typoAlignment(word.folded, entry.words[chosen]!, word.budget)) {
        ranges.push(originalSpan(entry.title, start, end, at, at + 1));
      }
    }
  }
  return ranges;
}

function subsequenceRanges(entry: CandidateText, query: PreparedQuery): Range[] {
  if (query.subsequence === null) return [];
  const path: number[] = [];
  const bonus = sequenceBonus(entry, new Uint8Array(entry.compact.length));
  let inKeys = false;
  if (subsequenceScore(entry.compact, bonus, query.subsequence, path) < 0) {
    if (query.keySubsequence === null) return [];
    const keyBonus = keySequenceBonus(entry, new Uint8Array(entry.keyCompact.length));
    if (subsequenceScore(entry.keyCompact, keyBonus, query.keySubsequence, path) < 0) return [];
    inKeys = true;
  }
  const ranges: Range[] = [];
  const starts = inKeys ? entry.keyCompactStarts : entry.compactStarts;
  let k = 0;
  for (const at of path) {
    while (k + 1 < starts.length && starts[k + 1]! <= at) k++;
    const index = entry.mainTitleWords[k]!;
    const offset = at - starts[k]!;
    if (!inKeys) {
      ranges.push(originalSpan(entry.title, entry.titleStarts[index]!, entry.titleEnds[index]!, offset, offset + 1));
      continue;
    }
    // The letters whose key spells this one key letter.
    const start = offset === 0 ? entry.titleStarts[index]! : titleRange(entry, index, offset, translitKey)[1];
    const end = titleRange(entry, index, offset + 1, translitKey)[1];
    if (end > start) ranges.push([start, end]);
  }
  return ranges;
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

function firstRanges(variants: readonly QueryVariant[], match: (variant: QueryVariant) => boolean, ranges: (variant: QueryVariant) => Range[]): Range[] {
  const variant = variants.find(match);
  return variant === undefined ? [] : ranges(variant);
}

/** Sorted, merged ranges `[start, end)` in the original title that explain `tier`. */
export function highlightsFor(entry: CandidateText, query: PreparedQuery, tier: number): Range[] {
  const { usernameOnly } = query;
  switch (tier) {
    case MatchTier.Exact:
    case MatchTier.WholeWord:
    case MatchTier.TitlePrefix:
    case MatchTier.WordPrefix:
    case MatchTier.Username:
    case MatchTier.Compact:
      return mergeRanges(wordTierRanges(entry, query.direct, usernameOnly));
    case MatchTier.Translit:
      return mergeRanges(query.translit ? keyRanges(entry, query.translit, usernameOnly) : []);
    case MatchTier.Layout:
      return mergeRanges(
        firstRanges(query.layouts, (v) => wordTier(entry, v, usernameOnly) >= 0, (v) => wordTierRanges(entry, v, usernameOnly)),
      );
    case MatchTier.LayoutTranslit:
      return mergeRanges(
        firstRanges(query.layoutTranslits, (v) => keyMatches(entry, v, usernameOnly), (v) => keyRanges(entry, v, usernameOnly)),
      );
    case MatchTier.Typo:
      return usernameOnly ? [] : mergeRanges(typoRanges(entry, query));
    case MatchTier.Subsequence:
      return usernameOnly ? [] : mergeRanges(subsequenceRanges(entry, query));
    case MatchTier.Infix:
      if (query.mode === 'symbols') {
        const at = entry.title.indexOf(query.symbols);
        return at >= 0 ? [[at, at + query.symbols.length]] : [];
      }
      return mergeRanges(query.infix !== null ? infixRanges(entry, query.infix) : []);
    case MatchTier.Diminutive:
      return mergeRanges(query.diminutive ? keyRanges(entry, query.diminutive, usernameOnly) : []);
    default:
      return [];
  }
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
