// The search's reference: the best tier (and quality) a candidate reaches for a query, checking
// the candidate on its own with the same word-level rules. `search` reaches the same answer through
// its prefix tables, visiting only candidates that can match; comparing the two catches a table
// that misses something. Lives in the tests so that it is not shipped.

import { keyMatches, usernameQuality, wholeWordQuality, wholeWordsQuality, wordTier } from '../../../renderer/src/lib/search/match';
import type { PreparedQuery } from '../../../renderer/src/lib/search/query';
import { MatchTier } from '../../../renderer/src/lib/search/rank';
import { handleBonus, subsequenceScore } from '../../../renderer/src/lib/search/subsequence';
import { isOtherScript } from '../../../renderer/src/lib/search/normalize';
import { hasHandle, keySequenceBonus, sequenceBonus, type CandidateText } from '../../../renderer/src/lib/search/text';
import { crossesScripts, typoAssignment, typoQuality } from '../../../renderer/src/lib/search/tiers';
import { typoDistance } from '../../../renderer/src/lib/search/typo';

export interface ReferenceMatch {
  readonly tier: number;
  readonly quality: number;
}

function typoMatch(entry: CandidateText, query: PreparedQuery): number {
  const words = query.typo;
  if (words === null) return -1;
  let bestQuality = -1;
  for (const inKeys of [false, true]) {
    if (words.length === 1) {
      const word = words[0]!;
      const typed = inKeys ? word.key : word.folded;
      const from = query.usernameOnly ? entry.nameEnd : 0;
      // Each text with the folded words it stands for (in key space, only the other script counts).
      const texts: Array<readonly [string, string]> = [];
      for (let slot = from; slot < entry.words.length; slot++) {
        if (!inKeys) texts.push([entry.words[slot]!, entry.words[slot]!]);
        else for (const key of [entry.keys[slot]!, entry.altKeys[slot]!]) if (key !== '') texts.push([key, entry.words[slot]!]);
      }
      if (!query.usernameOnly) {
        entry.runTogether.forEach((run, k) => texts.push([inKeys ? entry.keyRunTogether[k]! : run, run]));
      }
      for (const [text, source] of texts) {
        if (inKeys && crossesScripts(word.folded, source) === false) continue;
        const graded = typed === '' ? -1 : typoDistance(typed, text, word.budget);
        if (graded > 1 || (graded === 1 && !text.startsWith(typed))) bestQuality = Math.max(bestQuality, typoQuality(graded, inKeys));
      }
    } else {
      const graded = typoAssignment(entry, words, inKeys, query.usernameOnly);
      if (graded > 0) bestQuality = Math.max(bestQuality, typoQuality(graded, inKeys));
    }
  }
  return bestQuality;
}

function subsequenceMatch(entry: CandidateText, query: PreparedQuery): number {
  const letters = query.subsequence;
  if (letters === null) return -1;
  let score = query.usernameOnly ? -1 : subsequenceScore(entry.compact, sequenceBonus(entry, new Uint8Array(entry.compact.length)), letters);
  if (hasHandle(entry)) {
    const handle = entry.words[entry.nameEnd]!;
    score = Math.max(score, subsequenceScore(handle, handleBonus(handle, entry.words.slice(entry.nameEnd + 1)), letters) - 1);
  }
  const sameScript = isOtherScript(entry.compact) === isOtherScript(letters.letters);
  if (score < 0 && query.keySubsequence !== null && !query.usernameOnly && !sameScript) {
    const keyScore = subsequenceScore(entry.keyCompact, keySequenceBonus(entry, new Uint8Array(entry.keyCompact.length)), query.keySubsequence);
    score = keyScore > 0 ? keyScore - 1 : -1;
  }
  return score;
}

export function referenceMatch(entry: CandidateText, query: PreparedQuery): ReferenceMatch | null {
  if (query.mode === 'symbols') {
    return query.symbols !== '' && entry.title.includes(query.symbols) ? { tier: MatchTier.Infix, quality: 0 } : null;
  }
  const { direct, translit, layouts, layoutTranslits, usernameOnly } = query;
  const tier = wordTier(entry, direct, usernameOnly);
  if (tier >= 0) {
    const quality = tier === MatchTier.WholeWord ? wholeWordQuality(entry, direct) : tier === MatchTier.Username ? usernameQuality(entry, direct) : 0;
    return { tier, quality };
  }
  if (translit !== null && keyMatches(entry, translit, usernameOnly)) {
    return { tier: MatchTier.Translit, quality: wholeWordsQuality(entry, translit, true, usernameOnly) };
  }
  const layout = layouts.filter((variant) => wordTier(entry, variant, usernameOnly) >= 0);
  if (layout.length > 0) {
    return { tier: MatchTier.Layout, quality: Math.max(...layout.map((variant) => wholeWordsQuality(entry, variant, false, usernameOnly))) };
  }
  const layoutTranslit = layoutTranslits.filter((variant) => keyMatches(entry, variant, usernameOnly));
  if (layoutTranslit.length > 0) {
    return { tier: MatchTier.LayoutTranslit, quality: Math.max(...layoutTranslit.map((variant) => wholeWordsQuality(entry, variant, true, usernameOnly))) };
  }
  const typo = typoMatch(entry, query);
  if (typo >= 0) return { tier: MatchTier.Typo, quality: typo };
  const subsequence = subsequenceMatch(entry, query);
  if (subsequence >= 0) return { tier: MatchTier.Subsequence, quality: subsequence };
  if (query.infix !== null && entry.infixText.includes(query.infix)) return { tier: MatchTier.Infix, quality: 0 };
  if (query.diminutive !== null && keyMatches(entry, query.diminutive, usernameOnly)) return { tier: MatchTier.Diminutive, quality: 0 };
  return null;
}
