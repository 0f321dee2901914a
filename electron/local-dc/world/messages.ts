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

export function unreadCount(dialog: Dialog): number {
  return dialog.messages.filter((message) => !message.out && message.id > dialog.readInboxMaxId).length;
}

const topMessageId = (dialog: Dialog): number => dialog.messages.at(-1)?.id ?? 0;

/** Append a message to one account's dialog, giving it the id Telegram would. */
export function appendMessage(
  state: WorldState,
  account: Account,
  peer: PeerRef,
  message: { out: boolean; fromId: bigint; text: string; date: number },
): { dialog: Dialog; message: WorldMessage } {
  const dialog = state.dialog(account, peer);
  // Channels number their own messages; private chats and basic groups share the account's sequence.
  const id = peer.kind === 'channel' ? topMessageId(dialog) + 1 : account.nextMessageId++;
  const stored: WorldMessage = { id, ...message };
  dialog.messages.push(stored);
  if (stored.out) dialog.readInboxMaxId = Math.max(dialog.readInboxMaxId, id);
  account.pts += 1;
  return { dialog, message: stored };
}

function isBroadcast(state: WorldState, peer: PeerRef): boolean {
  return peer.kind === 'channel' && state.channel(peer.id)?.broadcast === true;
}

export function renderMessage(state: WorldState, dialog: Dialog, message: WorldMessage): Api.Message {
  const post = isBroadcast(state, dialog.peer);
  return new Api.Message({
    id: message.id,
    out: message.out || undefined,
    post: post || undefined,
    // Private chats carry the author only implicitly (peer_id + out); groups name each member.
    fromId: post || dialog.peer.kind === 'user' ? undefined : new Api.PeerUser({ userId: toLong(message.fromId) }),
    peerId: renderPeerRef(dialog.peer),
    date: message.date,
    message: message.text,
  });
}

/** The peer itself plus every author, for the users/chats vectors. */
function entitiesOf(state: WorldState, dialog: Dialog, messages: readonly WorldMessage[]): WorldPeer[] {
  const peers: WorldPeer[] = [];
  const peer = state.peer(dialog.peer);
  if (peer) peers.push(peer);
  for (const message of messages) {
    const author = state.user(message.fromId);
    if (author) peers.push(author);
  }
  return peers;
}

/** The update a client receives for a message that just arrived in `dialog`. */
export function newMessageUpdate(
  state: WorldState,
  account: Account,
  dialog: Dialog,
  message: WorldMessage,
  options: RenderOptions,
): Api.TypeUpdates {
  if (dialog.peer.kind === 'user') {
    return new Api.UpdateShortMessage({
      out: message.out || undefined,
      id: message.id,
      userId: toLong(dialog.peer.id),
      message: message.text,
      pts: account.pts,
      ptsCount: 1,
      date: message.date,
    });
  }
  if (dialog.peer.kind === 'chat') {
    return new Api.UpdateShortChatMessage({
      out: message.out || undefined,
      id: message.id,
      fromId: toLong(message.fromId),
      chatId: toLong(dialog.peer.id),
      message: message.text,
      pts: account.pts,
      ptsCount: 1,
      date: message.date,
    });
  }
  return new Api.Updates({
    updates: [new Api.UpdateNewChannelMessage({ message: renderMessage(state, dialog, message), pts: account.pts, ptsCount: 1 })],
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
    return new Api.messages.ChannelMessages({ pts: account.pts, count: newestFirst.length, messages, topics: [], ...entities });
  }
  if (page.length === dialog.messages.length) return new Api.messages.Messages({ messages, ...entities });
  return new Api.messages.MessagesSlice({ count: dialog.messages.length, messages, ...entities });
}

export function sendMessage(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.messages.SendMessage);
  const account = state.callerAccount(ctx);
  const peer = state.resolveInputPeer(account, call.peer);
  if (!call.message) throw new RpcError(400, 'MESSAGE_EMPTY');
  if (call.message.length > 4096) throw new RpcError(400, 'MESSAGE_TOO_LONG');
  const channel = peer.kind === 'channel' ? state.channel(peer.id) : undefined;
  if (channel?.broadcast) throw new RpcError(403, 'CHAT_WRITE_FORBIDDEN');
  const date = state.clock();
  const { dialog, message } = appendMessage(state, account, peer, { out: true, fromId: account.userId, text: call.message, date });

  // A message to another account of this world arrives there too, live.
  const recipient = peer.kind === 'user' && peer.id !== account.userId ? state.accounts.get(peer.id) : undefined;
  if (recipient && state.host) {
    const delivered = appendMessage(state, recipient, { kind: 'user', id: account.userId }, { out: false, fromId: account.userId, text: call.message, date });
    state.host.pushToUser(recipient.userId, newMessageUpdate(state, recipient, delivered.dialog, delivered.message, { ...state.renderOptions(ctx), selfId: recipient.userId }));
  }

  if (peer.kind !== 'channel') {
    return new Api.UpdateShortSentMessage({ out: true, id: message.id, pts: account.pts, ptsCount: 1, date });
  }
  return new Api.Updates({
    updates: [
      new Api.UpdateMessageID({ id: message.id, randomId: call.randomId }),
      new Api.UpdateNewChannelMessage({ message: renderMessage(state, dialog, message), pts: account.pts, ptsCount: 1 }),
    ],
    ...renderEntities(entitiesOf(state, dialog, [message]), state.renderOptions(ctx)),
    date,
    seq: 0,
  });
}

