/**
 * The chat pane's remaining calls: messages.getMessages / channels.getMessages (by id, as
 * gramjs's getMessages({ ids }) asks), editMessage, deleteMessages (both boxes), setTyping.
 */
import { Api } from 'telegram';
import { RpcError, type CallContext, type TlResult } from '../types';
import { deleteMessages, editMessage, typing } from './chat-events';
import type { WorldEntity } from './history-model';
import { renderWorldMessage } from './message-render';
import { entityRefs, peersOf } from './messages';
import type { Account, Dialog, PeerRef, WorldMessage } from './model';
import type { WorldState } from './state';
import { boolResult, expectRequest, renderEntities } from './tl';

const TL_ENTITIES: [new (...args: never[]) => Api.TypeMessageEntity, WorldEntity['kind']][] = [
  [Api.MessageEntityBold, 'bold'],
  [Api.MessageEntityItalic, 'italic'],
  [Api.MessageEntityUnderline, 'underline'],
  [Api.MessageEntityStrike, 'strike'],
  [Api.MessageEntityCode, 'code'],
  [Api.MessageEntityPre, 'pre'],
  [Api.MessageEntitySpoiler, 'spoiler'],
  [Api.MessageEntityUrl, 'url'],
  [Api.MessageEntityTextUrl, 'textUrl'],
  [Api.MessageEntityMention, 'mention'],
  [Api.MessageEntityHashtag, 'hashtag'],
];

/** Entities a client sent, kept as the world stores them (kinds it does not model are dropped). */
export function entitiesFromTl(entities: readonly Api.TypeMessageEntity[] | undefined): WorldEntity[] | undefined {
  if (!entities?.length) return undefined;
  const kept: WorldEntity[] = [];
  for (const entity of entities) {
    const kind = TL_ENTITIES.find(([type]) => entity instanceof type)?.[1];
    if (!kind) continue;
    kept.push({
      kind,
      offset: entity.offset,
      length: entity.length,
      ...(entity instanceof Api.MessageEntityTextUrl ? { url: entity.url } : {}),
      ...(entity instanceof Api.MessageEntityPre ? { language: entity.language } : {}),
    });
  }
  return kept.length ? kept : undefined;
}

/** Where a common-box message id lives for this account (private chats and basic groups). */
function findCommon(account: Account, id: number): { dialog: Dialog; message: WorldMessage } | undefined {
  for (const dialog of account.dialogs.values()) {
    if (dialog.peer.kind === 'channel') continue;
    const message = dialog.messages.find((candidate) => candidate.id === id);
    if (message) return { dialog, message };
  }
  return undefined;
}

function inputIds(ids: readonly Api.TypeInputMessage[]): number[] {
  return ids.map((input) => {
    if (input instanceof Api.InputMessageID) return input.id;
    throw new RpcError(400, 'MESSAGE_ID_INVALID');
  });
}

function messagesAnswer(state: WorldState, ctx: CallContext, found: ({ dialog: Dialog; message: WorldMessage } | number)[]) {
  const refs: PeerRef[] = [];
  const messages = found.map((entry) => {
    if (typeof entry === 'number') return new Api.MessageEmpty({ id: entry });
    refs.push(...entityRefs(entry.dialog, [entry.message]));
    return renderWorldMessage(state, entry.dialog, entry.message, ctx.dc.id);
  });
  return { messages, ...renderEntities(peersOf(state, refs), state.renderOptions(ctx)) };
}

export function getMessages(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.messages.GetMessages);
  const account = state.callerAccount(ctx);
  const found = inputIds(call.id).map((id) => findCommon(account, id) ?? id);
  return new Api.messages.Messages(messagesAnswer(state, ctx, found));
}

export function getChannelMessages(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.channels.GetMessages);
  const account = state.callerAccount(ctx);
  const channel = state.resolveInputChannel(call.channel);
  const dialog = state.dialog(account, { kind: 'channel', id: channel.id });
  const found = inputIds(call.id).map((id) => {
    const message = dialog.messages.find((candidate) => candidate.id === id);
    return message ? { dialog, message } : id;
  });
  const answer = messagesAnswer(state, ctx, found);
  return new Api.messages.ChannelMessages({ pts: state.updateLog.channelPts(account.userId, channel.id), count: answer.messages.length, topics: [], ...answer });
}

export function editMessageCall(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.messages.EditMessage);
  const account = state.callerAccount(ctx);
  const peer = state.resolveInputPeer(account, call.peer);
  const message = state.dialog(account, peer).messages.find((candidate) => candidate.id === call.id);
  if (!message) throw new RpcError(400, 'MESSAGE_ID_INVALID');
  if (!message.out) throw new RpcError(403, 'MESSAGE_AUTHOR_REQUIRED');
  if (call.message === undefined || !call.message.trim()) throw new RpcError(400, 'MESSAGE_EMPTY');
  if (call.message.length > 4096) throw new RpcError(400, 'MESSAGE_TOO_LONG');
  return editMessage(state, account, peer, call.id, { text: call.message, entities: entitiesFromTl(call.entities) }, state.clock(), ctx.dc.id);
}

export function deleteMessagesCall(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.messages.DeleteMessages);
  const account = state.callerAccount(ctx);
  const byDialog = new Map<Dialog, number[]>();
  for (const id of call.id) {
    const found = findCommon(account, id);
    if (found) byDialog.set(found.dialog, [...(byDialog.get(found.dialog) ?? []), id]);
  }
  let last = { pts: account.pts, ptsCount: 0 };
  for (const [dialog, ids] of byDialog) last = deleteMessages(state, account, dialog.peer, ids, state.clock(), ctx.dc.id);
  return new Api.messages.AffectedMessages({ pts: last.pts, ptsCount: call.id.length === 0 ? 0 : last.ptsCount });
}

export function deleteChannelMessagesCall(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.channels.DeleteMessages);
  const account = state.callerAccount(ctx);
  const channel = state.resolveInputChannel(call.channel);
  if (channel.broadcast) throw new RpcError(403, 'MESSAGE_DELETE_FORBIDDEN');
  const logged = deleteMessages(state, account, { kind: 'channel', id: channel.id }, call.id, state.clock(), ctx.dc.id);
  return new Api.messages.AffectedMessages({ pts: logged.pts, ptsCount: logged.ptsCount });
}

/** Typing in a private chat with another account here shows up on that account's clients. */
export function setTyping(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.messages.SetTyping);
  const account = state.callerAccount(ctx);
  const peer = state.resolveInputPeer(account, call.peer);
  const other = peer.kind === 'user' ? state.accounts.get(peer.id) : undefined;
  if (other && other.userId !== account.userId) typing(state, other, { kind: 'user', id: account.userId }, account.userId, call.action);
  return boolResult(true);
}
