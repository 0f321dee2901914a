/**
 * Catching up after being away: updates.getDifference replays the account's common box from
 * the client's pts (and names channels that moved with updateChannelTooLong);
 * updates.getChannelDifference replays one channel's box. Both page at the client's limit and
 * answer *TooLong when the log no longer reaches back that far, as Telegram does. Renames and
 * photos, which carry no pts, come from the by-date log in away-log.ts.
 */
import { Api } from 'telegram';
import { RpcError, type CallContext, type TlResult } from '../types';
import { updatesState } from './help';
import { peersOf, unreadCount } from './messages';
import type { Account, PeerRef } from './model';
import { missedSince } from './away-log';
import type { WorldState } from './state';
import { expectRequest, renderEntities, toLong } from './tl';
import type { LoggedUpdate } from './update-log';

const DIFFERENCE_LIMIT = 100;

function unreadTotalOf(account: Account): number {
  let total = 0;
  for (const dialog of account.dialogs.values()) total += unreadCount(dialog);
  return total;
}

function split(entries: readonly LoggedUpdate[]) {
  const newMessages: Api.TypeMessage[] = [];
  const otherUpdates: Api.TypeUpdate[] = [];
  const refs: PeerRef[] = [];
  for (const entry of entries) {
    refs.push(...entry.peers);
    const update = entry.update;
    if (update instanceof Api.UpdateNewMessage || update instanceof Api.UpdateNewChannelMessage) newMessages.push(update.message);
    else otherUpdates.push(update);
  }
  return { newMessages, otherUpdates, refs };
}

export function getDifference(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.updates.GetDifference);
  const account = state.callerAccount(ctx);
  const total = Math.min(DIFFERENCE_LIMIT, call.ptsTotalLimit ?? DIFFERENCE_LIMIT);
  const stateNow = () => updatesState(state, account.pts, unreadTotalOf(account));
  if (call.pts > account.pts) throw new RpcError(400, 'PERSISTENT_TIMESTAMP_INVALID');
  const pending = state.updateLog.commonSince(account.userId, call.pts);
  const away = missedSince(state, account.userId, call.date);
  if (pending === 'tooLong' || away === 'tooLong') return new Api.updates.DifferenceTooLong({ pts: account.pts });
  const channels = state.updateLog.channelsChangedSince(account.userId, call.date);
  if (pending.length === 0 && channels.length === 0 && away.updates.length === 0) return new Api.updates.DifferenceEmpty({ date: state.clock(), seq: 0 });
  const page = pending.slice(0, total);
  const { newMessages, otherUpdates, refs } = split(page);
  otherUpdates.push(...away.updates);
  for (const channel of channels) {
    otherUpdates.push(new Api.UpdateChannelTooLong({ channelId: toLong(channel.channelId), pts: channel.pts }));
    refs.push({ kind: 'channel', id: channel.channelId });
  }
  const entities = renderEntities(peersOf(state, refs), state.renderOptions(ctx));
  // The renamed users and chats as they are now win over the page's own copies.
  const users = mergeById(entities.users, away.users);
  const chats = mergeById(entities.chats, away.chats);
  const common = { newMessages, newEncryptedMessages: [], otherUpdates, users, chats };
  if (page.length < pending.length) {
    const last = page.at(-1)!;
    return new Api.updates.DifferenceSlice({ ...common, intermediateState: updatesState(state, last.pts, 0) });
  }
  return new Api.updates.Difference({ ...common, state: stateNow() });
}

export function getChannelDifference(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.updates.GetChannelDifference);
  const account = state.callerAccount(ctx);
  const channel = state.resolveInputChannel(call.channel);
  const current = state.updateLog.channelPts(account.userId, channel.id);
  if (call.pts <= 0 || call.pts > current) throw new RpcError(400, 'PERSISTENT_TIMESTAMP_INVALID');
  const pending = state.updateLog.channelSince(account.userId, channel.id, call.pts);
  if (pending === 'tooLong') {
    throw new RpcError(400, 'PERSISTENT_TIMESTAMP_OUTDATED');
  }
  if (pending.length === 0) return new Api.updates.ChannelDifferenceEmpty({ final: true, pts: current });
  const limit = Math.max(1, Math.min(DIFFERENCE_LIMIT, call.limit || DIFFERENCE_LIMIT));
  const page = pending.slice(0, limit);
  const { newMessages, otherUpdates, refs } = split(page);
  refs.push({ kind: 'channel', id: channel.id });
  return new Api.updates.ChannelDifference({
    final: page.length === pending.length || undefined,
    pts: page.at(-1)!.pts,
    newMessages,
    otherUpdates,
    ...renderEntities(peersOf(state, refs), state.renderOptions(ctx)),
  });
}

function mergeById<T extends { id: unknown }>(base: readonly T[], newer: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const item of [...base, ...newer]) byId.set(String(item.id), item);
  return [...byId.values()];
}
