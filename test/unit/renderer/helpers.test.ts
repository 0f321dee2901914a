/**
 * The renderer's pure helpers, on tables of cases: avatar initials and colours, relative time and
 * countdowns, highlight splitting, the virtual window, categories and the hotkey recorder.
 */
import { describe, expect, it } from 'vitest';
import { AVATAR_COLORS, avatarColorIndex, initials } from '../../../renderer/src/lib/avatar';
import { formatCountdown, relativeTime } from '../../../renderer/src/lib/time';
import { rowWindow, scrollToReveal } from '../../../renderer/src/lib/virtual';
import { badgesFor, inTab, ratingIn, subtitleFor, tabsWithPeers, TABS } from '../../../renderer/src/lib/categories';
import { acceleratorFromEvent } from '../../../renderer/src/lib/platform';
import { CATEGORIES, type Category } from '../../../electron/shared/ipc-contract';
import { translator } from '../../../electron/shared/i18n';

describe('initials', () => {
  it.each([
    ['Ivan Petrov', 'IP'],
    ['alice', 'A'],
    ['Иван Петров', 'ИП'],
    ['Anna-Lena O’Brien', 'AO'],
    ['🎸 Rocco', 'R'],
    ['Kai 🚀', 'K'],
    ['Mia 🌸', 'M'],
    ['王 伟', '王伟'],
    ['🍕', '🍕'],
    ['', '?'],
    ['  José   Müller  ', 'JM'],
    ['Jean Paul Sartre', 'JS'],
  ])('%j → %j', (title, expected) => {
    expect(initials(title)).toBe(expected);
  });
});

describe('avatar colour', () => {
  it('is the bare id modulo 7, also for ids beyond 2^53', () => {
    expect(avatarColorIndex('user:7')).toBe(0);
    expect(avatarColorIndex('user:100101')).toBe(100101 % 7);
    expect(avatarColorIndex('channel:1234567890123456789')).toBe(Number(1234567890123456789n % 7n));
  });
  it('uses all seven colours over consecutive ids', () => {
    const used = new Set(Array.from({ length: 7 }, (_, id) => avatarColorIndex(`user:${id + 1}`)));
    expect(used.size).toBe(AVATAR_COLORS.length);
    expect(AVATAR_COLORS).toHaveLength(7);
  });
});

describe('relative time and countdown', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  it.each([
    [now - 5_000, 'just now', 'только что'],
    [now - 60_000, '1 min. ago', '1 мин. назад'],
    [now - 12 * 60_000, '12 min. ago', '12 мин. назад'],
    [now - 3 * 3_600_000, '3 hr. ago', '3 ч назад'],
    [now - 26 * 3_600_000, 'yesterday', 'вчера'],
    [now - 3 * 86_400_000, '3 days ago', '3 дня назад'],
    [now - 5 * 86_400_000, '5 days ago', '5 дней назад'],
    [now + 10_000, 'just now', 'только что'], // a clock a little ahead is not "in the future"
  ])('%i → %j / %j', (then, english, russian) => {
    expect(relativeTime(then, now)).toBe(english);
    expect(relativeTime(then, now, 'en')).toBe(english);
    expect(relativeTime(then, now, 'ru')).toBe(russian);
  });

  it.each([
    [7_000, '0:07'],
    [6_001, '0:07'], // rounded up: never shows 0:00 while still waiting
    [299_500, '5:00'],
    [3_723_000, '1:02:03'],
    [0, '0:00'],
    [-5_000, '0:00'],
  ])('%i ms → %j', (remaining, expected) => {
    expect(formatCountdown(remaining)).toBe(expected);
  });
});

describe('rowWindow', () => {
  const base = { count: 1000, rowHeight: 56, viewportHeight: 560, overscan: 5, keep: -1 };
  it('renders the visible rows plus overscan', () => {
    expect(rowWindow({ ...base, scrollTop: 0 })).toEqual({ start: 0, end: 15, extra: null });
    expect(rowWindow({ ...base, scrollTop: 56 * 100 })).toEqual({ start: 95, end: 115, extra: null });
  });
  it('renders exactly the rows the viewport touches, without overscan', () => {
    const exact = { ...base, overscan: 0 };
    // Ten rows fill 560 px on a row boundary; half a row scrolled shows eleven.
    expect(rowWindow({ ...exact, scrollTop: 0 })).toEqual({ start: 0, end: 10, extra: null });
    expect(rowWindow({ ...exact, scrollTop: 28 })).toEqual({ start: 0, end: 11, extra: null });
    // The list's top padding in view (negative offset): 318 px from -8 reach into the sixth row.
    expect(rowWindow({ ...exact, viewportHeight: 318, scrollTop: -8 })).toEqual({ start: 0, end: 6, extra: null });
    expect(rowWindow({ ...exact, viewportHeight: 10, scrollTop: 56 * 3 })).toEqual({ start: 3, end: 4, extra: null });
  });
  it('keeps a selection that is scrolled away as one extra row', () => {
    expect(rowWindow({ ...base, scrollTop: 0, keep: 900 }).extra).toBe(900);
    expect(rowWindow({ ...base, scrollTop: 0, keep: 3 }).extra).toBe(null);
  });
  it('copes with an empty list and a scroll position past the end', () => {
    expect(rowWindow({ ...base, count: 0, scrollTop: 0 })).toEqual({ start: 0, end: 0, extra: null });
    expect(rowWindow({ ...base, count: 3, scrollTop: 10_000 }).end).toBe(3);
  });
  it('scrollToReveal moves only as far as needed', () => {
    expect(scrollToReveal(0, 56, 100, 400)).toBe(0);
    expect(scrollToReveal(200, 56, 100, 400)).toBe(100);
    expect(scrollToReveal(600, 56, 100, 400)).toBe(256);
  });
});

