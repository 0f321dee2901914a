/**
 * The chat pane's pure parts: messages → rows (dates, the unread line, runs of one sender), the
 * first unread message, the variable-height layout and what the header and bubbles say.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ChatMessage, type Settings } from '../../../electron/shared/ipc-contract.js';
import { settings } from '../../../renderer/src/lib/stores/settings.svelte.js';
import { estimateRowHeight, PLACEHOLDER_HEIGHT, photoBox, rowAt, RowHeights, rowOffsets, visibleRows } from '../../../renderer/src/components/chat/layout.js';
import { buildRows, dayOf, firstUnreadId, keepUnchanged, keepUnchangedMessages, messageKey } from '../../../renderer/src/components/chat/rows.js';
import { aboutLine, dayLabel, failureText, mediaLabel, WORDS } from '../../../renderer/src/components/chat/words.js';

const DAY = 86_400;
const base = Math.floor(new Date(2026, 4, 10, 12, 0, 0).getTime() / 1000);
const message = (id: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({ id, state: 'sent', date: base + id * 60, out: false, text: `m${id}`, entities: [], ...extra });

describe('buildRows', () => {
  it('lists oldest first, with a date line where the day changes', () => {
    const newestFirst = [message(3, { date: base + DAY }), message(2), message(1)];
    const rows = buildRows(newestFirst);
    expect(rows.map((row) => row.key)).toEqual([`d${dayOf(base)}`, 'm1', 'm2', `d${dayOf(base + DAY)}`, 'm3']);
  });

  it('puts the unread line above the first unread message, and starts a run where the sender changes', () => {
    const newestFirst = [message(5, { fromKey: 'user:2' }), message(4, { fromKey: 'user:2' }), message(3, { fromKey: 'user:1' }), message(2, { out: true }), message(1, { service: 'pinned a message' })];
    const rows = buildRows(newestFirst, 4);
    expect(rows.map((row) => row.key)).toEqual([`d${dayOf(base)}`, 'm1', 'm2', 'm3', 'unread', 'm4', 'm5']);
    const starts = Object.fromEntries(rows.flatMap((row) => (row.kind === 'message' ? [[row.key, row.startsRun]] : [])));
    expect(starts).toEqual({ m1: true, m2: true, m3: true, m4: true, m5: false });
  });

  it('keys an echo by its random_id until Telegram gives it an id', () => {
    expect(messageKey(message(0, { randomId: '-42', state: 'pending' }))).toBe('r-42');
    expect(messageKey(message(7))).toBe('m7');
  });
});

describe('keepUnchanged and keepUnchangedMessages', () => {
  const shown = [message(3, { date: base + DAY }), message(2), message(1)];
  const again = () => shown.map((each) => JSON.parse(JSON.stringify(each)) as ChatMessage);

  it('keeps the very rows on screen when a view says the same again', () => {
    const rows = buildRows(shown);
    const messages = keepUnchangedMessages(shown, again());
    expect(messages.every((each, index) => each === shown[index])).toBe(true);
    expect(keepUnchanged(rows, buildRows(messages))).toBe(rows);
  });

  it('gives a changed message a new row and keeps every other row', () => {
    const rows = buildRows(shown);
    const edited = again();
    edited[1] = { ...edited[1]!, text: 'edited', editDate: base + 90 };
    const next = keepUnchanged(rows, buildRows(keepUnchangedMessages(shown, edited)));
    expect(next).not.toBe(rows);
    expect(next.map((row) => row.key)).toEqual(rows.map((row) => row.key));
    expect(next.map((row, index) => row === rows[index])).toEqual([true, true, false, true, true]);
    expect(next[2]).toMatchObject({ kind: 'message', message: { text: 'edited' } });
  });

  it('makes new rows where the run or the unread line moved, and a new list when rows came or went', () => {
    const rows = buildRows(shown);
    const withUnread = keepUnchanged(rows, buildRows(shown, 2));
    expect(withUnread.map((row) => row.key)).toContain('unread');
    // The message under the line now starts a run: its row is new, the others are the same objects.
    expect(withUnread.filter((row) => rows.includes(row)).map((row) => row.key)).toEqual([`d${dayOf(base)}`, 'm1', `d${dayOf(base + DAY)}`, 'm3']);
    const newer = [message(4, { date: base + DAY, fromKey: 'user:9' }), ...shown];
    const grown = keepUnchanged(rows, buildRows(newer));
    expect(grown).toHaveLength(rows.length + 1);
    expect(grown.at(-1)).toMatchObject({ key: 'm4', startsRun: true });
  });
});

describe('firstUnreadId', () => {
  const newestFirst = [message(0, { out: true, randomId: '1', state: 'pending' }), message(6), message(5, { out: true }), message(4), message(3), message(2)];
  it('is the nth newest incoming message, echoes and own messages skipped', () => {
    expect(firstUnreadId(newestFirst, 0)).toBeUndefined();
    expect(firstUnreadId(newestFirst, 1)).toBe(6);
    expect(firstUnreadId(newestFirst, 3)).toBe(3);
  });
  it('is the oldest loaded one when more are unread than loaded', () => {
    expect(firstUnreadId(newestFirst, 40)).toBe(2);
  });
});

describe('layout', () => {
  const heights = [10, 20, 30, 40];
  const offsets = rowOffsets(heights.length, (index) => heights[index]!);
  it('sums heights into offsets', () => {
    expect([...offsets]).toEqual([0, 10, 30, 60, 100]);
  });
  it('finds the row under a point, clamped at both ends', () => {
    expect([rowAt(offsets, -5), rowAt(offsets, 0), rowAt(offsets, 29.9), rowAt(offsets, 30), rowAt(offsets, 500)]).toEqual([0, 0, 1, 2, 3]);
  });
  it('renders the rows a viewport touches, plus the overscan', () => {
    expect(visibleRows(offsets, 15, 20, 0)).toEqual({ start: 1, end: 3 });
    expect(visibleRows(offsets, 15, 20, 12)).toEqual({ start: 0, end: 3 });
    expect(visibleRows(offsets, 15, 20, 30)).toEqual({ start: 0, end: 4 });
    expect(visibleRows(rowOffsets(0, () => 1), 0, 100, 0)).toEqual({ start: 0, end: 0 });
  });
  it('estimates a photo by its box scaled to fit 320×320, and a placeholder as one short line', () => {
    expect(photoBox(1280, 960)).toEqual({ w: 320, h: 240 });
    expect(photoBox(600, 1200)).toEqual({ w: 160, h: 320 });
    expect(photoBox(100, 50)).toEqual({ w: 100, h: 50 });
    expect(photoBox(0, 0)).toEqual({ w: 320, h: 240 });
    const row = (extra: Partial<ChatMessage>) => ({ kind: 'message' as const, key: 'm1', message: message(1, { text: '', ...extra }), startsRun: false });
    const plain = estimateRowHeight(row({}), false);
    expect(estimateRowHeight(row({ media: { kind: 'photo', photoId: '1', w: 600, h: 1200 } }), false) - plain).toBe(324);
    expect(estimateRowHeight(row({ media: { kind: 'video', duration: 5, size: 10 } }), false) - plain).toBe(PLACEHOLDER_HEIGHT + 4);
  });
  it('patches offsets in place as rows are measured, the same as summing afresh', () => {
    const estimates = Array.from({ length: 50 }, (_, index) => 30 + (index % 5));
    const heights = new RowHeights(estimates.length, (index) => estimates[index]!);
    expect([...heights.offsets()]).toEqual([...rowOffsets(estimates.length, (index) => estimates[index]!)]);
    const measured = [...estimates];
    for (const [index, height] of [[40, 61], [3, 18.25], [49, 90], [0, 12]] as const) {
      expect(heights.set(index, height)).toBe(true);
      measured[index] = height;
      expect([...heights.offsets()]).toEqual([...rowOffsets(measured.length, (row) => measured[row]!)]);
    }
    expect(heights.offsets()).toBe(heights.offsets());
  });
  it('ignores a measurement within half a pixel of the known height, and rows outside the list', () => {
    const heights = new RowHeights(3, () => 20);
    expect(heights.set(1, 20.4)).toBe(false);
    expect(heights.set(3, 50)).toBe(false);
    expect(heights.set(-1, 50)).toBe(false);
    expect([...heights.offsets()]).toEqual([0, 20, 40, 60]);
    expect(heights.set(1, 20.6)).toBe(true);
    expect(heights.offsets()[3]).toBeCloseTo(60.6);
  });
  it('counts a text\'s line breaks in its estimate', () => {
    const row = (text: string) => ({ kind: 'message' as const, key: 'm1', message: message(1, { text }), startsRun: false });
    expect(estimateRowHeight(row('a\nb\nc'), false) - estimateRowHeight(row('abc'), false)).toBe(40);
  });
  it('stays a binary search on 10,000 rows', () => {
    const many = rowOffsets(10_000, (index) => 20 + (index % 7));
    const { start, end } = visibleRows(many, 100_000, 600, 0);
    expect(many[start]!).toBeLessThanOrEqual(100_000);
    expect(many[end]!).toBeGreaterThanOrEqual(100_600);
    expect(end - start).toBeLessThan(40);
  });
});

/** The pane speaks the Settings language: pinned here, whatever the machine's own is. */
const speak = (language: Settings['language']) => (settings.value = { ...DEFAULT_SETTINGS, language });

