/**
 * The chat list end to end on the local DC: both folders paged to the end and matching the world,
 * the hash round trip (dialogsNotModified), updates keeping it current, the disk cache shown
 * offline, contacts.search with cancellation, and opening a chat that is not a top peer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chat, ChatList, ChatSearchResult, TopPeersSnapshot } from '../../../../electron/shared/ipc-contract.js';
import { DialogsService } from '../../../../electron/core/dialogs/service.js';
import { createMemoryStore } from '../../../../electron/core/store.js';
import { systemClock } from '../../../../electron/core/clock.js';
import type { TlResult } from '../../../../electron/local-dc/types.js';
import { DEMO_ACCOUNTS, loginMain, makeCore, standaloneSession, startTestDc, type TestCore, type TestDc } from '../harness.js';

const MAIN = DEMO_ACCOUNTS.main.userId;
let dc: TestDc;
let t: TestCore;
/** Class names of every getDialogs answer the DC gave, in order. */
const answers: string[] = [];

/** The world's own chat list of the main account, as keys: [main list, archive]. */
function worldFolders(): [string[], string[]] {
  const dialogs = [...dc.world.account(MAIN).dialogs.values()].filter((dialog) => dialog.messages.length > 0);
  const keys = (archived: boolean) => dialogs.filter((dialog) => (dialog.folderId === 1) === archived).map((dialog) => `${dialog.peer.kind}:${dialog.peer.id}`);
  return [keys(false), keys(true)];
}

async function until<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const chatOf = (list: ChatList, key: string) => list.chats.find((chat) => chat.key === key);
const lastPushed = () => t.eventsOf('chats:changed').at(-1)!;

beforeAll(async () => {
  dc = await startTestDc();
  const getDialogs = dc.world.methods.get('messages.GetDialogs')!;
  (dc.world.methods as Map<string, typeof getDialogs>).set('messages.GetDialogs', async (request, ctx) => {
    const answer: TlResult = await getDialogs(request, ctx);
    answers.push(Buffer.isBuffer(answer) ? 'bytes' : (answer as unknown as { className: string }).className);
    return answer;
  });
  t = makeCore(dc);
  await t.core.start();
  await loginMain(t);
  // Logging in starts the background refresh: the list arrives without being asked for.
  await until(() => t.call<ChatList>('chats:get'), (list) => list.status === 'ok', 'the first chat list');
});
afterAll(async () => {
  await t.stop();
  await dc.close();
});

