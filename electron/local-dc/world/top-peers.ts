/**
 * contacts.getTopPeers / resetTopPeerRating / toggleTopPeers.
 *
 * THE HASH CONVENTION (the app's core must compute the same):
 *   ids  = for each requested category in TOP_PEER_CATEGORIES order (correspondents, bots_pm,
 *          bots_inline, phone_calls, forward_users, forward_chats, groups, channels, bots_app —
 *          the TL flag-bit order, which is also the order categories appear in the answer),
 *          the bare ids (user_id / chat_id / channel_id, no -100 prefix) of that category's
 *          peers in answer order (rating desc), after offset/limit;
 *   hash = topPeersHash(ids), sent as the signed reinterpretation of the unsigned 64-bit value.
 * A category with no peers contributes nothing (and is left out of the answer, as Telegram does).
 */
import { Api } from 'telegram';
import { RpcError, type CallContext, type TlResult } from '../types';
import {
  TOP_PEER_CATEGORIES,
  peerKey,
  type Account,
  type PeerRef,
  type TopPeerCategory,
  type WorldPeer,
} from './model';
import type { WorldState } from './state';
import { boolResult, expectRequest, fromLong, renderEntities, renderPeerRef } from './tl';

const U64 = (1n << 64n) - 1n;

/** Telegram's vector hash over 64-bit ids (DESIGN.md §4), unsigned. */
export function topPeersHash(ids: readonly bigint[]): bigint {
  let hash = 0n;
  for (const id of ids) {
    hash ^= hash >> 21n;
    hash ^= (hash << 35n) & U64;
    hash ^= hash >> 4n;
    hash = (hash + id) & U64;
  }
  return hash;
}

/** The same value as the signed `long` a client puts on the wire. */
export const toSignedHash = (hash: bigint): bigint => BigInt.asIntN(64, hash);

/** Each category's TL constructor, for both directions of the mapping. */
const CATEGORY_CLASSES: Record<TopPeerCategory, new () => Api.TypeTopPeerCategory> = {
  correspondents: Api.TopPeerCategoryCorrespondents,
  botsPm: Api.TopPeerCategoryBotsPM,
  botsInline: Api.TopPeerCategoryBotsInline,
  phoneCalls: Api.TopPeerCategoryPhoneCalls,
  forwardUsers: Api.TopPeerCategoryForwardUsers,
  forwardChats: Api.TopPeerCategoryForwardChats,
  groups: Api.TopPeerCategoryGroups,
  channels: Api.TopPeerCategoryChannels,
  botsApp: Api.TopPeerCategoryBotsApp,
};

export function categoryFromTl(category: Api.TypeTopPeerCategory): TopPeerCategory {
  for (const name of TOP_PEER_CATEGORIES) if (category instanceof CATEGORY_CLASSES[name]) return name;
  throw new RpcError(400, 'TYPES_EMPTY');
}

export const categoryToTl = (category: TopPeerCategory): Api.TypeTopPeerCategory => new CATEGORY_CLASSES[category]();

export interface RankedPeer {
  readonly peer: WorldPeer;
  readonly rating: number;
}

/** A category of one account, best first; ties broken by kind and id so answers are stable. */
export function rankedCategory(state: WorldState, account: Account, category: TopPeerCategory): RankedPeer[] {
  const ranked: RankedPeer[] = [];
  for (const [key, rating] of account.ratings.get(category) ?? []) {
    const peer = state.peers.get(key);
    if (peer) ranked.push({ peer, rating });
  }
  return ranked.sort(
    (a, b) =>
      b.rating - a.rating ||
      a.peer.kind.localeCompare(b.peer.kind) ||
      (a.peer.id < b.peer.id ? -1 : a.peer.id > b.peer.id ? 1 : 0),
  );
}

export function getTopPeers(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.contacts.GetTopPeers);
  const account = state.callerUserAccount(ctx);
  const requested = TOP_PEER_CATEGORIES.filter((category) => call[category] === true);
  if (requested.length === 0) throw new RpcError(400, 'TYPES_EMPTY');
  if (!account.topPeersEnabled) return new Api.contacts.TopPeersDisabled();

  const offset = Math.max(0, call.offset ?? 0);
  const limit = Math.min(100, Math.max(0, call.limit ?? 0));
  const pages = requested.map((category) => {
    const ranked = rankedCategory(state, account, category);
    return { category, count: ranked.length, page: ranked.slice(offset, offset + limit) };
  });

  const ids = pages.flatMap(({ page }) => page.map(({ peer }) => peer.id));
  const clientHash = BigInt.asUintN(64, fromLong(call.hash ?? 0));
  if (clientHash !== 0n && clientHash === topPeersHash(ids)) return new Api.contacts.TopPeersNotModified();

  const referenced = pages.flatMap(({ page }) => page.map(({ peer }) => peer));
  return new Api.contacts.TopPeers({
    categories: pages
      .filter(({ count }) => count > 0)
      .map(
        ({ category, count, page }) =>
          new Api.TopPeerCategoryPeers({
            category: categoryToTl(category),
            count,
            peers: page.map(({ peer, rating }) => new Api.TopPeer({ peer: renderPeerRef(peer), rating })),
          }),
      ),
    ...renderEntities(referenced, state.renderOptions(ctx)),
  });
}

export function resetTopPeerRating(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.contacts.ResetTopPeerRating);
  const account = state.callerUserAccount(ctx);
  const category = categoryFromTl(call.category);
  const peer: PeerRef = state.resolveInputPeer(account, call.peer);
  account.ratings.get(category)?.delete(peerKey(peer));
  return boolResult(true);
}

export function toggleTopPeers(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.contacts.ToggleTopPeers);
  const account = state.callerUserAccount(ctx);
  // Ratings survive a disable here (Telegram forgets them): re-enabling in a test or the demo
  // brings the list back instead of leaving an empty switcher.
  account.topPeersEnabled = call.enabled;
  return boolResult(true);
}
