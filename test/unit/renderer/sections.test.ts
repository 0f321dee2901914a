/**
 * The switcher's one list: Top, then Chats, then Global, and the frecency blend.
 */
import { describe, expect, it } from 'vitest';
import type { Chat, Peer } from '../../../electron/shared/ipc-contract';
import { createSectionedSearch, globalItems } from '../../../renderer/src/lib/sections';
import { createStanding, FRECENCY_HALF_LIFE_MS, frecency, recordOpen } from '../../../renderer/src/lib/standing';
import { EMPTY_YOURS, parseYours, recordUse, setAlias, setHidden, togglePin, toYours } from '../../../renderer/src/lib/yours';

const peer = (key: string, title: string, rating: number): Peer => ({ key, kind: 'user', title, isSelf: false, verified: false, premium: false, deleted: false, categories: { correspondents: rating } });
const chat = (key: string, title: string, lastMessageAt: number, extra: Partial<Chat> = {}): Chat => ({
  key, kind: 'user', title, isSelf: false, verified: false, deleted: false, unreadCount: 0, muted: false, pinned: false, archived: false, lastMessageAt, ...extra,
});

const top = [peer('user:1', 'Anna Lee', 5), peer('user:2', 'Annabelle Shop', 9)];
const chats = [chat('user:1', 'Anna Lee', 100), chat('user:3', 'Anna Karenina', 300), chat('user:4', 'Bob Annan', 200), chat('user:5', 'Pinned Anna', 10, { pinned: true })];

describe('sectioned search', () => {
  const sectioned = createSectionedSearch({ topPeers: top, chats, topRating: (p) => p.categories.correspondents ?? 0 });

  it('lists top peers first, then the rest of the chats (each once), pins and recent messages first', () => {
    const all = sectioned.search('', 50);
    expect(all.map((item) => [item.section, item.key])).toEqual([
      ['top', 'user:2'],
      ['top', 'user:1'],
      ['chats', 'user:5'],
      ['chats', 'user:3'],
      ['chats', 'user:4'],
    ]);
  });

  it('searches each section with the search module and keeps the sections in order', () => {
    const found = sectioned.search('anna', 50);
    const sections = found.map((item) => item.section);
    expect(sections.indexOf('chats')).toBeGreaterThan(sections.lastIndexOf('top'));
    expect(found.filter((item) => item.section === 'top').map((item) => item.key).sort()).toEqual(['user:1', 'user:2']);
    expect(found.filter((item) => item.section === 'chats').map((item) => item.key)).not.toContain('user:1'); // listed once, under Top
    expect(found.find((item) => item.key === 'user:3')!.highlights.length).toBeGreaterThan(0);
  });

  it('shows a global result only when it is not listed already', () => {
    const global = globalItems({ mine: [chat('user:3', 'Anna Karenina', 0), chat('user:9', 'Anna Contact', 0)], global: [chat('user:9', 'Anna Contact', 0), chat('user:10', 'Anna Public', 0)] }, sectioned);
    expect(global.map((item) => [item.section, item.key])).toEqual([
      ['global', 'user:9'],
      ['global', 'user:10'],
    ]);
  });
});

describe('the frecency blend', () => {
  it('halves local use every half-life and counts each open as one', () => {
    const once = recordOpen(undefined, 0);
    expect(frecency(once, 0)).toBe(1);
    expect(frecency(once, FRECENCY_HALF_LIFE_MS)).toBeCloseTo(0.5);
    expect(frecency(recordOpen(once, FRECENCY_HALF_LIFE_MS), FRECENCY_HALF_LIFE_MS)).toBeCloseTo(1.5);
  });

  it('adds the median server rating per unit of frecency, so a fresh open lifts a peer past a typical one', () => {
    const peers = [peer('user:1', 'A', 1), peer('user:2', 'B', 4), peer('user:3', 'C', 10)];
    const usage = new Map([['user:1', recordOpen(undefined, 0)]]);
    const standing = createStanding(peers, (key) => usage.get(key), 0);
    expect(standing(peers[0]!)).toBe(1 + 4);
    expect(standing(peers[1]!)).toBe(4);
    expect(standing(peers[2]!)).toBe(10);
    // A month later the open has faded: Telegram's order is back.
    const later = createStanding(peers, (key) => usage.get(key), 30 * 24 * 60 * 60_000);
    expect(later(peers[0]!)).toBeLessThan(later(peers[1]!));
  });
});

describe("the user's own: aliases, pins, hidden", () => {
  const yours = (state: Parameters<typeof toYours>[0]) =>
    createSectionedSearch({ topPeers: top, chats, topRating: (p) => p.categories.correspondents ?? 0, yours: toYours(state) });

  it('lists pins first in pin order, each chat once', () => {
    let state = togglePin(EMPTY_YOURS, 'user:4');
    state = togglePin(state, 'user:2');
    const all = yours(state).search('', 50);
    expect(all.slice(0, 2).map((item) => [item.section, item.key])).toEqual([
      ['pinned', 'user:4'],
      ['pinned', 'user:2'],
    ]);
    expect(all.filter((item) => item.key === 'user:2')).toHaveLength(1);
    expect(togglePin(state, 'user:4').pins).toEqual(['user:2']);
  });

  it('matches an alias first, before any title', () => {
    const state = setAlias(EMPTY_YOURS, 'user:4', 'boss');
    const found = yours(state).search('boss', 50);
    expect(found[0]).toMatchObject({ section: 'alias', key: 'user:4', title: 'Bob Annan' });
    expect(yours(state).search('', 50).some((item) => item.section === 'alias')).toBe(false);
    expect(setAlias(state, 'user:4', '  ').aliases).toEqual({});
  });

  it('hides a chat from every section and from global results, and brings it back', () => {
    const state = setHidden(EMPTY_YOURS, 'user:3', true);
    const sectioned = yours(state);
    expect(sectioned.search('anna', 50).some((item) => item.key === 'user:3')).toBe(false);
    expect(globalItems({ mine: [chat('user:3', 'Anna Karenina', 0)], global: [] }, sectioned)).toEqual([]);
    expect(yours(setHidden(state, 'user:3', false)).search('anna', 50).some((item) => item.key === 'user:3')).toBe(true);
  });

  it('reads back what storage held, dropping (and counting) what is not valid', () => {
    const stored = JSON.stringify({ pins: ['user:1', 'nope', 'user:1'], aliases: { 'user:2': 'boss', 'user:3': '', bad: 'x' }, hidden: ['chat:7'], usage: { 'user:1': { score: 2, at: 5 }, 'user:2': { score: 'x' } } });
    const { state, dropped } = parseYours(stored);
    expect(state).toEqual({ pins: ['user:1'], aliases: { 'user:2': 'boss' }, hidden: ['chat:7'], usage: { 'user:1': { score: 2, at: 5 } } });
    expect(dropped).toBe(5);
    expect(parseYours('{not json')).toEqual({ state: EMPTY_YOURS, dropped: 1 });
    expect(parseYours(null)).toEqual({ state: EMPTY_YOURS, dropped: 0 });
    expect(recordUse(EMPTY_YOURS, 'user:1', 10).usage['user:1']).toEqual({ score: 1, at: 10 });
  });
});
