/**
 * The message list as rows, oldest first: a date line where the day changes, the "unread" line
 * above the first unread message, and each message with whether it starts a run from one sender
 * (a group shows the name once per run). Pure: the list and the bench build rows the same way.
 */
import type { ChatMessage } from '../../../../electron/shared/ipc-contract';

export type Row =
  | { kind: 'date'; key: string; day: number }
  | { kind: 'unread'; key: 'unread' }
  | { kind: 'message'; key: string; message: ChatMessage; startsRun: boolean };

/** A message's row key: Telegram's id once it has one, the random_id of an echo before. */
export const messageKey = (message: ChatMessage): string => (message.id > 0 ? `m${message.id}` : `r${message.randomId ?? ''}`);

/** Local midnight of a unix-seconds date, as ms: the day a message belongs to. */
export function dayOf(date: number): number {
  const day = new Date(date * 1000);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/**
 * The first unread incoming message: the `unreadCount`-th newest incoming one (the oldest loaded
 * when more are unread than loaded), or undefined when nothing is unread.
 */
export function firstUnreadId(newestFirst: readonly ChatMessage[], unreadCount: number): number | undefined {
  if (unreadCount <= 0) return undefined;
  let seen = 0;
  let last: number | undefined;
  for (const message of newestFirst) {
    if (message.out || message.id <= 0) continue;
    last = message.id;
    if (++seen === unreadCount) break;
  }
  return last;
}

/** `newestFirst` as the core sends it (echoes first) → rows, oldest first. */
export function buildRows(newestFirst: readonly ChatMessage[], unreadFrom?: number): Row[] {
  const rows: Row[] = [];
  let lastDay = Number.NaN;
  let lastSender: string | undefined;
  for (let index = newestFirst.length - 1; index >= 0; index--) {
    const message = newestFirst[index]!;
    const day = dayOf(message.date);
    let broken = false;
    if (day !== lastDay) {
      rows.push({ kind: 'date', key: `d${day}`, day });
      lastDay = day;
      broken = true;
    }
    if (message.id === unreadFrom) {
      rows.push({ kind: 'unread', key: 'unread' });
      broken = true;
    }
    const sender = message.service ? undefined : message.out ? 'self' : (message.fromKey ?? 'peer');
    rows.push({ kind: 'message', key: messageKey(message), message, startsRun: broken || sender !== lastSender });
    lastSender = sender;
  }
  return rows;
}
