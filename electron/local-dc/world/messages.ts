/**
 * The chat pane's calls: history, send, read, and dialog unread state. Each account has its own
 * copy of a conversation (as every Telegram account has its own message ids).
 */
import { Api } from 'telegram';
import { RpcError, type CallContext, type TlResult } from '../types';
import { peerKey, type Account, type Dialog, type PeerRef, type WorldMessage, type WorldPeer } from './model';
import type { WorldState } from './state';
import { updatesState } from './help';
import { boolResult, expectRequest, renderEntities, renderPeerRef, toLong, type RenderOptions } from './tl';
import type { RichMessage } from './history-model';
import { fitsShortUpdate, renderWorldMessage } from './message-render';
import type { LoggedUpdate } from './update-log';
import { entitiesFromTl } from './chat-methods';

export function unreadCount(dialog: Dialog): number {
  return dialog.messages.filter((message) => !message.out && message.id > dialog.readInboxMaxId).length;
}

const topMessageId = (dialog: Dialog): number => dialog.messages.at(-1)?.id ?? 0;

/** Append a message to one account's dialog, giving it the id Telegram would, and log it in the right box. */
export function appendMessage(
  state: WorldState,
  account: Account,
  peer: PeerRef,
  message: { out: boolean; fromId: bigint; text: string; date: number; rich?: RichMessage },
): { dialog: Dialog; message: WorldMessage; logged: LoggedUpdate } {
  const dialog = state.dialog(account, peer);
  // Channels number their own messages; private chats and basic groups share the account's sequence.
  const id = peer.kind === 'channel' ? topMessageId(dialog) + 1 : account.nextMessageId++;
  const stored: WorldMessage = { id, ...message };
  dialog.messages.push(stored);
  if (stored.out) dialog.readInboxMaxId = Math.max(dialog.readInboxMaxId, id);
  const peers = entityRefs(dialog, [stored]);
  const logged =
    peer.kind === 'channel'
      ? state.updateLog.logChannel(account, peer.id, 1, message.date, (pts) => new Api.UpdateNewChannelMessage({ message: renderMessage(state, dialog, stored), pts, ptsCount: 1 }), peers)
      : state.updateLog.logCommon(account, 1, message.date, (pts) => new Api.UpdateNewMessage({ message: renderMessage(state, dialog, stored), pts, ptsCount: 1 }), peers);
  return { dialog, message: stored, logged };
}

export function renderMessage(state: WorldState, dialog: Dialog, message: WorldMessage): Api.Message | Api.MessageService {
  return renderWorldMessage(state, dialog, message);
}

/** The dialog's peer and every author, forwarded-from and service-action user of `messages`. */
export function entityRefs(dialog: Dialog, messages: readonly WorldMessage[]): PeerRef[] {
  const refs: PeerRef[] = [dialog.peer];
  for (const message of messages) {
    refs.push({ kind: 'user', id: message.fromId });
    const from = message.rich?.forwarded?.fromId;
    if (from) refs.push(from);
    const action = message.rich?.action;
    if (action && 'userIds' in action) for (const id of action.userIds) refs.push({ kind: 'user', id });
  }
  return refs;
}

/** The peers behind `refs` that still exist, for the users/chats vectors. */
export function peersOf(state: WorldState, refs: readonly PeerRef[]): WorldPeer[] {
  return refs.map((ref) => state.peer(ref)).filter((peer): peer is WorldPeer => peer !== undefined);
}

/** The peer itself plus every author, for the users/chats vectors. */
export function entitiesOf(state: WorldState, dialog: Dialog, messages: readonly WorldMessage[]): WorldPeer[] {
  return peersOf(state, entityRefs(dialog, messages));
}

/** The update a client receives for a message that just arrived in `dialog` (logged as `logged`). */
export function newMessageUpdate(
  state: WorldState,
  dialog: Dialog,
  message: WorldMessage,
  logged: LoggedUpdate,
  options: RenderOptions,
): Api.TypeUpdates {
  const rich = message.rich;
  const common = {
    out: message.out || undefined,
    id: message.id,
    message: message.text,
    pts: logged.pts,
    ptsCount: logged.ptsCount,
    date: message.date,
    replyTo: rich?.replyToId === undefined ? undefined : new Api.MessageReplyHeader({ replyToMsgId: rich.replyToId }),
    entities: (renderMessage(state, dialog, message) as Api.Message).entities,
  };
  if (dialog.peer.kind === 'user' && fitsShortUpdate(message)) {
    return new Api.UpdateShortMessage({ ...common, userId: toLong(dialog.peer.id) });
  }
  if (dialog.peer.kind === 'chat' && fitsShortUpdate(message)) {
    return new Api.UpdateShortChatMessage({ ...common, fromId: toLong(message.fromId), chatId: toLong(dialog.peer.id) });
  }
  return new Api.Updates({
    updates: [logged.update],
    ...renderEntities(entitiesOf(state, dialog, [message]), options),
    date: message.date,
    seq: 0,
  });
}