describe('words', () => {
  const now = (base + 3600) * 1000;
  beforeAll(() => speak('en'));
  afterAll(() => (settings.value = null));
  it('says presence, or the size of a group or channel', () => {
    expect(aboutLine({ online: true }, now)).toBe('online');
    expect(aboutLine({ online: false, lastSeenAt: base + 3600 - 300 }, now)).toBe('last seen 5 min ago');
    expect(aboutLine({ online: false, seen: 'recently' }, now)).toBe('last seen recently');
    expect(aboutLine({ members: 1287 }, now)).toBe('1,287 members');
    expect(aboutLine({ members: 1, broadcast: true }, now)).toBe('1 subscriber');
    expect(aboutLine(undefined, now)).toBe('');
  });
  it('labels media with size and duration', () => {
    expect(mediaLabel({ kind: 'video', duration: 75, size: 2_500_000 })).toBe('Video, 1:15, 2.4 MB');
    expect(mediaLabel({ kind: 'file', name: 'a.pdf', size: 20_480 })).toBe('File: a.pdf, 20 KB');
  });
  it('says how long a refused send must wait', () => {
    expect(failureText({ code: 'RATE_LIMITED', message: 'x', retryAt: now + 65_000 }, now)).toBe('Not sent. Telegram asks to wait: try again in 1:05.');
    expect(failureText({ code: 'RATE_LIMITED', message: 'Slow mode: wait', retryAt: now + 5_000 }, now)).toBe('Not sent. Slow mode: try again in 0:05.');
    expect(failureText({ code: 'NETWORK', message: 'No connection.' }, now)).toBe('Not sent: No connection.');
  });
  it('speak Russian, with its three plural forms, once the setting says so', () => {
    speak('ru');
    try {
      expect([1, 3, 5, 21].map((members) => aboutLine({ members }, now))).toEqual(['1 участник', '3 участника', '5 участников', '21 участник']);
      expect(aboutLine({ online: false, lastSeenAt: base + 3600 - 300 }, now)).toBe('был(а) 5 минут назад');
      expect(aboutLine({ members: 1287, broadcast: true }, now)).toBe(`${new Intl.NumberFormat('ru').format(1287)} подписчиков`);
      expect(mediaLabel({ kind: 'file', name: 'a.pdf', size: 20_480 })).toBe('Файл: a.pdf, 20 КБ');
      expect(failureText({ code: 'NETWORK', message: 'Нет связи.' }, now)).toBe('Не отправлено: Нет связи.');
      expect(WORDS.newMessages(2)).toBe('К последним сообщениям, 2 непрочитанных');
      expect(dayLabel(new Date(2026, 2, 8).getTime(), now)).toBe('8 марта');
    } finally {
      speak('en');
    }
  });
  it('word days and counts in English when pinned to it', () => {
    expect(dayLabel(new Date(2026, 2, 8).getTime(), now)).toBe('March 8');
    expect(dayLabel(new Date(2025, 2, 8).getTime(), now)).toBe('March 8, 2025');
    expect(WORDS.newMessages(0)).toBe('Scroll to the newest messages');
    expect(WORDS.newMessages(1)).toBe('Scroll to the newest messages, 1 unread');
  });
});
