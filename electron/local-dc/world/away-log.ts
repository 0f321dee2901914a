/**
 * Renames and new photos missed while away. They are not in the pts log (Telegram does not give
 * them a pts either), so the `updates` bundles `World.announce` pushes live are also kept per
 * account by date, and handed back in updates.getDifference's `other_updates` with their users and
 * chats to a client that asks from an older state.
 *
 * Simplification (a test DC): entries are selected by date, inclusively (`date >= state.date`),
 * so a change made in the same second as the client's last state is never lost; a client may see
 * one twice, which applying a rename or a photo tolerates. Only the newest KEEP entries per
 * account are kept; a client older than those gets `updates.differenceTooLong`.
 */
import type { Api } from 'telegram';
import type { WorldState } from './state';

const KEEP = 500;

interface Missed {
  readonly date: number;
  readonly updates: readonly Api.TypeUpdate[];
  readonly users: readonly Api.TypeUser[];
  readonly chats: readonly Api.TypeChat[];
}

interface AccountLog {
  entries: Missed[];
  /** Entries older than this date were dropped: a client from before it cannot be caught up. */
  droppedBefore: number;
}

const logs = new WeakMap<WorldState, Map<bigint, AccountLog>>();

function logOf(state: WorldState, userId: bigint): AccountLog {
  let byAccount = logs.get(state);
  if (!byAccount) logs.set(state, (byAccount = new Map()));
  let log = byAccount.get(userId);
  if (!log) byAccount.set(userId, (log = { entries: [], droppedBefore: 0 }));
  return log;
}

/** Keep a pushed `updates` bundle for the account's clients that are not connected now. */
export function recordForDifference(state: WorldState, userId: bigint, bundle: Api.Updates): void {
  const log = logOf(state, userId);
  log.entries.push({ date: bundle.date, updates: bundle.updates, users: bundle.users, chats: bundle.chats });
  if (log.entries.length > KEEP) log.droppedBefore = log.entries.splice(0, log.entries.length - KEEP).at(-1)!.date + 1;
}

/** What the account missed since `date`, later entries winning; 'tooLong' when the log no longer reaches back. */
export function missedSince(
  state: WorldState,
  userId: bigint,
  date: number,
): 'tooLong' | { updates: Api.TypeUpdate[]; users: Api.TypeUser[]; chats: Api.TypeChat[] } {
  const log = logOf(state, userId);
  if (log.droppedBefore > 0 && date < log.droppedBefore) return 'tooLong';
  const missed = log.entries.filter((entry) => entry.date >= date);
  const users = new Map<string, Api.TypeUser>();
  const chats = new Map<string, Api.TypeChat>();
  for (const entry of missed) {
    for (const user of entry.users) users.set(user.id.toString(), user);
    for (const chat of entry.chats) chats.set(chat.id.toString(), chat);
  }
  return { updates: missed.flatMap((entry) => entry.updates), users: [...users.values()], chats: [...chats.values()] };
}