export function getHistory(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.messages.GetHistory);
  const account = state.callerAccount(ctx);
  const peer = state.resolveInputPeer(account, call.peer);
  const dialog = state.dialog(account, peer);
  const newestFirst = [...dialog.messages].reverse().filter(
    (message) =>
      (call.maxId <= 0 || message.id < call.maxId) &&
      (call.minId <= 0 || message.id > call.minId) &&
      (call.offsetDate <= 0 || message.date < call.offsetDate),
  );
  // offset_id: start with the first message older than it; add_offset shifts that start (may be negative).
  const anchor = call.offsetId > 0 ? newestFirst.findIndex((message) => message.id < call.offsetId) : 0;
  const start = Math.max(0, (anchor === -1 ? newestFirst.length : anchor) + call.addOffset);
  const limit = Math.min(100, Math.max(0, call.limit));
  const page = newestFirst.slice(start, start + limit);
  const entities = renderEntities(entitiesOf(state, dialog, page), state.renderOptions(ctx));
  const messages = page.map((message) => renderMessage(state, dialog, message));
  if (peer.kind === 'channel') {
    return new Api.messages.ChannelMessages({ pts: state.updateLog.channelPts(account.userId, peer.id), count: newestFirst.length, messages, topics: [], ...entities });
  }
  if (page.length === dialog.messages.length) return new Api.messages.Messages({ messages, ...entities });
  return new Api.messages.MessagesSlice({ count: dialog.messages.length, messages, ...entities });
}

export function sendMessage(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.messages.SendMessage);
  const account = state.callerAccount(ctx);
  const peer = state.resolveInputPeer(account, call.peer);
  if (!call.message.trim()) throw new RpcError(400, 'MESSAGE_EMPTY');
  if (call.message.length > 4096) throw new RpcError(400, 'MESSAGE_TOO_LONG');
  const channel = peer.kind === 'channel' ? state.channel(peer.id) : undefined;
  if (channel?.broadcast) throw new RpcError(403, 'CHAT_WRITE_FORBIDDEN');
  // random_id makes a resend after a lost answer safe: the same id never posts twice.
  const randomKey = `${account.userId}:${String(call.randomId)}`;
  if (state.sentRandomIds.has(randomKey)) throw new RpcError(500, 'RANDOM_ID_DUPLICATE');
  const dialog = state.dialog(account, peer);
  const replyToId = call.replyTo instanceof Api.InputReplyToMessage ? call.replyTo.replyToMsgId : undefined;
  if (replyToId !== undefined && !dialog.messages.some((message) => message.id === replyToId)) throw new RpcError(400, 'REPLY_TO_INVALID');
  state.sentRandomIds.add(randomKey);
  const date = state.clock();
  const entities = entitiesFromTl(call.entities);
  const rich = replyToId !== undefined || entities ? { replyToId, entities } : undefined;
  const { message, logged } = appendMessage(state, account, peer, { out: true, fromId: account.userId, text: call.message, date, rich });

  // A message to another account of this world arrives there too, live.
  const recipient = peer.kind === 'user' && peer.id !== account.userId ? state.accounts.get(peer.id) : undefined;
  if (recipient) {
    const delivered = appendMessage(state, recipient, { kind: 'user', id: account.userId }, { out: false, fromId: account.userId, text: call.message, date, rich: entities ? { entities } : undefined });
    state.host?.pushToUser(recipient.userId, newMessageUpdate(state, delivered.dialog, delivered.message, delivered.logged, { ...state.renderOptions(ctx), selfId: recipient.userId }));
  }

  if (peer.kind !== 'channel') {
    return new Api.UpdateShortSentMessage({ out: true, id: message.id, pts: logged.pts, ptsCount: logged.ptsCount, date, entities: call.entities });
  }
  return new Api.Updates({
    updates: [new Api.UpdateMessageID({ id: message.id, randomId: call.randomId }), logged.update],
    ...renderEntities(entitiesOf(state, dialog, [message]), state.renderOptions(ctx)),
    date,
    seq: 0,
  });
}

/** Mark read up to max_id (0 = everything), never moving the read mark backwards; the new mark. */
function markRead(dialog: Dialog, maxId: number): number {
  const top = topMessageId(dialog);
  const upTo = maxId <= 0 ? top : Math.min(maxId, top);
  dialog.readInboxMaxId = Math.max(dialog.readInboxMaxId, upTo);
  return dialog.readInboxMaxId;
}

export function readHistory(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.messages.ReadHistory);
  const account = state.callerAccount(ctx);
  const peer = state.resolveInputPeer(account, call.peer);
  // Channels and supergroups have their own method, as on Telegram.
  if (peer.kind === 'channel') throw new RpcError(400, 'PEER_ID_INVALID');
  const logged = readInbox(state, account, peer, call.maxId);
  return new Api.messages.AffectedMessages({ pts: logged.pts, ptsCount: logged.ptsCount });
}

