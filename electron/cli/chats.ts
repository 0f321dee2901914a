/**
 * `topswitch chats [--json]` (the whole chat list) and `topswitch search QUERY [--global] [--json]`
 * (the switcher's search: the same sections — Top, Chats, then Global — the same matcher and the
 * same order, from the renderer's own modules).
 *
 * Both fetch first (cheap: the lists are refreshed with their hashes); offline they fall back to
 * the cached lists and say so on stderr. A global search cannot be answered offline: exit 5.
 */
import type { Chat, Peer, TopPeersSnapshot } from '../shared/ipc-contract.js';
import { AppError } from '../core/errors.js';
import type { Invoke } from '../core/invoke.js';
import { toAppError } from '../core/telegram/rpc-errors.js';
import { createSectionedSearch, globalItems, SECTION_LABELS, type SectionItem } from '../../renderer/src/lib/sections';
import { createStanding } from '../../renderer/src/lib/standing';

export interface CliContext {
  /** A core channel, through the router's validation, as the switcher calls it. */
  call: Invoke;
  /** core.fetchTopPeers: the top peers with the categories the CLI always asks for. */
  fetchTopPeers(): Promise<TopPeersSnapshot>;
  out(text: string): void;
  err(text: string): void;
}

/** Results per section, as many as the switcher lists. */
export const SEARCH_LIMIT = 50;

const isOffline = (error: unknown) => {
  const code = toAppError(error, Date.now()).code;
  return code === 'NETWORK' || code === 'TIMEOUT';
};

/** Fresh when Telegram answers; the cached value (said on stderr) when it cannot be reached. */
async function freshOrCached<T>(context: CliContext, what: string, fetch: () => Promise<T>, cached: () => Promise<T>): Promise<{ value: T; offline: boolean }> {
  try {
    return { value: await fetch(), offline: false };
  } catch (error) {
    if (!isOffline(error)) throw error;
    context.err(`Offline: showing the cached ${what}.`);
    return { value: await cached(), offline: true };
  }
}

function chatJson(chat: Chat) {
  return {
    key: chat.key,
    title: chat.title,
    kind: chat.kind,
    ...(chat.username ? { username: chat.username } : {}),
    unreadCount: chat.unreadCount,
    archived: chat.archived,
    pinned: chat.pinned,
    muted: chat.muted,
  };
}

export async function chatsCommand(context: CliContext, options: { json: boolean }): Promise<number> {
  const { value: list, offline } = await freshOrCached(
    context,
    'chat list',
    () => context.call('chats:refresh', {}),
    () => context.call('chats:get', {}),
  );
  if (options.json) {
    context.out(JSON.stringify({ offline, fetchedAt: list.fetchedAt, chats: list.chats.map(chatJson) }, null, 2));
    return 0;
  }
  for (const chat of list.chats) {
    const flags = [chat.archived ? 'archived' : '', chat.pinned ? 'pinned' : '', chat.muted ? 'muted' : ''].filter(Boolean).join(',');
    context.out([chat.key, chat.title, String(chat.unreadCount), flags].join('\t'));
  }
  const archived = list.chats.filter((chat) => chat.archived).length;
  context.err(`${list.chats.length} chats (${archived} archived)${offline ? ', cached' : ''}`);
  return 0;
}

function itemJson(item: SectionItem) {
  const source = item.source as Peer | Chat;
  return {
    key: item.key,
    title: item.title,
    section: SECTION_LABELS[item.section],
    kind: source.kind,
    ...(source.username ? { username: source.username } : {}),
  };
}

export async function searchCommand(context: CliContext, query: string, options: { global: boolean; json: boolean }): Promise<number> {
  const top = await freshOrCached(context, 'top peers', () => context.fetchTopPeers(), () => context.call('topPeers:get', {}));
  const chats = await freshOrCached(context, 'chat list', () => context.call('chats:refresh', {}), () => context.call('chats:get', {}));
  const peers = top.value.status === 'ok' ? top.value.peers : [];
  // The switcher's local use (pins, frecency) lives with the app's window; the CLI ranks by Telegram's rating.
  const standing = createStanding(peers, () => undefined, Date.now());
  const sectioned = createSectionedSearch({ topPeers: peers, chats: chats.value.chats, topRating: standing });
  const items = sectioned.search(query, SEARCH_LIMIT);
  if (options.global) {
    if (query.trim().length === 0) throw new AppError('INVALID_ARGUMENT', 'A global search needs a query.');
    const found = await context.call('chats:search', { query: query.trim(), limit: SEARCH_LIMIT });
    items.push(...globalItems(found, sectioned));
  }
  if (options.json) {
    context.out(JSON.stringify(items.map(itemJson), null, 2));
    return 0;
  }
  for (const item of items) {
    const username = (item.source as Peer | Chat).username;
    context.out([SECTION_LABELS[item.section], item.key, item.title, username ? `@${username}` : ''].join('\t'));
  }
  context.err(`${items.length} result${items.length === 1 ? '' : 's'}`);
  return 0;
}