describe('the chat list', () => {
  it('holds both folders to the end, as the world has them, larger than the top peers', async () => {
    const list = await t.call<ChatList>('chats:refresh');
    const [main, archive] = worldFolders();
    expect(list.chats.filter((chat) => !chat.archived).map((chat) => chat.key).sort()).toEqual([...main].sort());
    expect(list.chats.filter((chat) => chat.archived).map((chat) => chat.key).sort()).toEqual([...archive].sort());
    expect(main.length).toBeGreaterThan(100); // more than one getDialogs page
    const top = await t.call<TopPeersSnapshot>('topPeers:get');
    expect(list.chats.length).toBeGreaterThan(top.peers.length);

    // Main list first, pins on top; then the archive.
    const firstArchived = list.chats.findIndex((chat) => chat.archived);
    expect(list.chats.slice(firstArchived).every((chat) => chat.archived)).toBe(true);
    expect(list.chats.slice(0, 3).map((chat) => chat.pinned)).toEqual([true, true, true]);
    expect(list.chats[3]!.pinned).toBe(false);

    // Each entry as the world says: unread, mute, kind, username.
    const account = dc.world.account(MAIN);
    for (const chat of list.chats) {
      const dialog = account.dialogs.get(chat.key as `user:${string}`)!;
      const unread = dialog.messages.filter((message) => !message.out && message.id > dialog.readInboxMaxId).length;
      expect(chat.unreadCount, chat.key).toBe(unread);
      expect(chat.muted, chat.key).toBe((dialog.muteUntil ?? 0) > Date.now() / 1000);
    }
    expect(chatOf(list, 'channel:1000004001')).toMatchObject({ kind: 'channel', title: 'Rust Weekly', username: 'rust_weekly_demo', muted: true });
    expect(chatOf(list, 'chat:200401')).toMatchObject({ kind: 'group', title: 'Neighbours 3rd floor' });
  });

  it('refreshes with its hash: an unchanged list is answered dialogsNotModified for both folders and pushes nothing', async () => {
    const pushes = t.eventsOf('chats:changed').length;
    answers.length = 0;
    const list = await t.call<ChatList>('chats:refresh');
    expect(answers).toEqual(['messages.DialogsNotModified', 'messages.DialogsNotModified']);
    expect(t.eventsOf('chats:changed')).toHaveLength(pushes);
    expect(list.checkedAt).toBeGreaterThanOrEqual(list.fetchedAt!);
  });

  it('is kept current by updates: a new message, a rename, a pin, the archive and mute', async () => {
    const before = await t.call<ChatList>('chats:get');
    const tail = before.chats.filter((chat) => !chat.archived).at(-1)!;
    const [kind, id] = tail.key.split(':') as ['user' | 'chat' | 'channel', string];
    const ref = { kind, id: BigInt(id) };
    dc.world.addMessage(MAIN, ref, { text: 'from the bottom to the top', date: Math.floor(Date.now() / 1000) });
    let list = await until(lastPushed, (pushed) => pushed.chats.find((chat) => !chat.pinned)?.key === tail.key, 'the chat to move up');
    expect(chatOf(list, tail.key)!.unreadCount).toBe(tail.unreadCount + 1);

    dc.world.renamePeer({ kind: 'user', id: 100_401n }, { firstName: 'Oskar', lastName: 'Renamed' });
    list = await until(lastPushed, (pushed) => chatOf(pushed, 'user:100401')?.title === 'Oskar Renamed', 'the rename');

    dc.world.pinDialog(MAIN, { kind: 'user', id: 100_401n });
    list = await until(lastPushed, (pushed) => pushed.chats[0]?.key === 'user:100401', 'the pin');
    expect(list.chats[0]!.pinned).toBe(true);

    dc.world.archiveDialog(MAIN, { kind: 'chat', id: 200_402n });
    list = await until(lastPushed, (pushed) => chatOf(pushed, 'chat:200402')?.archived === true, 'the archive move');
    dc.world.muteDialog(MAIN, { kind: 'chat', id: 200_403n }, 2_000_000_000);
    list = await until(lastPushed, (pushed) => chatOf(pushed, 'chat:200403')?.muted === true, 'the mute');

    // What updates built is what Telegram now says: the next refresh confirms it with the hash.
    answers.length = 0;
    const refreshed = await t.call<ChatList>('chats:refresh');
    expect(refreshed.chats.map((chat) => [chat.key, chat.unreadCount, chat.pinned, chat.archived, chat.muted])).toEqual(
      list.chats.map((chat) => [chat.key, chat.unreadCount, chat.pinned, chat.archived, chat.muted]),
    );
  });

  it('refetches when a message arrives from a chat it does not have', async () => {
    dc.world.addUser({ id: 100_777n, firstName: 'Newcomer', username: 'newcomer_demo' });
    dc.world.addMessage(MAIN, { kind: 'user', id: 100_777n }, { text: 'hello, new here', date: Math.floor(Date.now() / 1000) });
    const list = await until(lastPushed, (pushed) => chatOf(pushed, 'user:100777') !== undefined, 'the newcomer');
    expect(chatOf(list, 'user:100777')).toMatchObject({ title: 'Newcomer', unreadCount: 1, archived: false });
  });

  it('pages with any page size, as a standalone service on the session', async () => {
    const pushed: ChatList[] = [];
    // Its own session, logged in as the same account: the service needs nothing of the core around it.
    const session = standaloneSession(dc);
    await session.start();
    await session.submitPhone(`+${DEMO_ACCOUNTS.main.phone}`);
    await session.submitCode(DEMO_ACCOUNTS.main.code);
    const service = new DialogsService({ store: createMemoryStore(), clock: systemClock(), pageSize: 7, onChanged: (list) => pushed.push(list) });
    service.start(session);
    try {
      answers.length = 0;
      const list = await service.refresh();
      const [main, archive] = worldFolders();
      expect(list.chats).toHaveLength(main.length + archive.length);
      expect(answers.length).toBe(Math.ceil((main.length + 1) / 7) + Math.ceil(archive.length / 7));
      expect(pushed).toHaveLength(1);
      expect(list.chats.map((chat) => chat.key)).toEqual((await t.call<ChatList>('chats:get')).chats.map((chat) => chat.key));
    } finally {
      service.stop();
      await session.stop();
    }
  });
});

