/**
 * Telegram's updates → the chats service: new messages, edits, deletions, read marks and
 * typing, whether pushed live or replayed by updates.getDifference after being away. The
 * common-box pts/date are saved as they advance, so a restart catches up from there.
 */
import { Api } from 'telegram';
import type { ChatCache } from './cache.js';
import type { ChatMessage } from './model.js';
import { chatKeyOf, entitiesOf, normaliseMessage, peerKeyOf } from './normalise.js';

export interface UpdateTarget {
  readonly cache: ChatCache;
  messageArrived(key: string, message: ChatMessage): void;
  messageEdited(key: string, message: ChatMessage): void;
  /** `key` undefined: common-box ids (private chats and basic groups), wherever they are. */
  messagesDeleted(key: string | undefined, ids: readonly number[]): void;
  outboxRead(key: string, maxId: number): void;
  inboxRead(key: string, stillUnread: number): void;
  typing(key: string, who: string): void;
  /** A user's online status changed (updateUserStatus). */
  statusChanged(key: string, status: Api.TypeUserStatus): void;
  /** A chat was muted or unmuted (updateNotifySettings). */
  muteChanged(key: string, settings: Api.TypePeerNotifySettings): void;
  staleAll(): void;
  staleChat(key: string): void;
  learnPeers(users: readonly Api.TypeUser[], chats: readonly Api.TypeChat[]): void;
}

interface Transport {
  invoke<R extends Api.AnyRequest>(request: R): Promise<R['__response']>;
}

function shortMessage(update: Api.UpdateShortMessage | Api.UpdateShortChatMessage): [string, ChatMessage] {
  const key = update instanceof Api.UpdateShortMessage ? `user:${update.userId.toString()}` : `chat:${update.chatId.toString()}`;
  const replyToId = update.replyTo instanceof Api.MessageReplyHeader ? update.replyTo.replyToMsgId : undefined;
  return [
    key,
    {
      id: update.id,
      state: 'sent',
      date: update.date,
      out: !!update.out,
      ...(update instanceof Api.UpdateShortChatMessage ? { fromKey: `user:${update.fromId.toString()}` } : {}),
      text: update.message,
      entities: entitiesOf(update.entities, update.message),
      ...(replyToId ? { replyToId } : {}),
    },
  ];
}

/** Track the common box's pts as pts-carrying updates arrive (never backwards). */
function notePts(cache: ChatCache, pts: number | undefined, date?: number): void {
  if (pts === undefined) return;
  const state = cache.updateState();
  if (!state || pts <= state.pts) return;
  cache.setUpdateState({ ...state, pts, ...(date ? { date } : {}) });
}

/** Apply one update (a top-level short update, or one of an `updates` bundle's). */
export function applyUpdate(target: UpdateTarget, update: unknown): void {
  const cache = target.cache;
  if (update instanceof Api.UpdateShortMessage || update instanceof Api.UpdateShortChatMessage) {
    const [key, message] = shortMessage(update);
    target.messageArrived(key, message);
    notePts(cache, update.pts, update.date);
    return;
  }
  if (update instanceof Api.UpdateNewMessage || update instanceof Api.UpdateNewChannelMessage) {
    const key = chatKeyOf(update.message);
    const message = key ? normaliseMessage(update.message, key) : undefined;
    if (key && message) target.messageArrived(key, message);
    if (update instanceof Api.UpdateNewChannelMessage && key) cache.setChannelPts(key, Math.max(cache.channelPts(key) ?? 0, update.pts));
    else notePts(cache, update.pts);
    return;
  }
  if (update instanceof Api.UpdateEditMessage || update instanceof Api.UpdateEditChannelMessage) {
    const key = chatKeyOf(update.message);
    const message = key ? normaliseMessage(update.message, key) : undefined;
    if (key && message) target.messageEdited(key, message);
    if (update instanceof Api.UpdateEditMessage) notePts(cache, update.pts);
    else if (key) cache.setChannelPts(key, Math.max(cache.channelPts(key) ?? 0, update.pts));
    return;
  }
  if (update instanceof Api.UpdateDeleteMessages) {
    target.messagesDeleted(undefined, update.messages);
    notePts(cache, update.pts);
    return;
  }
  if (update instanceof Api.UpdateDeleteChannelMessages) {
    const key = `channel:${update.channelId.toString()}`;
    target.messagesDeleted(key, update.messages);
    cache.setChannelPts(key, Math.max(cache.channelPts(key) ?? 0, update.pts));
    return;
  }
  if (update instanceof Api.UpdateReadHistoryOutbox) {
    const key = peerKeyOf(update.peer);
    if (key) target.outboxRead(key, update.maxId);
    notePts(cache, update.pts);
    return;
  }
  if (update instanceof Api.UpdateReadChannelOutbox) {
    target.outboxRead(`channel:${update.channelId.toString()}`, update.maxId);
    return;
  }
  if (update instanceof Api.UpdateReadHistoryInbox) {
    const key = peerKeyOf(update.peer);
    if (key) target.inboxRead(key, update.stillUnreadCount);
    notePts(cache, update.pts);
    return;
  }
  if (update instanceof Api.UpdateReadChannelInbox) {
    target.inboxRead(`channel:${update.channelId.toString()}`, update.stillUnreadCount);
    return;
  }
  if (update instanceof Api.UpdateUserTyping) {
    target.typing(`user:${update.userId.toString()}`, `user:${update.userId.toString()}`);
    return;
  }
  if (update instanceof Api.UpdateChatUserTyping || update instanceof Api.UpdateChannelUserTyping) {
    const key = update instanceof Api.UpdateChatUserTyping ? `chat:${update.chatId.toString()}` : `channel:${update.channelId.toString()}`;
    target.typing(key, peerKeyOf(update.fromId) ?? key);
    return;
  }
  if (update instanceof Api.UpdateUserStatus) {
    target.statusChanged(`user:${update.userId.toString()}`, update.status);
    return;
  }
  if (update instanceof Api.UpdateNotifySettings) {
    const key = update.peer instanceof Api.NotifyPeer ? peerKeyOf(update.peer.peer) : undefined;
    if (key) target.muteChanged(key, update.notifySettings);
    return;
  }
  if (update instanceof Api.UpdateShort) applyUpdate(target, update.update);
}