describe('categories', () => {
  it('lists every contract category exactly once, in the contract order', () => {
    const inTabs = TABS.flatMap((tab) => tab.categories ?? []);
    expect(new Set(inTabs)).toEqual(new Set(CATEGORIES));
  });
  it('filters by tab, honouring hidden (pending removal) categories', () => {
    const calls = TABS.find((tab) => tab.id === 'calls')!;
    const all = TABS[0]!;
    const categories = { correspondents: 3, phone_calls: 1 };
    expect(inTab(categories, calls)).toBe(true);
    expect(inTab(categories, calls, new Set(['phone_calls'] as const))).toBe(false);
    expect(inTab(categories, all, new Set(['phone_calls'] as const))).toBe(true);
    expect(inTab(categories, all, new Set(['phone_calls', 'correspondents'] as const))).toBe(false);
    expect(ratingIn(categories, calls)).toBe(1);
    expect(ratingIn(categories, all)).toBe(3);
  });
  it('offers a tab only for categories some peer has', () => {
    const ids = (peers: Array<{ categories: Partial<Record<Category, number>> }>) => tabsWithPeers(peers).map((tab) => tab.id);
    expect(ids([])).toEqual(['all']);
    expect(ids([{ categories: { phone_calls: 1 } }, { categories: { forward_chats: 2, correspondents: 1 } }])).toEqual(['all', 'people', 'calls', 'forwarded']);
  });
  it('badges say what the subtitle does not; the subtitle prefers the username', () => {
    const en = translator('en');
    const ru = translator('ru');
    expect(badgesFor({ correspondents: 1, phone_calls: 2, forward_users: 1, forward_chats: 1 }).map((key) => en(key))).toEqual(['Calls', 'Forwarded']);
    expect(subtitleFor({ kind: 'user', username: 'alice', deleted: false, isSelf: false }, ru)).toBe('@alice');
    expect(subtitleFor({ kind: 'supergroup', deleted: false, isSelf: false }, en)).toBe('Group');
    expect(subtitleFor({ kind: 'supergroup', deleted: false, isSelf: false }, ru)).toBe('Группа');
    expect(subtitleFor({ kind: 'user', deleted: true, isSelf: false }, en)).toBe('Deleted account');
  });
});

describe('acceleratorFromEvent', () => {
  const key = (code: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) =>
    ({ code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods }) as KeyboardEvent;
  it.each([
    [key('KeyK', { ctrlKey: true, altKey: true }), 'CommandOrControl+Alt+K'],
    [key('Space', { metaKey: true }), 'CommandOrControl+Space'],
    [key('Digit1', { altKey: true, shiftKey: true }), 'Alt+Shift+1'],
    [key('F5', { ctrlKey: true }), 'CommandOrControl+F5'],
    [key('KeyK'), null], // a bare key would be swallowed everywhere
    [key('KeyK', { shiftKey: true }), null],
    [key('ControlLeft', { ctrlKey: true }), null], // only a modifier so far
  ])('%#', (event, expected) => {
    expect(acceleratorFromEvent(event)).toBe(expected);
  });
});

describe('byStanding (the empty query, without an index)', () => {
  it('orders by rating, then recency, then title, keeping the peer objects', async () => {
    const { byStanding } = await import('../../../renderer/src/lib/peerSearch');
    const make = (key: `user:${number}`, title: string, rating: number, lastOpenedAt?: number) => ({
      key,
      kind: 'user' as const,
      title,
      isSelf: false,
      verified: false,
      premium: false,
      deleted: false,
      categories: { correspondents: rating },
      ...(lastOpenedAt === undefined ? {} : { lastOpenedAt }),
    });
    const peers = [make('user:1', 'Bob', 1), make('user:2', 'Alice', 1), make('user:3', 'Zed', 5), make('user:4', 'Carl', 1, 100)];
    const ranked = byStanding(peers, (peer) => peer.categories.correspondents ?? 0);
    expect(ranked.map((match) => match.peer.title)).toEqual(['Zed', 'Carl', 'Alice', 'Bob']);
    expect(ranked[0]!.peer).toBe(peers[2]);
    expect(ranked.every((match) => match.highlights.length === 0)).toBe(true);
  });
});
