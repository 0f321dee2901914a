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

/**
 * `next` with every row that has not changed since `previous` replaced by its old object, and
 * `previous` itself when nothing changed: a view that says again what is on screen (the core's
 * answer to a chat shown from the renderer's kept view, a push that moved only a read mark)
 * then costs the list no work, since Svelte passes on what is identical.
 */
export function keepUnchanged(previous: readonly Row[], next: Row[]): readonly Row[] {
  if (previous.length === 0) return next;
  const before = new Map(previous.map((row) => [row.key, row]));
  let same = previous.length === next.length;
  const kept = next.map((row, index) => {
    const old = before.get(row.key);
    const reuse = old !== undefined && sameRow(old, row);
    if (!reuse || previous[index] !== old) same = false;
    return reuse ? old : row;
  });
  return same ? previous : kept;
}

function sameRow(a: Row, b: Row): boolean {
  if (a.kind === 'message' && b.kind === 'message') return a.message === b.message && a.startsRun === b.startsRun;
  return a.kind === b.kind && (a.kind !== 'date' || b.kind !== 'date' || a.day === b.day);
}

/**
 * `next`'s messages, each replaced by the `previous` one of the same key when it is the same in
 * every field: the wire sends fresh objects for unchanged messages, and an identical object is
 * what lets `keepUnchanged` keep its row.
 */
export function keepUnchangedMessages(previous: readonly ChatMessage[], next: ChatMessage[]): ChatMessage[] {
  if (previous.length === 0) return next;
  const before = new Map(previous.map((message) => [messageKey(message), message]));
  return next.map((message) => {
    const old = before.get(messageKey(message));
    const json = JSON.stringify(message);
    if (old !== undefined && jsonOf(old) === json) return old;
    written.set(message, json);
    return message;
  });
}

/** A kept message's JSON, written once: it is compared again at every view while it is shown. */
const written = new WeakMap<ChatMessage, string>();
function jsonOf(message: ChatMessage): string {
  let json = written.get(message);
  if (json === undefined) written.set(message, (json = JSON.stringify(message)));
  return json;
}