describe('contacts.search', () => {
  it('answers your chats and global public peers, each openable with a photo', async () => {
    const found = await t.call<ChatSearchResult>('chats:search', { query: 'anna' });
    expect(found.status).toBe('ok');
    expect(found.global.map((chat: Chat) => chat.key)).toEqual(expect.arrayContaining(['user:100901', 'channel:1000009003']));
    const mine = await t.call<ChatSearchResult>('chats:search', { query: 'Alice' });
    expect(mine.mine.map((chat) => chat.key)).toContain('user:100101');

    // A global result is not in any list, yet it opens (by its username) and shows its photo slot.
    await t.call<ChatSearchResult>('chats:search', { query: 'svelte' });
    const opened = await t.call('peers:open', { key: 'channel:1000009001', target: 'telegram' });
    expect(opened.url).toBe('tg://resolve?domain=svelte_summit');
  });

  it('a newer search cancels the one still waiting', async () => {
    dc.dc.faults.inject('contacts.Search', { kind: 'delay', ms: 1_500 });
    const slow = t.call<ChatSearchResult>('chats:search', { query: 'oscar' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const fast = await t.call<ChatSearchResult>('chats:search', { query: 'typescript' });
    expect((await slow).status).toBe('cancelled');
    expect(fast.status).toBe('ok');
    expect(fast.global.map((chat) => chat.key)).toContain('channel:1000009002');

    dc.dc.faults.inject('contacts.Search', { kind: 'delay', ms: 1_500 });
    const dropped = t.call<ChatSearchResult>('chats:search', { query: 'oscar' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await t.call('chats:cancelSearch');
    expect(await dropped).toEqual({ query: 'oscar', status: 'cancelled', mine: [], global: [] });
  });

  it('refuses an empty query before the network', async () => {
    expect((await t.fail('chats:search', { query: '   ' })).code).toBe('INVALID_ARGUMENT');
  });
});

describe('opening any chat', () => {
  it('opens a chat of the list that is not a top peer, without touching top-peer ratings', async () => {
    const top = await t.call<TopPeersSnapshot>('topPeers:get');
    expect(top.peers.some((peer) => peer.key === 'channel:1000004003')).toBe(false);
    const opened = await t.call('peers:open', { key: 'channel:1000004003', target: 'telegram' });
    expect(opened.url).toBe('tg://resolve?domain=linux_desktop_demo');
    const unnamed = await t.call('peers:open', { key: 'chat:200404', target: 'telegram' });
    expect(unnamed.url).toBe('tg://openmessage?chat_id=200404');
    const avatar = await t.call('peers:avatar', { key: 'user:100402' });
    expect(avatar.dataUrl).toMatch(/^data:image\/jpeg;base64,/);
    expect((await t.fail('peers:open', { key: 'user:999999', target: 'telegram' })).code).toBe('PEER_NOT_FOUND');
  });
});

describe('the disk cache', () => {
  it('shows the cached list offline, after a restart', async () => {
    const online = await t.call<ChatList>('chats:get');
    await t.stop();
    const offline = makeCore(dc, { dataDir: t.dataDir, env: { TG_DC: '127.0.0.1:9' }, invokeTimeoutMs: 1_000 });
    try {
      await offline.core.start();
      const cached = await offline.call<ChatList>('chats:get');
      expect(cached.status).toBe('ok');
      expect(cached.chats).toEqual(online.chats);
      expect((await offline.fail('chats:refresh')).code).toMatch(/NETWORK|TIMEOUT/);
      expect((await offline.call<ChatList>('chats:get')).chats).toEqual(online.chats);
    } finally {
      await offline.stop();
    }
  });

  it('a cache that does not parse is said in the log and refetched', async () => {
    t.store.set('chatList', { records: 'not a list' });
    const fresh = makeCore(dc, { dataDir: t.dataDir });
    try {
      await fresh.core.start();
      expect((await fresh.call<ChatList>('chats:get')).status).toBe('empty');
      expect(fresh.logs.some((line) => line.includes('cached chat list does not parse'))).toBe(true);
      const list = await until(() => fresh.call<ChatList>('chats:get'), (value) => value.status === 'ok', 'the refetch').catch((error) => {
        throw new Error(`${error.message}: ${JSON.stringify(fresh.core.api.getSession())} ${fresh.logs.join(' / ')}`);
      });
      expect(list.chats.length).toBeGreaterThan(100);
    } finally {
      await fresh.stop();
    }
  });
});
