/**
 * The switcher's tabs and badges over Telegram's nine top-peer categories. The category list is
 * the contract's zod-free one (electron/shared/categories.ts), so the schemas stay out of the bundle.
 */
import { CATEGORIES } from '../../../electron/shared/categories';
import type { Category, Peer, PeerKind } from '../../../electron/shared/ipc-contract';

export type TabId = 'all' | 'people' | 'bots' | 'apps' | 'inline' | 'groups' | 'channels' | 'calls' | 'forwarded';

export interface Tab {
  id: TabId;
  label: string;
  /** null: every category. */
  categories: readonly Category[] | null;
}

export const TABS: readonly Tab[] = [
  { id: 'all', label: 'All', categories: null },
  { id: 'people', label: 'People', categories: ['correspondents'] },
  { id: 'bots', label: 'Bots', categories: ['bots_pm'] },
  { id: 'apps', label: 'Apps', categories: ['bots_app'] },
  { id: 'inline', label: 'Inline', categories: ['bots_inline'] },
  { id: 'groups', label: 'Groups', categories: ['groups'] },
  { id: 'channels', label: 'Channels', categories: ['channels'] },
  { id: 'calls', label: 'Calls', categories: ['phone_calls'] },
  { id: 'forwarded', label: 'Forwarded', categories: ['forward_users', 'forward_chats'] },
];

/** Words for Settings' category checkboxes. */
export const CATEGORY_LABELS: Record<Category, string> = {
  correspondents: 'People you message',
  bots_pm: 'Bots you chat with',
  bots_inline: 'Inline bots',
  bots_app: 'Mini apps',
  groups: 'Groups',
  channels: 'Channels',
  phone_calls: 'Calls',
  forward_users: 'People you forward to',
  forward_chats: 'Chats you forward to',
};

/**
 * Badges worth showing on a row: the categories that say something the title and the subtitle do
 * not already say (a group in "groups" needs no badge; a person you call often does).
 */
const BADGES: Partial<Record<Category, string>> = {
  bots_inline: 'Inline',
  bots_app: 'App',
  phone_calls: 'Calls',
  forward_users: 'Forwarded',
  forward_chats: 'Forwarded',
};

export function badgesFor(categories: Peer['categories']): string[] {
  const seen = new Set<string>();
  for (const category of CATEGORIES) {
    const badge = categories[category] !== undefined ? BADGES[category] : undefined;
    if (badge) seen.add(badge);
  }
  return [...seen];
}

const KIND_LABELS: Record<PeerKind, string> = {
  user: 'Person',
  bot: 'Bot',
  group: 'Group',
  supergroup: 'Group',
  channel: 'Channel',
};

/** The grey line under a title: the username when there is one, else what kind of chat it is. */
export function subtitleFor(peer: Pick<Peer, 'username' | 'kind' | 'deleted' | 'isSelf'>): string {
  if (peer.isSelf) return 'Saved Messages';
  if (peer.deleted) return 'Deleted account';
  if (peer.username) return `@${peer.username}`;
  return KIND_LABELS[peer.kind];
}

export function inTab(categories: Peer['categories'], tab: Tab, excluded?: ReadonlySet<Category>): boolean {
  const wanted = tab.categories ?? CATEGORIES;
  return wanted.some((category) => categories[category] !== undefined && !excluded?.has(category));
}

/** The highest rating the peer has in the tab's categories: what orders the tab when nothing is typed. */
export function ratingIn(categories: Peer['categories'], tab: Tab): number {
  let best = 0;
  for (const category of tab.categories ?? CATEGORIES) {
    const rating = categories[category];
    if (rating !== undefined && rating > best) best = rating;
  }
  return best;
}

/**
 * The tabs that list at least one of `peers` (All always), from one pass over the peers' own
 * categories: asking each tab about the peers walked the whole list once for every empty tab.
 */
export function tabsWithPeers(peers: ReadonlyArray<Pick<Peer, 'categories'>>): Tab[] {
  const present = new Set<string>();
  for (const peer of peers) {
    for (const category in peer.categories) if (peer.categories[category as Category] !== undefined) present.add(category);
  }
  return TABS.filter((tab) => tab.categories === null || tab.categories.some((category) => present.has(category)));
}
