/**
 * Things that happen in a chat besides a new message — an edit, a deletion, typing — applied to
 * one account's copy, logged in the right update box and pushed to its connected clients.
 * RPC handlers (chat-methods.ts) and the test mutation API (World) both go through here.
 */
import { Api } from 'telegram';
import { RpcError } from '../types';
import type { RichMessage } from './history-model';
import { entityRefs, newMessageUpdate, appendMessage, peersOf } from './messages';
import type { Account, PeerRef, WorldMessage } from './model';
import type { WorldState } from './state';
import { renderEntities, toLong, type RenderOptions } from './tl';
import { renderWorldMessage } from './message-render';
import type { LoggedUpdate } from './update-log';

const options = (state: WorldState, account: Account, dcId: number): RenderOptions => ({ selfId: account.userId, now: state.clock(), dcId });

/** Wrap one logged update as an `updates` bundle with the entities it mentions. */
function bundle(state: WorldState, account: Account, logged: LoggedUpdate, dcId: number): Api.Updates {
  return new Api.Updates({ updates: [logged.update], ...renderEntities(peersOf(state, logged.peers), options(state, account, dcId)), date: logged.date, seq: 0 });
}

/** A message arrives in (or, with out, is sent from another device to) the account's dialog with `peer`. */
export function deliverMessage(
  state: WorldState,
  account: Account,
  peer: PeerRef,
  message: { text: string; out: boolean; fromId: bigint; date: number; rich?: RichMessage },
  dcId: number,
): WorldMessage {
  const added = appendMessage(state, account, peer, message);
  state.host?.pushToUser(account.userId, newMessageUpdate(state, added.dialog, added.message, added.logged, options(state, account, dcId)));
  return added.message;
}

/** Replace a message's text (and entities); the edit mark carries `date`. Returns the update bundle pushed. */
export function editMessage(
  state: WorldState,
  account: Account,
  peer: PeerRef,
  id: number,
  edit: { text: string; entities?: RichMessage['entities'] },
  date: number,
  dcId: number,
): Api.Updates {
  const dialog = state.dialog(account, peer);
  const index = dialog.messages.findIndex((message) => message.id === id);
  const current = dialog.messages[index];
  if (!current || current.rich?.action) throw new RpcError(400, 'MESSAGE_ID_INVALID');
  if (current.text === edit.text && edit.entities === undefined) throw new RpcError(400, 'MESSAGE_NOT_MODIFIED');
  const edited: WorldMessage = { ...current, text: edit.text, rich: { ...current.rich, entities: edit.entities ?? current.rich?.entities, editDate: date } };
  dialog.messages[index] = edited;
  const rendered = () => renderWorldMessage(state, dialog, edited, dcId);
  const refs = entityRefs(dialog, [edited]);
  const logged =
    peer.kind === 'channel'
      ? state.updateLog.logChannel(account, peer.id, 1, date, (pts) => new Api.UpdateEditChannelMessage({ message: rendered(), pts, ptsCount: 1 }), refs)
      : state.updateLog.logCommon(account, 1, date, (pts) => new Api.UpdateEditMessage({ message: rendered(), pts, ptsCount: 1 }), refs);
  const updates = bundle(state, account, logged, dcId);
  state.host?.pushToUser(account.userId, updates);
  return updates;
}

/** Delete messages from the account's copy of a dialog; ids it does not have are ignored, as Telegram does. */
export function deleteMessages(state: WorldState, account: Account, peer: PeerRef, ids: readonly number[], date: number, dcId: number): LoggedUpdate {
  const dialog = state.dialog(account, peer);
  const doomed = new Set(ids);
  const gone = dialog.messages.filter((message) => doomed.has(message.id)).map((message) => message.id);
  const kept = dialog.messages.filter((message) => !doomed.has(message.id));
  dialog.messages.splice(0, dialog.messages.length, ...kept);
  const count = Math.max(gone.length, 0);
  const logged =
    peer.kind === 'channel'
      ? state.updateLog.logChannel(account, peer.id, count, date, (pts) => new Api.UpdateDeleteChannelMessages({ channelId: toLong(peer.id), messages: gone, pts, ptsCount: count }), [peer])
      : state.updateLog.logCommon(account, count, date, (pts) => new Api.UpdateDeleteMessages({ messages: gone, pts, ptsCount: count }), []);
  if (gone.length > 0) state.host?.pushToUser(account.userId, bundle(state, account, logged, dcId));
  return logged;
}

/** Someone in `peer` is typing (or recording, …) to the account; typing is not logged, as on Telegram. */
export function typing(state: WorldState, account: Account, peer: PeerRef, fromId: bigint, action: Api.TypeSendMessageAction = new Api.SendMessageTypingAction()): void {
  const from = new Api.PeerUser({ userId: toLong(fromId) });
  const update =
    peer.kind === 'user'
      ? new Api.UpdateUserTyping({ userId: toLong(peer.id), action })
      : peer.kind === 'chat'
        ? new Api.UpdateChatUserTyping({ chatId: toLong(peer.id), fromId: from, action })
        : new Api.UpdateChannelUserTyping({ channelId: toLong(peer.id), fromId: from, action });
  state.host?.pushToUser(account.userId, new Api.UpdateShort({ update, date: state.clock() }));
}

