/**
 * The switcher's one list, as sections: "Top" (the top peers), "Chats" (the rest of the chat
 * list) and "Global" (contacts.search results not already listed), in that order; and above them
 * what is the user's own: chats whose alias matches the query, then pinned chats. Within a
 * section, the search module's matcher and order decide; a chat is listed once, in the first
 * section that has it; hidden chats are in none. The CLI's `search` uses this very module, so a
 * terminal and the switcher agree.
 *
 * Pure: no DOM, Svelte or Node APIs.
 */
import type { Chat, ChatSearchResult, Peer } from '../../../electron/shared/ipc-contract';
import { buildIndex, prepareIndex, search, type KeyboardLayout, type SearchCandidate, type SearchIndex } from './search/index';

export type SectionId = 'alias' | 'pinned' | 'top' | 'chats' | 'global';
export const SECTION_LABELS: Record<SectionId, string> = { alias: 'Alias', pinned: 'Pinned', top: 'Top', chats: 'Chats', global: 'Global' };

/** The user's own touches, kept on this device (stores/yours.svelte.ts). */
export interface Yours {
  /** Pinned keys, first pin first. */
  readonly pins: readonly string[];
  readonly aliases: ReadonlyMap<string, string>;
  readonly hidden: ReadonlySet<string>;
}

const NONE_YOURS: Yours = { pins: [], aliases: new Map(), hidden: new Set() };

export interface SectionItem {
  readonly key: string;
  readonly title: string;
  readonly section: SectionId;
  /** [start, end) ranges of the title to highlight. */
  readonly highlights: ReadonlyArray<readonly [number, number]>;
  /** The top peer or the chat behind the row. */
  readonly source: Peer | Chat;
}

export interface SectionSources {
  readonly topPeers: readonly Peer[];
  readonly chats: readonly Chat[];
  /** A top peer's standing (the blended rating the switcher ranks by). */
  readonly topRating: (peer: Peer) => number;
  /** When the user last opened this chat from TopSwitch (ms), if ever. */
  readonly lastOpenedAt?: (key: string) => number | undefined;
  readonly yours?: Yours;
  /**
   * The Cyrillic layouts whose wrong-layout typing to undo, read at each search (the OS may
   * reveal more while the list stands); null or absent: Russian and Ukrainian both.
   */
  readonly layouts?: () => readonly KeyboardLayout[] | null;
}

const NO_HIGHLIGHTS: SectionItem['highlights'] = [];

function candidateOf(source: Peer | Chat, rating: number, lastUsedAt: number | undefined): SearchCandidate {
  // Assigned one by one rather than spread: this runs for every peer each time the list changes.
  const candidate: { -readonly [K in keyof SearchCandidate]: SearchCandidate[K] } = { key: source.key, title: source.title, rating };
  if (source.firstName !== undefined) candidate.firstName = source.firstName;
  if (source.lastName !== undefined) candidate.lastName = source.lastName;
  if (source.username !== undefined) candidate.username = source.username;
  if (lastUsedAt !== undefined) candidate.lastUsedAt = lastUsedAt;
  return candidate;
}

/**
 * A chat outside the top peers stands by Telegram's own order: its pins first, then the newest
 * message (a chat opened from TopSwitch more recently than that counts from the opening).
 */
function chatStanding(chat: Chat, lastOpenedAt: number | undefined): { rating: number; lastUsedAt: number | undefined } {
  const lastUsedAt = Math.max(chat.lastMessageAt ?? 0, lastOpenedAt ?? 0) || undefined;
  return { rating: chat.pinned && !chat.archived ? 1 : 0, lastUsedAt };
}

export interface SectionedSearch {
  /** Every row in section order for `query` ('' = everything in standing order), at most `limit` per section. */
  search(query: string, limit: number): SectionItem[];
  /** Keys already listed (or hidden): a global result with one of these is not shown. */
  has(key: string): boolean;
  /**
   * Builds every section's index, and what the first searches would otherwise build, now: for
   * idle time after the list has painted, so that no keystroke pays for it.
   */
  warm(): void;
}

interface Section {
  readonly id: SectionId;
  readonly byKey: Map<string, Peer | Chat>;
  readonly candidates: SearchCandidate[];
  readonly onlyWhenTyping?: boolean;
  /** Built on the first search that types something: an empty query needs no index. */
  index?: SearchIndex;
  /** The candidates in standing order, sorted on the first empty query and kept. */
  standing?: readonly SearchCandidate[];
}