/** Mark read up to max_id (0 = everything), never moving the read mark backwards. */
function markRead(dialog: Dialog, maxId: number): void {
  const top = topMessageId(dialog);
  const upTo = maxId <= 0 ? top : Math.min(maxId, top);
  dialog.readInboxMaxId = Math.max(dialog.readInboxMaxId, upTo);
}

export function readHistory(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.messages.ReadHistory);
  const account = state.callerAccount(ctx);
  const peer = state.resolveInputPeer(account, call.peer);
  // Channels and supergroups have their own method, as on Telegram.
  if (peer.kind === 'channel') throw new RpcError(400, 'PEER_ID_INVALID');
  markRead(state.dialog(account, peer), call.maxId);
  account.pts += 1;
  return new Api.messages.AffectedMessages({ pts: account.pts, ptsCount: 1 });
}

export function readChannelHistory(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.channels.ReadHistory);
  const account = state.callerAccount(ctx);
  const channel = state.resolveInputChannel(call.channel);
  markRead(state.dialog(account, { kind: 'channel', id: channel.id }), call.maxId);
  return boolResult(true);
}

function renderDialog(account: Account, dialog: Dialog): Api.Dialog {
  return new Api.Dialog({
    peer: renderPeerRef(dialog.peer),
    topMessage: topMessageId(dialog),
    readInboxMaxId: dialog.readInboxMaxId,
    readOutboxMaxId: dialog.readOutboxMaxId,
    unreadCount: unreadCount(dialog),
    unreadMentionsCount: 0,
    unreadReactionsCount: 0,
    notifySettings: new Api.PeerNotifySettings({}),
    pts: dialog.peer.kind === 'channel' ? account.pts : undefined,
  });
}

/** Dialogs with their top messages and every entity they mention, as both dialog calls answer them. */
function renderDialogs(state: WorldState, account: Account, dialogs: readonly Dialog[], ctx: CallContext) {
  const messages: Api.Message[] = [];
  const peers: WorldPeer[] = [];
  for (const dialog of dialogs) {
    const top = dialog.messages.at(-1);
    if (top) messages.push(renderMessage(state, dialog, top));
    peers.push(...entitiesOf(state, dialog, top ? [top] : []));
  }
  return { dialogs: dialogs.map((dialog) => renderDialog(account, dialog)), messages, ...renderEntities(peers, state.renderOptions(ctx)) };
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