/**
 * The account read its incoming messages with `peer` up to `maxId`: logged for its other
 * devices, and, when the other side is an account here, that side's outgoing messages turn "read".
 */
export function readInbox(state: WorldState, account: Account, peer: PeerRef, maxId: number): LoggedUpdate {
  const dialog = state.dialog(account, peer);
  const upTo = markRead(dialog, maxId);
  const logged = state.updateLog.logCommon(account, 1, state.clock(), (pts) =>
    new Api.UpdateReadHistoryInbox({ peer: renderPeerRef(peer), maxId: upTo, stillUnreadCount: unreadCount(dialog), pts, ptsCount: 1 }), [peer]);
  const other = peer.kind === 'user' ? state.accounts.get(peer.id) : undefined;
  if (other && other.userId !== account.userId) {
    const theirs = state.dialog(other, { kind: 'user', id: account.userId });
    // Their message ids differ from ours: everything they sent before the newest one we read.
    const readDate = dialog.messages.filter((message) => message.id <= upTo).at(-1)?.date ?? 0;
    const theirMax = theirs.messages.filter((message) => message.out && message.date <= readDate).at(-1)?.id ?? 0;
    readOutbox(state, other, { kind: 'user', id: account.userId }, theirMax);
  }
  return logged;
}

/** The other side read the account's messages with `peer` up to `maxId`: the "read" ticks. */
export function readOutbox(state: WorldState, account: Account, peer: PeerRef, maxId: number): void {
  const dialog = state.dialog(account, peer);
  const top = topMessageId(dialog);
  const upTo = Math.max(dialog.readOutboxMaxId, maxId <= 0 ? top : Math.min(maxId, top));
  if (upTo === dialog.readOutboxMaxId) return;
  dialog.readOutboxMaxId = upTo;
  const date = state.clock();
  const logged =
    peer.kind === 'channel'
      ? undefined
      : state.updateLog.logCommon(account, 1, date, (pts) => new Api.UpdateReadHistoryOutbox({ peer: renderPeerRef(peer), maxId: upTo, pts, ptsCount: 1 }), [peer]);
  const update = logged?.update ?? new Api.UpdateReadChannelOutbox({ channelId: toLong(peer.id), maxId: upTo });
  state.host?.pushToUser(account.userId, new Api.UpdateShort({ update, date }));
}

export function readChannelHistory(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.channels.ReadHistory);
  const account = state.callerAccount(ctx);
  const channel = state.resolveInputChannel(call.channel);
  markRead(state.dialog(account, { kind: 'channel', id: channel.id }), call.maxId);
  return boolResult(true);
}

function renderDialog(state: WorldState, account: Account, dialog: Dialog): Api.Dialog {
  return new Api.Dialog({
    peer: renderPeerRef(dialog.peer),
    topMessage: topMessageId(dialog),
    readInboxMaxId: dialog.readInboxMaxId,
    readOutboxMaxId: dialog.readOutboxMaxId,
    unreadCount: unreadCount(dialog),
    unreadMentionsCount: 0,
    unreadReactionsCount: 0,
    notifySettings: new Api.PeerNotifySettings({}),
    pts: dialog.peer.kind === 'channel' ? state.updateLog.channelPts(account.userId, dialog.peer.id) : undefined,
  });
}

/** Dialogs with their top messages and every entity they mention, as both dialog calls answer them. */
function renderDialogs(state: WorldState, account: Account, dialogs: readonly Dialog[], ctx: CallContext) {
  const messages: (Api.Message | Api.MessageService)[] = [];
  const peers: WorldPeer[] = [];
  for (const dialog of dialogs) {
    const top = dialog.messages.at(-1);
    if (top) messages.push(renderMessage(state, dialog, top));
    peers.push(...entitiesOf(state, dialog, top ? [top] : []));
  }
  return { dialogs: dialogs.map((dialog) => renderDialog(state, account, dialog)), messages, ...renderEntities(peers, state.renderOptions(ctx)) };
}

export function getPeerDialogs(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.messages.GetPeerDialogs);
  const account = state.callerAccount(ctx);
  const dialogs = call.peers.map((input) => {
    if (!(input instanceof Api.InputDialogPeer)) throw new RpcError(400, 'PEER_ID_INVALID');
    const ref = state.resolveInputPeer(account, input.peer);
    // A peer never talked to still has a (empty) dialog in the answer.
    return account.dialogs.get(peerKey(ref)) ?? { peer: ref, messages: [], readInboxMaxId: 0, readOutboxMaxId: 0 };
  });
  return new Api.messages.PeerDialogs({ ...renderDialogs(state, account, dialogs, ctx), state: updatesState(state, account.pts, 0) });
}
