/**
 * The chat list as the core keeps it: one record per dialog with what the contract shows (Chat)
 * and what only the core needs (how to address the peer, the top message for paging, the read
 * mark and mute date the hash folds), in Telegram's order.
 */
import { Api } from 'telegram';
import { z } from 'zod';
import { Chat } from '../../shared/ipc-contract.js';
import { describe, entityKey, type Entity } from '../top-peers/normalise.js';
import { foldHash, toSigned64 } from '../top-peers/hash.js';

export const ChatRecord = z.object({
  chat: Chat,
  ref: z.object({ accessHash: z.string().optional(), photoDcId: z.number().optional() }),
  topMessage: z.number().int(),
  /** Unix seconds of the top message (0 when unknown). */
  topDate: z.number().int(),
  readInboxMaxId: z.number().int(),
  /** Unix seconds; 0 = not muted. */
  muteUntil: z.number().int(),
  /** 0 = not pinned; higher = nearer the top of its folder. */
  pinOrder: z.number().int(),
});
export type ChatRecord = z.infer<typeof ChatRecord>;

export function peerKeyOf(peer: Api.TypePeer): string {
  if (peer instanceof Api.PeerUser) return `user:${peer.userId.toString()}`;
  if (peer instanceof Api.PeerChat) return `chat:${peer.chatId.toString()}`;
  return `channel:${(peer as Api.PeerChannel).channelId.toString()}`;
}

const bareId = (key: string): bigint => BigInt(key.slice(key.indexOf(':') + 1));

/** Telegram's order within a folder: pins first (newest pin on top), then the newest top message. */
export function compareRecords(a: ChatRecord, b: ChatRecord): number {
  return (
    Number(a.chat.archived) - Number(b.chat.archived) ||
    b.pinOrder - a.pinOrder ||
    b.topDate - a.topDate ||
    b.topMessage - a.topMessage ||
    a.chat.key.localeCompare(b.chat.key)
  );
}

/**
 * The dialogs hash of a page, in the local DC's documented fold (electron/local-dc/world/dialogs.ts):
 * per dialog [pinned, bare id, top_message, top date, read_inbox_max_id, unread_count, mute_until].
 * Telegram does not document its own fold; a server folding otherwise simply answers in full.
 */
export function dialogsHash(records: readonly ChatRecord[]): bigint {
  const values: bigint[] = [];
  for (const record of records) {
    values.push(
      record.pinOrder > 0 ? 1n : 0n,
      bareId(record.chat.key),
      BigInt(record.topMessage),
      BigInt(record.topDate),
      BigInt(record.readInboxMaxId),
      BigInt(record.chat.unreadCount),
      BigInt(record.muteUntil),
    );
  }
  return toSigned64(foldHash(values));
}

/** A Chat for an entity (a list entry keeps its own dialog state; a search result has none). */
export function chatOf(entity: Entity, state: Pick<Chat, 'unreadCount' | 'muted' | 'pinned' | 'archived' | 'lastMessageAt'>): { chat: Chat; ref: ChatRecord['ref'] } {
  const { ref, kind, title, firstName, lastName, username, isSelf, verified, deleted, photoId } = describe(entity);
  const chat: Chat = {
    key: entityKey(entity),
    kind,
    title,
    ...(firstName === undefined ? {} : { firstName }),
    ...(lastName === undefined ? {} : { lastName }),
    ...(username === undefined ? {} : { username }),
    isSelf,
    verified,
    deleted,
    ...(photoId === undefined ? {} : { photoId }),
    ...state,
  };
  return { chat, ref };
}

/** Records for one messages.getDialogs page, in answer order; `dialogFolder` entries are not dialogs and are skipped. */
export function recordsOfPage(
  result: Api.messages.Dialogs | Api.messages.DialogsSlice,
  archived: boolean,
  nowSeconds: number,
): { records: ChatRecord[]; last: ChatRecord | undefined } {
  const entities = new Map<string, Entity>();
  for (const entity of [...result.users, ...result.chats]) entities.set(entityKey(entity), entity);
  const tops = new Map<string, Api.Message | Api.MessageService>();
  for (const message of result.messages) {
    if (message instanceof Api.Message || message instanceof Api.MessageService) tops.set(`${peerKeyOf(message.peerId)}#${message.id}`, message);
  }
  const dialogs = result.dialogs.filter((dialog): dialog is Api.Dialog => dialog instanceof Api.Dialog);
  const pinnedCount = dialogs.filter((dialog) => dialog.pinned).length;
  const records: ChatRecord[] = [];
  let last: ChatRecord | undefined;
  dialogs.forEach((dialog, index) => {
    const key = peerKeyOf(dialog.peer);
    const top = tops.get(`${key}#${dialog.topMessage}`);
    const muteUntil = dialog.notifySettings.muteUntil ?? 0;
    const entity = entities.get(key);
    const topDate = top?.date ?? 0;
    const record = entity
      ? {
          ...chatOf(entity, {
            unreadCount: Math.max(0, dialog.unreadCount),
            muted: muteUntil > nowSeconds,
            pinned: dialog.pinned === true,
            archived,
            lastMessageAt: topDate > 0 ? topDate * 1000 : null,
          }),
          topMessage: dialog.topMessage,
          topDate,
          readInboxMaxId: dialog.readInboxMaxId,
          muteUntil,
          pinOrder: dialog.pinned ? pinnedCount - index : 0,
        }
      : undefined;
    // A dialog whose peer came without its entity cannot be shown or opened, but still moves the page on.
    if (record) records.push(record);
    last = record ?? last;
  });
  return { records, last };
}
