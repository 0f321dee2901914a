/**
 * Several accounts, one switcher: each account's top peers and chat list joined into one, every
 * key qualified by its account (shared/peer-key.ts) so the same chat reached from two accounts is
 * two rows, and each row marked with its account while more than one is signed in. With one
 * account the lists pass through as they are.
 */
import type { Chat, ChatList, Peer, TopPeersSnapshot } from '../shared/ipc-contract.js';
import { FIRST_ACCOUNT, qualifyPeerKey } from '../shared/peer-key.js';
import { CATEGORIES } from '../shared/categories.js';

export interface AccountPart<T> {
  account: number;
  value: T;
}

const BARE_KEY = /^(user|chat|channel):\d+$/;
const KEY_FIELDS = new Set(['key', 'fromKey']);

/** Every bare `key`/`fromKey` inside `value` (a chat view, a message, badges) qualified by `account`. */
export function qualifyKeys<T>(value: T, account: number): T {
  if (account === FIRST_ACCOUNT) return value;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(node)) {
      out[name] = KEY_FIELDS.has(name) && typeof field === 'string' && BARE_KEY.test(field) ? qualifyPeerKey(field, account) : walk(field);
    }
    return out;
  };
  return walk(value) as T;
}

const bestRating = (peer: Peer): number => Math.max(0, ...CATEGORIES.map((category) => peer.categories[category] ?? 0));

function median(values: number[]): number {
  const sorted = values.filter((value) => value > 0).sort((a, b) => a - b);
  return sorted.length === 0 ? 1 : (sorted[Math.floor((sorted.length - 1) / 2)] ?? 1);
}

/**
 * One ranked list. Telegram's ratings are on each account's own scale, so with several accounts
 * every account's ratings are divided by its median best rating before the lists are interleaved
 * by rating: a heavy user's account does not crowd a quieter one out of the top rows.
 */
export function mergeTopPeers(parts: AccountPart<TopPeersSnapshot>[], fallback: TopPeersSnapshot): TopPeersSnapshot {
  const [only] = parts;
  if (!only) return fallback;
  const multi = parts.length > 1;
  const peers = parts.flatMap(({ account, value }) => {
    const scale = multi ? 1 / median(value.peers.map(bestRating)) : 1;
    return value.peers.map((peer): Peer => {
      const key = qualifyPeerKey(peer.key, account);
      if (!multi) return key === peer.key ? peer : { ...peer, key };
      const categories = Object.fromEntries(Object.entries(peer.categories).map(([category, rating]) => [category, rating * scale]));
      return { ...peer, key, categories, account };
    });
  });
  if (multi) peers.sort((a, b) => bestRating(b) - bestRating(a));
  const statuses = parts.map(({ value }) => value.status);
  return {
    status: statuses.includes('ok') ? 'ok' : statuses.every((status) => status === 'disabled') ? 'disabled' : 'empty',
    peers,
    categories: only.value.categories,
    fetchedAt: latest(parts.map(({ value }) => value.fetchedAt)),
    checkedAt: latest(parts.map(({ value }) => value.checkedAt)),
  };
}

/** Every account's chats; with several, pins first, then the most recent message, the archive last. */
export function mergeChatLists(parts: AccountPart<ChatList>[], fallback: ChatList): ChatList {
  const [only] = parts;
  if (!only) return fallback;
  const multi = parts.length > 1;
  const chats = parts.flatMap(({ account, value }) => markChats(value.chats, account, multi));
  if (multi) chats.sort((a, b) => Number(a.archived) - Number(b.archived) || Number(b.pinned) - Number(a.pinned) || (b.lastMessageAt ?? 0) - (a.lastMessageAt ?? 0));
  return {
    status: parts.some(({ value }) => value.status === 'ok') ? 'ok' : 'empty',
    chats,
    fetchedAt: latest(parts.map(({ value }) => value.fetchedAt)),
    checkedAt: latest(parts.map(({ value }) => value.checkedAt)),
  };
}

/** A chat of `account`, keyed for the IPC boundary; marked with the account when several are shown. */
export function markChats(chats: Chat[], account: number, multi: boolean): Chat[] {
  if (account === FIRST_ACCOUNT && !multi) return chats;
  return chats.map((chat) => ({ ...chat, key: qualifyPeerKey(chat.key, account), ...(multi ? { account } : {}) }));
}

function latest(times: (number | null)[]): number | null {
  const known = times.filter((time): time is number => time !== null);
  return known.length === 0 ? null : Math.max(...known);
}
