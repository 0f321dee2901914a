/**
 * The switcher's one list, as sections: "Top" (the top peers), "Chats" (the rest of the chat
 * list) and "Global" (contacts.search results not already listed), in that order. Within a
 * section, the search module's matcher and order decide; the CLI's `search` uses this very
 * module, so a terminal and the switcher agree.
 *
 * Pure: no DOM, Svelte or Node APIs.
 */
import type { Chat, ChatSearchResult, Peer } from '../../../electron/shared/ipc-contract';
import { buildIndex, search, type SearchCandidate, type SearchIndex } from './search/index';

export type SectionId = 'top' | 'chats' | 'global';
export const SECTION_LABELS: Record<SectionId, string> = { top: 'Top', chats: 'Chats', global: 'Global' };

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
}

const NO_HIGHLIGHTS: SectionItem['highlights'] = [];

function candidateOf(source: Peer | Chat, rating: number, lastUsedAt: number | undefined): SearchCandidate {
  return {
    key: source.key,
    title: source.title,
    ...(source.firstName !== undefined ? { firstName: source.firstName } : {}),
    ...(source.lastName !== undefined ? { lastName: source.lastName } : {}),
    ...(source.username !== undefined ? { username: source.username } : {}),
    rating,
    ...(lastUsedAt !== undefined ? { lastUsedAt } : {}),
  };
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
  /** Keys already listed (Top or Chats): a global result with one of these is not shown again. */
  has(key: string): boolean;
}

export function createSectionedSearch(sources: SectionSources): SectionedSearch {
  const topKeys = new Set(sources.topPeers.map((peer) => peer.key));
  const rest = sources.chats.filter((chat) => !topKeys.has(chat.key));
  const sections: { id: SectionId; byKey: Map<string, Peer | Chat>; candidates: SearchCandidate[]; index?: SearchIndex }[] = [
    {
      id: 'top',
      byKey: new Map(sources.topPeers.map((peer) => [peer.key, peer])),
      candidates: sources.topPeers.map((peer) => candidateOf(peer, sources.topRating(peer), peer.lastOpenedAt ?? sources.lastOpenedAt?.(peer.key))),
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
  return {
    has: (key) => sections.some((section) => section.byKey.has(key)),
    search(query, limit) {
      const items: SectionItem[] = [];
      for (const section of sections) {
        // Built on first use: an empty query needs no index.
        section.index ??= buildIndex(section.candidates);
        const results = query.trim() === '' ? byStanding(section.candidates).slice(0, limit) : search(section.index, query, { limit });
        for (const result of results) {
          const source = section.byKey.get(result.key);
          if (!source) continue;
          const highlights = 'highlights' in result && result.highlights.length > 0 ? result.highlights : NO_HIGHLIGHTS;
          items.push({ key: result.key, title: source.title, section: section.id, highlights, source });
        }
      }
      return items;
    },
  };
}

/** Rating, then recency, then title: the search module's standing order, for an empty query. */
function byStanding(candidates: readonly SearchCandidate[]): { key: string }[] {
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
