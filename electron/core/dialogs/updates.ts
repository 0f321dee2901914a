/**
 * Keeping the chat list current from Telegram's updates, between fetches: new messages move a
 * chat up and count unread, reads clear it, pins, folders and mute follow the other devices, and
 * entities that come with a bundle rename. Anything the list cannot place (a message from a chat
 * it does not have, a pin order it cannot follow) answers 'stale': the owner refetches.
 */
import { Api } from 'telegram';
import { entityKey, type Entity } from '../top-peers/normalise.js';
import { chatOf, peerKeyOf, type ChatRecord } from './records.js';

export type UpdateOutcome = 'changed' | 'unchanged' | 'stale';

type Records = Map<string, ChatRecord>;

interface NewMessage {
  key: string;
  id: number;
  date: number;
  out: boolean;
}

function newMessageOf(update: unknown): NewMessage | undefined {
  if (update instanceof Api.UpdateShortMessage) {
    return { key: `user:${update.userId.toString()}`, id: update.id, date: update.date, out: update.out === true };
  }
  if (update instanceof Api.UpdateShortChatMessage) {
    return { key: `chat:${update.chatId.toString()}`, id: update.id, date: update.date, out: update.out === true };
  }
  if (update instanceof Api.UpdateNewMessage || update instanceof Api.UpdateNewChannelMessage) {
    const message = update.message;
    if (message instanceof Api.Message || message instanceof Api.MessageService) {
      return { key: peerKeyOf(message.peerId), id: message.id, date: message.date, out: message.out === true };
    }
  }
  return undefined;
}

/** A message newer than the record's top: it becomes the top (idempotent, so a replayed update counts once). */
function applyNewMessage(records: Records, message: NewMessage, entities: ReadonlyMap<string, Entity>): UpdateOutcome {
  let record = records.get(message.key);
  if (!record) {
    const entity = entities.get(message.key);
    if (!entity) return 'stale';
    record = {
      ...chatOf(entity, { unreadCount: 0, muted: false, pinned: false, archived: false, lastMessageAt: null }),
      topMessage: 0,
      topDate: 0,
      readInboxMaxId: 0,
      muteUntil: 0,
      pinOrder: 0,
    };
  }
  if (message.date < record.topDate || (message.date === record.topDate && message.id <= record.topMessage)) return 'unchanged';
  const unreadCount = message.out ? record.chat.unreadCount : record.chat.unreadCount + 1;
  records.set(message.key, {
    ...record,
    topMessage: message.id,
    topDate: message.date,
    // An archived chat stays archived here; if the server unarchives it (its archive settings), updateFolderPeers says so.
    chat: { ...record.chat, unreadCount, lastMessageAt: message.date * 1000 },
    readInboxMaxId: message.out ? Math.max(record.readInboxMaxId, message.id) : record.readInboxMaxId,
  });
  return 'changed';
}

function applyRead(records: Records, key: string, maxId: number, stillUnread: number): UpdateOutcome {
  const record = records.get(key);
  if (!record) return 'unchanged';
  if (record.readInboxMaxId === maxId && record.chat.unreadCount === stillUnread) return 'unchanged';
  records.set(key, { ...record, readInboxMaxId: Math.max(record.readInboxMaxId, maxId), chat: { ...record.chat, unreadCount: Math.max(0, stillUnread) } });
  return 'changed';
}

function setRecord(records: Records, key: string, change: (record: ChatRecord) => ChatRecord): UpdateOutcome {
  const record = records.get(key);
  if (!record) return 'stale';
  records.set(key, change(record));
  return 'changed';
}

const highestPin = (records: Records): number => Math.max(0, ...[...records.values()].map((record) => record.pinOrder));

/** Renames and new photos from the entities an update carried; min entities are partial views and ignored. */
export function applyEntities(records: Records, entities: Iterable<Entity>): boolean {
  let changed = false;
  for (const entity of entities) {
    const key = entityKey(entity);
    const record = records.get(key);
    if (!record || ('min' in entity && entity.min === true)) continue;
    const { unreadCount, muted, pinned, archived, lastMessageAt } = record.chat;
    const { chat, ref } = chatOf(entity, { unreadCount, muted, pinned, archived, lastMessageAt });
    if (JSON.stringify(chat) === JSON.stringify(record.chat)) continue;
    records.set(key, { ...record, chat, ref: { ...record.ref, ...ref } });
    changed = true;
  }
  return changed;
}

export function applyUpdate(records: Records, update: unknown, nowSeconds: number): UpdateOutcome {
  const entities = new Map<string, Entity>();
  const attached = (update as { _entities?: Map<unknown, Entity> } | null)?._entities;
  for (const entity of attached?.values() ?? []) entities.set(entityKey(entity), entity);
  const renamed = applyEntities(records, entities.values());

  const outcome = applyOne(records, update, entities, nowSeconds);
  return outcome === 'unchanged' && renamed ? 'changed' : outcome;
}

function applyOne(records: Records, update: unknown, entities: ReadonlyMap<string, Entity>, nowSeconds: number): UpdateOutcome {
  const message = newMessageOf(update);
  if (message) return applyNewMessage(records, message, entities);
  if (update instanceof Api.UpdateReadHistoryInbox) return applyRead(records, peerKeyOf(update.peer), update.maxId, update.stillUnreadCount);
  if (update instanceof Api.UpdateReadChannelInbox) return applyRead(records, `channel:${update.channelId.toString()}`, update.maxId, update.stillUnreadCount);
  if (update instanceof Api.UpdateDialogPinned) {
    if (!(update.peer instanceof Api.DialogPeer)) return 'stale';
    const pinOrder = update.pinned ? highestPin(records) + 1 : 0;
    return setRecord(records, peerKeyOf(update.peer.peer), (record) => ({ ...record, pinOrder, chat: { ...record.chat, pinned: pinOrder > 0 } }));
  }
  if (update instanceof Api.UpdatePinnedDialogs) {
    // Without `order` the client is told to refetch the pins; with it, the order is the answer.
    if (!update.order) return 'stale';
    const order = update.order.filter((peer): peer is Api.DialogPeer => peer instanceof Api.DialogPeer).map((peer) => peerKeyOf(peer.peer));
    const archived = update.folderId === 1;
    for (const [key, record] of records) {
      if (record.chat.archived !== archived) continue;
      const index = order.indexOf(key);
      const pinOrder = index === -1 ? 0 : order.length - index;
      records.set(key, { ...record, pinOrder, chat: { ...record.chat, pinned: pinOrder > 0 } });
    }
    return order.every((key) => records.has(key)) ? 'changed' : 'stale';
  }
  if (update instanceof Api.UpdateFolderPeers) {
    let outcome: UpdateOutcome = 'unchanged';
    for (const folderPeer of update.folderPeers) {
      const moved = setRecord(records, peerKeyOf(folderPeer.peer), (record) => ({
        ...record,
        pinOrder: 0,
        chat: { ...record.chat, archived: folderPeer.folderId === 1, pinned: false },
      }));
      if (moved === 'stale') return 'stale';
      outcome = 'changed';
    }
    return outcome;
  }
  if (update instanceof Api.UpdateNotifySettings) {
    if (!(update.peer instanceof Api.NotifyPeer)) return 'unchanged';
    const muteUntil = update.notifySettings.muteUntil ?? 0;
    const outcome = setRecord(records, peerKeyOf(update.peer.peer), (record) => ({ ...record, muteUntil, chat: { ...record.chat, muted: muteUntil > nowSeconds } }));
    return outcome === 'stale' ? 'unchanged' : outcome;
  }
  return 'unchanged';
}
