/**
 * The switcher's tabs and badges over Telegram's nine top-peer categories. The category list is
 * the contract's zod-free one (electron/shared/categories.ts), so the schemas stay out of the bundle.
 */
import { CATEGORIES } from '../../../electron/shared/categories';
import type { Category, Peer, PeerKind } from '../../../electron/shared/ipc-contract';
import type { Translate } from '../../../electron/shared/i18n';

export type TabId = 'all' | 'people' | 'bots' | 'apps' | 'inline' | 'groups' | 'channels' | 'calls' | 'forwarded';

export interface Tab {
  id: TabId;
  /** The tab's name in the catalogues (switcher.tab.*). */
  labelKey: TabLabelKey;
  /** null: every category. */
  categories: readonly Category[] | null;
}

type TabLabelKey = `switcher.tab.${TabId}`;

export const TABS: readonly Tab[] = [
  { id: 'all', labelKey: 'switcher.tab.all', categories: null },
  { id: 'people', labelKey: 'switcher.tab.people', categories: ['correspondents'] },
  { id: 'bots', labelKey: 'switcher.tab.bots', categories: ['bots_pm'] },
  { id: 'apps', labelKey: 'switcher.tab.apps', categories: ['bots_app'] },
  { id: 'inline', labelKey: 'switcher.tab.inline', categories: ['bots_inline'] },
  { id: 'groups', labelKey: 'switcher.tab.groups', categories: ['groups'] },
  { id: 'channels', labelKey: 'switcher.tab.channels', categories: ['channels'] },
  { id: 'calls', labelKey: 'switcher.tab.calls', categories: ['phone_calls'] },
  { id: 'forwarded', labelKey: 'switcher.tab.forwarded', categories: ['forward_users', 'forward_chats'] },
];

/** Settings' category checkboxes: each label's key in the catalogues. */
export const CATEGORY_LABEL_KEYS = {
  correspondents: 'settings.category.correspondents',
  bots_pm: 'settings.category.botsPm',
  bots_inline: 'settings.category.botsInline',
  bots_app: 'settings.category.botsApp',
  groups: 'settings.category.groups',
  channels: 'settings.category.channels',
  phone_calls: 'settings.category.phoneCalls',
  forward_users: 'settings.category.forwardUsers',
  forward_chats: 'settings.category.forwardChats',
} as const satisfies Record<Category, string>;

/**
 * Badges worth showing on a row: the categories that say something the title and the subtitle do
 * not already say (a group in "groups" needs no badge; a person you call often does).
 */
const BADGES = {
  bots_inline: 'switcher.badge.inline',
  bots_app: 'switcher.badge.app',
  phone_calls: 'switcher.badge.calls',
  forward_users: 'switcher.badge.forwarded',
  forward_chats: 'switcher.badge.forwarded',
} as const satisfies Partial<Record<Category, string>>;
type BadgeKey = (typeof BADGES)[keyof typeof BADGES];

/** The badges' keys in the catalogues, each once, in the categories' order. */
export function badgesFor(categories: Peer['categories']): BadgeKey[] {
  const seen = new Set<BadgeKey>();
  for (const category of CATEGORIES) {
    const badge = categories[category] !== undefined && category in BADGES ? BADGES[category as keyof typeof BADGES] : undefined;
    if (badge) seen.add(badge);
  }
  return [...seen];
}

const KIND_LABELS = {
  user: 'switcher.kind.user',
  bot: 'switcher.kind.bot',
  group: 'switcher.kind.group',
  supergroup: 'switcher.kind.group',
  channel: 'switcher.kind.channel',
} as const satisfies Record<PeerKind, string>;

/** The grey line under a title: the username when there is one, else what kind of chat it is. */
export function subtitleFor(peer: Pick<Peer, 'username' | 'kind' | 'deleted' | 'isSelf'>, t: Translate): string {
  if (peer.isSelf) return t('switcher.kind.self');
  if (peer.deleted) return t('switcher.kind.deleted');
  if (peer.username) return `@${peer.username}`;
  return t(KIND_LABELS[peer.kind]);
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
