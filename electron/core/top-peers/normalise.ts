/**
 * contacts.topPeers → the contract's Peer model: one entry per peer however many categories it
 * is in (ratings per category), users/bots/groups/supergroups/channels told apart, plus what the
 * core needs later and the renderer must not see (access hashes, photo DCs) kept on the side.
 */
import { Api } from 'telegram';
import type { Category, Peer, PeerKind } from '../../shared/ipc-contract.js';
import { categoryFromTl } from './categories.js';

/** What the core keeps per peer to address it later (remove, avatar) without an entity cache. */
export interface PeerRef {
  accessHash?: string;
  photoDcId?: number;
}

export interface NormalisedPage {
  peers: Peer[];
  refs: Record<string, PeerRef>;
  /** Bare ids in answer order, category by category: what the hash folds. */
  idsInOrder: bigint[];
  /** Per category, the total Telegram reports (for paging). */
  counts: Partial<Record<Category, number>>;
  /** Per category, how many came in this page. */
  pageSizes: Partial<Record<Category, number>>;
}

export type Entity = Api.TypeUser | Api.TypeChat;

function peerKeyOf(peer: Api.TypePeer): string {
  if (peer instanceof Api.PeerUser) return `user:${peer.userId.toString()}`;
  if (peer instanceof Api.PeerChat) return `chat:${peer.chatId.toString()}`;
  return `channel:${(peer as Api.PeerChannel).channelId.toString()}`;
}

function bareId(peer: Api.TypePeer): bigint {
  if (peer instanceof Api.PeerUser) return BigInt(peer.userId.toString());
  if (peer instanceof Api.PeerChat) return BigInt(peer.chatId.toString());
  return BigInt((peer as Api.PeerChannel).channelId.toString());
}

const clip = (text: string | undefined, max: number) => (text ? text.slice(0, max) : undefined);

export function describe(entity: Entity): Omit<Peer, 'key' | 'categories'> & { ref: PeerRef } {
  if (entity instanceof Api.User) {
    const name = [entity.firstName, entity.lastName].filter(Boolean).join(' ');
    const kind: PeerKind = entity.bot ? 'bot' : 'user';
    const photo = entity.photo instanceof Api.UserProfilePhoto ? entity.photo : undefined;
    const online =
      entity.bot || !entity.status
        ? undefined
        : entity.status instanceof Api.UserStatusOnline
          ? true
          : entity.status instanceof Api.UserStatusEmpty
            ? undefined
            : false;
    return {
      kind,
      title: clip(name || entity.username || (entity.deleted ? 'Deleted Account' : entity.phone) || 'Unknown', 256)!,
      ...(entity.firstName ? { firstName: clip(entity.firstName, 256) } : {}),
      ...(entity.lastName ? { lastName: clip(entity.lastName, 256) } : {}),
      ...(entity.username ? { username: clip(entity.username, 64) } : {}),
      isSelf: entity.self === true,
      verified: entity.verified === true,
      premium: entity.premium === true,
      deleted: entity.deleted === true,
      ...(photo ? { photoId: photo.photoId.toString() } : {}),
      ...(online === undefined ? {} : { online }),
      ref: {
        ...(entity.accessHash ? { accessHash: entity.accessHash.toString() } : {}),
        ...(photo ? { photoDcId: photo.dcId } : {}),
      },
    };
  }
  const base = { isSelf: false, verified: false, premium: false, deleted: false };
  if (entity instanceof Api.Chat || entity instanceof Api.ChatForbidden) {
    const photo = entity instanceof Api.Chat && entity.photo instanceof Api.ChatPhoto ? entity.photo : undefined;
    return {
      ...base,
      kind: 'group',
      title: clip(entity.title, 256) ?? '',
      ...(photo ? { photoId: photo.photoId.toString() } : {}),
      ref: photo ? { photoDcId: photo.dcId } : {},
    };
  }
  if (entity instanceof Api.Channel || entity instanceof Api.ChannelForbidden) {
    const photo = entity instanceof Api.Channel && entity.photo instanceof Api.ChatPhoto ? entity.photo : undefined;
    const username = entity instanceof Api.Channel ? entity.username : undefined;
    return {
      ...base,
      kind: entity.megagroup ? 'supergroup' : 'channel',
      title: clip(entity.title, 256) ?? '',
      ...(username ? { username: clip(username, 64) } : {}),
      verified: entity instanceof Api.Channel && entity.verified === true,
      ...(photo ? { photoId: photo.photoId.toString() } : {}),
      ref: {
        ...(entity.accessHash ? { accessHash: entity.accessHash.toString() } : {}),
        ...(photo ? { photoDcId: photo.dcId } : {}),
      },
    };
  }
  // userEmpty / chatEmpty: nothing to show, but keep the row addressable.
  return { ...base, kind: 'user', title: 'Unknown', ref: {} };
}

export function entityKey(entity: Entity): string {
  if (entity instanceof Api.User || entity instanceof Api.UserEmpty) return `user:${entity.id.toString()}`;
  if (entity instanceof Api.Chat || entity instanceof Api.ChatForbidden || entity instanceof Api.ChatEmpty) return `chat:${entity.id.toString()}`;
  return `channel:${entity.id.toString()}`;
}

export function normaliseTopPeers(result: Api.contacts.TopPeers): NormalisedPage {
  const entities = new Map<string, Entity>();
  for (const entity of [...result.users, ...result.chats]) entities.set(entityKey(entity), entity);

  const byKey = new Map<string, Peer>();
  const refs: Record<string, PeerRef> = {};
  const idsInOrder: bigint[] = [];
  const counts: Partial<Record<Category, number>> = {};
  const pageSizes: Partial<Record<Category, number>> = {};

  for (const group of result.categories) {
    const category = categoryFromTl(group.category);
    // Fold every id the server answered, even of a category we do not know: its hash does.
    for (const top of group.peers) idsInOrder.push(bareId(top.peer));
    if (!category) continue;
    counts[category] = group.count;
    pageSizes[category] = group.peers.length;
    for (const top of group.peers) {
      const key = peerKeyOf(top.peer);
      // A double off the wire can be NaN or infinite; the contract (and the ranking) want a number.
      const rating = Number.isFinite(top.rating) ? top.rating : 0;
      const existing = byKey.get(key);
      if (existing) {
        existing.categories[category] = rating;
        continue;
      }
      const entity = entities.get(key);
      if (!entity) continue; // a peer without its entity cannot be shown or opened
      const { ref, ...described } = describe(entity);
      byKey.set(key, { key, ...described, categories: { [category]: rating } });
      refs[key] = ref;
    }
  }
  return { peers: [...byKey.values()], refs, idsInOrder, counts, pageSizes };
}
