/** The contract's category names ↔ gramjs's TL classes and getTopPeers flags. */
import { Api } from 'telegram';
import { CATEGORIES, type Category } from '../../shared/ipc-contract.js';

const TL_CLASSES: Record<Category, new () => Api.TypeTopPeerCategory> = {
  correspondents: Api.TopPeerCategoryCorrespondents,
  bots_pm: Api.TopPeerCategoryBotsPM,
  bots_inline: Api.TopPeerCategoryBotsInline,
  bots_app: Api.TopPeerCategoryBotsApp,
  groups: Api.TopPeerCategoryGroups,
  channels: Api.TopPeerCategoryChannels,
  phone_calls: Api.TopPeerCategoryPhoneCalls,
  forward_users: Api.TopPeerCategoryForwardUsers,
  forward_chats: Api.TopPeerCategoryForwardChats,
};

/** The getTopPeers flag property for each category. */
const FLAGS = {
  correspondents: 'correspondents',
  bots_pm: 'botsPm',
  bots_inline: 'botsInline',
  bots_app: 'botsApp',
  groups: 'groups',
  channels: 'channels',
  phone_calls: 'phoneCalls',
  forward_users: 'forwardUsers',
  forward_chats: 'forwardChats',
} as const satisfies Record<Category, keyof Api.contacts.GetTopPeers>;

export function categoryFromTl(category: Api.TypeTopPeerCategory): Category | undefined {
  return CATEGORIES.find((name) => category instanceof TL_CLASSES[name]);
}

export const categoryToTl = (category: Category): Api.TypeTopPeerCategory => new TL_CLASSES[category]();

export function categoryFlags(categories: readonly Category[]): Partial<Record<(typeof FLAGS)[Category], true>> {
  return Object.fromEntries(categories.map((category) => [FLAGS[category], true]));
}

/** Deduplicated, in the contract's order: two requests for the same set compare equal. */
export function canonicalCategories(categories: readonly Category[]): Category[] {
  return CATEGORIES.filter((category) => categories.includes(category));
}

export const sameCategories = (a: readonly Category[], b: readonly Category[]): boolean =>
  canonicalCategories(a).join(',') === canonicalCategories(b).join(',');
