/**
 * The chat list's update rules, on gramjs's own update objects.
 */
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { describe, expect, it } from 'vitest';
import type { ChatRecord } from '../../../../electron/core/dialogs/records.js';
import { compareRecords } from '../../../../electron/core/dialogs/records.js';
import { applyUpdate } from '../../../../electron/core/dialogs/updates.js';

const NOW = 1_800_000_000;
const long = (value: number) => returnBigInt(value);

function record(key: string, top: number, date: number, extra: Partial<ChatRecord> = {}): ChatRecord {
  return {
    chat: { key, kind: 'user', title: key, isSelf: false, verified: false, deleted: false, unreadCount: 0, muted: false, pinned: false, archived: false, lastMessageAt: date * 1000 },
    ref: {},
    topMessage: top,
    topDate: date,
    readInboxMaxId: top,
    muteUntil: 0,
    pinOrder: 0,
    ...extra,
  };
}

function list(): Map<string, ChatRecord> {
  return new Map([
    ['user:1', record('user:1', 10, NOW - 100)],
    ['user:2', record('user:2', 20, NOW - 50)],
    ['chat:3', record('chat:3', 30, NOW - 10)],
  ]);
}
const order = (records: Map<string, ChatRecord>) => [...records.values()].sort(compareRecords).map((entry) => entry.chat.key);

describe('chat list updates', () => {
  it('moves a chat up on a new message and counts it unread once, however often the update comes', () => {
    const records = list();
    const update = new Api.UpdateShortMessage({ id: 40, userId: long(1), message: 'hi', pts: 1, ptsCount: 1, date: NOW });
    expect(applyUpdate(records, update, NOW)).toBe('changed');
    expect(applyUpdate(records, update, NOW)).toBe('unchanged');
    expect(order(records)[0]).toBe('user:1');
    expect(records.get('user:1')!.chat.unreadCount).toBe(1);
    const sent = new Api.UpdateShortChatMessage({ out: true, id: 41, fromId: long(9), chatId: long(3), message: 'me', pts: 2, ptsCount: 1, date: NOW + 1 });
    applyUpdate(records, sent, NOW);
    expect(order(records)[0]).toBe('chat:3');
    expect(records.get('chat:3')!.chat.unreadCount).toBe(0);
  });

  it('takes the unread count a read reports', () => {
    const records = list();
    records.set('user:2', { ...records.get('user:2')!, chat: { ...records.get('user:2')!.chat, unreadCount: 5 } });
    applyUpdate(records, new Api.UpdateReadHistoryInbox({ peer: new Api.PeerUser({ userId: long(2) }), maxId: 25, stillUnreadCount: 1, pts: 1, ptsCount: 1 }), NOW);
    expect(records.get('user:2')!.chat.unreadCount).toBe(1);
    expect(records.get('user:2')!.readInboxMaxId).toBe(25);
  });

  it('follows pins (newest on top), pin orders, the archive and mute', () => {
    const records = list();
    const dialogPeer = (id: number) => new Api.DialogPeer({ peer: new Api.PeerUser({ userId: long(id) }) });
    applyUpdate(records, new Api.UpdateDialogPinned({ pinned: true, peer: dialogPeer(1) }), NOW);
    applyUpdate(records, new Api.UpdateDialogPinned({ pinned: true, peer: dialogPeer(2) }), NOW);
    expect(order(records)).toEqual(['user:2', 'user:1', 'chat:3']);
    applyUpdate(records, new Api.UpdatePinnedDialogs({ order: [dialogPeer(1), dialogPeer(2)] }), NOW);
    expect(order(records)).toEqual(['user:1', 'user:2', 'chat:3']);
    expect(applyUpdate(records, new Api.UpdatePinnedDialogs({}), NOW)).toBe('stale');

    applyUpdate(records, new Api.UpdateFolderPeers({ folderPeers: [new Api.FolderPeer({ peer: new Api.PeerUser({ userId: long(1) }), folderId: 1 })], pts: 1, ptsCount: 1 }), NOW);
    expect(records.get('user:1')!.chat).toMatchObject({ archived: true, pinned: false });
    expect(order(records).at(-1)).toBe('user:1');

    applyUpdate(records, new Api.UpdateNotifySettings({ peer: new Api.NotifyPeer({ peer: new Api.PeerChat({ chatId: long(3) }) }), notifySettings: new Api.PeerNotifySettings({ muteUntil: NOW + 60 }) }), NOW);
    expect(records.get('chat:3')!.chat.muted).toBe(true);
  });

  it('asks for a refetch when a message comes from a chat it cannot place', () => {
    const records = list();
    expect(applyUpdate(records, new Api.UpdateShortMessage({ id: 50, userId: long(77), message: 'new', pts: 1, ptsCount: 1, date: NOW }), NOW)).toBe('stale');
    expect(records.has('user:77')).toBe(false);
  });
});