/** Replay a channel's missed updates from its saved pts; without one there is nothing to replay from. */
async function catchUpChannel(target: UpdateTarget, transport: Transport, channelId: string, users: readonly Api.TypeUser[], chats: readonly Api.TypeChat[]): Promise<void> {
  const key = `channel:${channelId}`;
  const channel = chats.find((chat): chat is Api.Channel => chat instanceof Api.Channel && chat.id.toString() === channelId);
  const saved = target.cache.channelPts(key);
  if (!channel?.accessHash || saved === undefined) {
    target.staleChat(key);
    return;
  }
  let pts = saved;
  for (let round = 0; round < 20; round++) {
    const difference: Api.updates.TypeChannelDifference = await transport.invoke(
      new Api.updates.GetChannelDifference({ channel: new Api.InputChannel({ channelId: channel.id, accessHash: channel.accessHash }), filter: new Api.ChannelMessagesFilterEmpty(), pts, limit: 100 }),
    );
    if (difference instanceof Api.updates.ChannelDifferenceEmpty) return;
    if (difference instanceof Api.updates.ChannelDifferenceTooLong) {
      target.staleChat(key);
      return;
    }
    target.learnPeers([...users, ...difference.users], [...chats, ...difference.chats]);
    for (const message of difference.newMessages) applyUpdate(target, new Api.UpdateNewChannelMessage({ message, pts: difference.pts, ptsCount: 0 }));
    for (const update of difference.otherUpdates) applyUpdate(target, update);
    pts = difference.pts;
    target.cache.setChannelPts(key, pts);
    if (difference.final) return;
  }
}

/**
 * After connecting: updates.getDifference from the saved state until it is empty (slices are
 * continued, too-long means refetch what is shown); the first time, just remember the state.
 */
export async function catchUp(target: UpdateTarget, transport: Transport, cache: ChatCache): Promise<void> {
  const saved = cache.updateState();
  if (!saved) {
    const state = await transport.invoke(new Api.updates.GetState());
    cache.setUpdateState({ pts: state.pts, date: state.date, qts: state.qts });
    return;
  }
  let state = saved;
  for (let round = 0; round < 50; round++) {
    const difference = await transport.invoke(new Api.updates.GetDifference({ pts: state.pts, date: state.date, qts: state.qts }));
    if (difference instanceof Api.updates.DifferenceEmpty) {
      cache.setUpdateState({ ...state, date: difference.date });
      return;
    }
    if (difference instanceof Api.updates.DifferenceTooLong) {
      target.staleAll();
      cache.setUpdateState({ ...state, pts: difference.pts });
      return;
    }
    target.learnPeers(difference.users, difference.chats);
    for (const message of difference.newMessages) {
      const key = chatKeyOf(message);
      const normalised = key ? normaliseMessage(message, key) : undefined;
      if (key && normalised) target.messageArrived(key, normalised);
    }
    for (const update of difference.otherUpdates) {
      if (update instanceof Api.UpdateChannelTooLong) await catchUpChannel(target, transport, update.channelId.toString(), difference.users, difference.chats);
      else applyUpdate(target, update);
    }
    const next = difference instanceof Api.updates.DifferenceSlice ? difference.intermediateState : difference.state;
    state = { pts: next.pts, date: next.date, qts: next.qts };
    cache.setUpdateState(state);
    if (difference instanceof Api.updates.Difference) return;
  }
}

