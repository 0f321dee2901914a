// The engines the search bench compares on the same candidates: ours, fuse.js (what a developer
// would pick) and fzf (the matcher editors' Ctrl+P copies), plus the floor: the cheapest
// unindexed matcher, one substring pass over pre-folded titles.

import Fuse from 'fuse.js';
import { Fzf } from 'fzf';
import { buildIndex, search, type SearchCandidate } from '../../renderer/src/lib/search/index';

export const RESULT_LIMIT = 50;

export type Engine = (query: string) => readonly string[];
export type EngineName = 'topswitch' | 'fuse.js' | 'fzf' | 'floor';

export function ourEngine(candidates: readonly SearchCandidate[]): Engine {
  const index = buildIndex(candidates);
  return (query) => search(index, query, { limit: RESULT_LIMIT }).map((result) => result.key);
}

/** Matches positions included: fuse reports them as ours reports highlights. */
export function fuseEngine(candidates: readonly SearchCandidate[]): Engine {
  const keys = ['title', 'firstName', 'lastName', 'username'];
  const fuse = new Fuse(candidates, { keys, includeMatches: true, ignoreDiacritics: true }, Fuse.createIndex(keys, candidates));
  return (query) => fuse.search(query, { limit: RESULT_LIMIT }).map((result) => result.item.key);
}

export function fzfEngine(candidates: readonly SearchCandidate[]): Engine {
  const fzf = new Fzf(candidates, {
    selector: (candidate) => (candidate.username ? `${candidate.title} @${candidate.username}` : candidate.title),
    limit: RESULT_LIMIT,
    casing: 'case-insensitive',
    normalize: true,
  });
  return (query) => fzf.find(query).map((result) => result.item.key);
}

/**
 * Its build is the text work no accent-insensitive matcher can skip (every title decomposed,
 * marks dropped, lowercased); its keystroke one substring pass over the results.
 */
export function floorEngine(candidates: readonly SearchCandidate[]): Engine {
  const titles = candidates.map((candidate) => candidate.title.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase());
  return (query) => {
    const needle = query.toLowerCase();
    const found: string[] = [];
    for (let i = 0; i < titles.length; i++) if (titles[i]!.includes(needle)) found.push(candidates[i]!.key);
    return found.slice(0, RESULT_LIMIT);
  };
}

export const ENGINES: Readonly<Record<EngineName, (candidates: readonly SearchCandidate[]) => Engine>> = {
  topswitch: ourEngine,
  'fuse.js': fuseEngine,
  fzf: fzfEngine,
  floor: floorEngine,
};