export function createSectionedSearch(sources: SectionSources): SectionedSearch {
  const yours = sources.yours ?? NONE_YOURS;
  const visible = <T extends Peer | Chat>(items: readonly T[]) => (yours.hidden.size === 0 ? items : items.filter((item) => !yours.hidden.has(item.key)));
  const topPeers = visible(sources.topPeers);
  const chatList = visible(sources.chats);
  // Before the chat list has arrived there is nothing to tell apart from the top peers.
  const topKeys = chatList.length === 0 ? null : new Set(topPeers.map((peer) => peer.key));
  const rest = topKeys === null ? [] : chatList.filter((chat) => !topKeys.has(chat.key));
  // Every listed chat by key: for pins, aliases and has(), so made only when one of them asks.
  let everything: Map<string, Peer | Chat> | undefined;
  const listed = () => (everything ??= new Map<string, Peer | Chat>([...rest.map((chat) => [chat.key, chat] as const), ...topPeers.map((peer) => [peer.key, peer] as const)]));
  const pinned = yours.pins.length === 0 ? [] : yours.pins.flatMap((key) => listed().get(key) ?? []);
  const aliased =
    yours.aliases.size === 0
      ? []
      : [...yours.aliases].flatMap(([key, alias]) => {
          const source = listed().get(key);
          return source && alias.trim() ? [{ source, alias }] : [];
        });
  const all: Section[] = [
    {
      // The alias is matched as if it were the title; it lists nothing when nothing is typed.
      id: 'alias',
      onlyWhenTyping: true,
      byKey: new Map(aliased.map(({ source }) => [source.key, source])),
      candidates: aliased.map(({ source, alias }) => ({ key: source.key, title: alias, rating: 0 })),
    },
    {
      // Pins keep their order: the first pin stands highest.
      id: 'pinned',
      byKey: new Map(pinned.map((source) => [source.key, source])),
      candidates: pinned.map((source, index) => candidateOf(source, pinned.length - index, undefined)),
    },
    {
      id: 'top',
      byKey: new Map(sources.topPeers.map((peer) => [peer.key, peer])),
      candidates: topPeers.map((peer) => candidateOf(peer, sources.topRating(peer), peer.lastOpenedAt ?? sources.lastOpenedAt?.(peer.key))),
    },
    {
      id: 'chats',
      byKey: new Map(rest.map((chat) => [chat.key, chat])),
      candidates: rest.map((chat) => {
        const { rating, lastUsedAt } = chatStanding(chat, sources.lastOpenedAt?.(chat.key));
        return candidateOf(chat, rating, lastUsedAt);
      }),
    },
  ];
  // A section with nothing in it lists nothing: skipping it spares a keystroke its query work.
  const sections = all.filter((section) => section.candidates.length > 0);
  return {
    has: (key) => listed().has(key) || yours.hidden.has(key),
    warm() {
      for (const section of sections) prepareIndex((section.index ??= buildIndex(section.candidates)));
    },
    search(query, limit) {
      const items: SectionItem[] = [];
      // A section lists a key once; only across sections can one come twice.
      const seen = sections.length > 1 ? new Set<string>() : null;
      const typing = query.trim() !== '';
      const layouts = typing ? sources.layouts?.() : null;
      for (const section of sections) {
        if (section.onlyWhenTyping && !typing) continue;
        const results = typing
          ? search((section.index ??= buildIndex(section.candidates)), query, { limit, ...(layouts ? { layouts } : {}) })
          : (section.standing ??= byStanding(section.candidates)).slice(0, limit);
        for (const result of results) {
          const source = section.byKey.get(result.key);
          if (!source || seen?.has(result.key)) continue;
          seen?.add(result.key);
          // An alias's highlights are in the alias, not the title.
          const highlights = section.id !== 'alias' && 'highlights' in result && result.highlights.length > 0 ? result.highlights : NO_HIGHLIGHTS;
          items.push({ key: result.key, title: source.title, section: section.id, highlights, source });
        }
      }
      return items;
    },
  };
}

/** Rating, then recency, then title: the search module's standing order, for an empty query. */
function byStanding(candidates: readonly SearchCandidate[]): SearchCandidate[] {
  return [...candidates].sort(
    (a, b) => b.rating - a.rating || (b.lastUsedAt ?? -Infinity) - (a.lastUsedAt ?? -Infinity) || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0),
  );
}

/** contacts.search's answer as "Global" rows: yours first, then public ones, none already listed. */
export function globalItems(found: Pick<ChatSearchResult, 'mine' | 'global'>, listed: Pick<SectionedSearch, 'has'>): SectionItem[] {
  const seen = new Set<string>();
  const items: SectionItem[] = [];
  for (const chat of [...found.mine, ...found.global]) {
    if (listed.has(chat.key) || seen.has(chat.key)) continue;
    seen.add(chat.key);
    items.push({ key: chat.key, title: chat.title, section: 'global', highlights: NO_HIGHLIGHTS, source: chat });
  }
  return items;
}
