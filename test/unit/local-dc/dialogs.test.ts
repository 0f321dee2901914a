import { Api } from 'telegram';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDemoWorld, DEMO_ACCOUNTS, TOP_PEER_CATEGORIES, topPeersHash, toSignedHash, type PeerRef, type World } from '../../../electron/local-dc/world';
import { big, call, fakeContext, long, type FakeContext } from './world-harness';

const MAIN = DEMO_ACCOUNTS.main.userId;

function refOf(peer: Api.TypePeer): PeerRef {
  if (peer instanceof Api.PeerUser) return { kind: 'user', id: big(peer.userId) };
  if (peer instanceof Api.PeerChat) return { kind: 'chat', id: big(peer.chatId) };
  return { kind: 'channel', id: big((peer as Api.PeerChannel).channelId) };
}
const keyOf = (peer: Api.TypePeer) => `${refOf(peer).kind}:${refOf(peer).id}`;

function inputPeer(world: World, ref: PeerRef): Api.TypeInputPeer {
  const peer = world.state.peer(ref)!;
  if (peer.kind === 'user') return new Api.InputPeerUser({ userId: long(peer.id), accessHash: long(peer.accessHash) });
  if (peer.kind === 'chat') return new Api.InputPeerChat({ chatId: long(peer.id) });
  return new Api.InputPeerChannel({ channelId: long(peer.id), accessHash: long(peer.accessHash) });
}

type Page = Api.messages.Dialogs | Api.messages.DialogsSlice;
const realDialogs = (page: Page) => page.dialogs.filter((dialog): dialog is Api.Dialog => dialog instanceof Api.Dialog);
const topMessage = (page: Page, dialog: Api.Dialog) =>
  page.messages.find((message) => message.id === dialog.topMessage && keyOf((message as Api.Message).peerId) === keyOf(dialog.peer)) as Api.Message;

/** The documented fold (dialogs.ts, THE HASH), computed from nothing but the answer. */
function pageHash(page: Page): bigint {
  const values = realDialogs(page).flatMap((dialog) => [
    dialog.pinned ? 1n : 0n,
    refOf(dialog.peer).id,
    BigInt(dialog.topMessage),
    BigInt(topMessage(page, dialog)?.date ?? 0),
    BigInt(dialog.readInboxMaxId),
    BigInt(dialog.unreadCount),
    BigInt(dialog.notifySettings.muteUntil ?? 0),
  ]);
  return toSignedHash(topPeersHash(values));
}

describe('messages.getDialogs on the demo world', () => {
  let world: World;
  let ctx: FakeContext;
  const getDialogs = (init: Partial<ConstructorParameters<typeof Api.messages.GetDialogs>[0]> = {}) =>
    call(world, new Api.messages.GetDialogs({ offsetDate: 0, offsetId: 0, offsetPeer: new Api.InputPeerEmpty(), limit: 100, hash: long(0), ...init }), ctx);

  /** Every page of a folder, continued from the last dialog as clients do. */
  async function allPages(folderId: number | undefined, limit: number): Promise<Page[]> {
    const pages: Page[] = [];
    let offset = {};
    for (let guard = 0; guard < 50; guard++) {
      const page = (await getDialogs({ folderId, limit, ...offset })) as Page;
      pages.push(page);
      const last = realDialogs(page).at(-1);
      if (!last || page instanceof Api.messages.Dialogs) break;
      const message = topMessage(page, last);
      offset = { offsetDate: message.date, offsetId: message.id, offsetPeer: inputPeer(world, refOf(last.peer)) };
    }
    return pages;
  }

  beforeEach(() => {
    world = createDemoWorld({ clock: () => 1_800_000_000 });
    ctx = fakeContext('key-1', MAIN);
  });

  it('has a chat list larger than its top peers, with chats in no top-peer category', () => {
    const account = world.account(MAIN);
    const rated = new Set(TOP_PEER_CATEGORIES.flatMap((category) => [...(account.ratings.get(category)?.keys() ?? [])]));
    const listed = [...account.dialogs.keys()];
    expect(listed.length).toBeGreaterThan(100);
    expect(listed.length).toBeGreaterThan(rated.size);
    expect(listed.filter((key) => !rated.has(key)).length).toBeGreaterThan(40);
  });

  it('pages the main list to its end without repeats, pinned first, the archive entry on the first page only', async () => {
    const pages = await allPages(undefined, 17);
    const archived = [...world.account(MAIN).dialogs.values()].filter((d) => d.folderId === 1 && d.messages.length > 0);
    const expected = [...world.account(MAIN).dialogs.values()].filter((d) => d.folderId !== 1 && d.messages.length > 0);
    const keys = pages.flatMap((page) => realDialogs(page).map((dialog) => keyOf(dialog.peer)));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(expected.map((d) => `${d.peer.kind}:${d.peer.id}`).sort());
    for (const page of pages.slice(0, -1)) expect((page as Api.messages.DialogsSlice).count).toBe(expected.length);

    const first = pages[0]!;
    expect(first.dialogs[0]).toBeInstanceOf(Api.DialogFolder);
    expect((first.dialogs[0] as Api.DialogFolder).folder.id).toBe(1);
    expect(first.dialogs).toHaveLength(17);
    expect(pages.slice(1).every((page) => page.dialogs.every((dialog) => dialog instanceof Api.Dialog))).toBe(true);
    expect(archived.length).toBeGreaterThan(0);

    const ordered = realDialogs(first);
    const pinnedCount = ordered.filter((dialog) => dialog.pinned).length;
    expect(pinnedCount).toBe(3);
    expect(ordered.slice(0, pinnedCount).every((dialog) => dialog.pinned)).toBe(true);
    // After the pins, newest top message first, across pages.
    const dates = pages.flatMap((page) => realDialogs(page).filter((d) => !d.pinned).map((d) => topMessage(page, d).date));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('lists the archive as folder 1 with its own pin and count, and exclude_pinned leaves pins out', async () => {
    const pages = await allPages(1, 5);
    const archive = pages.flatMap(realDialogs);
    expect(archive.length).toBe(12);
    expect(archive.every((dialog) => dialog.folderId === 1)).toBe(true);
    expect(archive[0]!.pinned).toBe(true);
    expect(archive.filter((dialog) => dialog.pinned)).toHaveLength(1);

    const unpinned = (await getDialogs({ excludePinned: true, limit: 100 })) as Page;
    expect(realDialogs(unpinned).some((dialog) => dialog.pinned)).toBe(false);
    expect(unpinned.dialogs.some((dialog) => dialog instanceof Api.DialogFolder)).toBe(false);
  });

  it('answers dialogsNotModified to the documented hash of the same page, and in full once the page changed', async () => {
    const first = (await getDialogs({ limit: 30 })) as Page;
    const hash = pageHash(first);
    const again = await getDialogs({ limit: 30, hash: long(hash) });
    expect(again).toBeInstanceOf(Api.messages.DialogsNotModified);
    expect((again as Api.messages.DialogsNotModified).count).toBe((first as Api.messages.DialogsSlice).count);

    const tail = realDialogs(first).at(-1)!;
    world.addMessage(MAIN, refOf(tail.peer), { text: 'back on top' });
    const changed = (await getDialogs({ limit: 30, hash: long(hash) })) as Page;
    expect(changed).toBeInstanceOf(Api.messages.DialogsSlice);
    // Unpinned and newest now: first after the pins.
    expect(keyOf(realDialogs(changed).find((dialog) => !dialog.pinned)!.peer)).toBe(keyOf(tail.peer));

    world.markRead(MAIN, refOf(tail.peer));
    const read = (await getDialogs({ limit: 30, hash: long(pageHash(changed)) })) as Page;
    expect(read).toBeInstanceOf(Api.messages.DialogsSlice);
  });

  it('carries mute and pin state, and pushes their updates', async () => {
    const pushed: { getBytes(): Buffer }[] = [];
    world.attach({ pushToUser: (_user, update) => pushed.push(update), pushToAuthKey: () => undefined });
    const page = (await getDialogs()) as Page;
    const channel = realDialogs(page).find((dialog) => dialog.peer instanceof Api.PeerChannel && dialog.notifySettings.muteUntil)!;
    expect(channel.notifySettings.muteUntil).toBeGreaterThan(1_800_000_000);

    const someone = realDialogs(page).find((dialog) => !dialog.pinned && dialog.peer instanceof Api.PeerUser)!;
    world.pinDialog(MAIN, refOf(someone.peer));
    world.muteDialog(MAIN, refOf(someone.peer), 1_900_000_000);
    world.archiveDialog(MAIN, { kind: 'user', id: 100_101n });
    const updates = pushed.map((bundle) => (bundle as Api.Updates).updates[0]);
    expect(updates[0]).toBeInstanceOf(Api.UpdateDialogPinned);
    expect(updates[1]).toBeInstanceOf(Api.UpdateNotifySettings);
    expect(updates[2]).toBeInstanceOf(Api.UpdateFolderPeers);

    const after = realDialogs((await getDialogs()) as Page);
    expect(keyOf(after[0]!.peer)).toBe(keyOf(someone.peer)); // the newest pin is on top
    expect(after[0]!.notifySettings.muteUntil).toBe(1_900_000_000);
    expect(after.some((dialog) => keyOf(dialog.peer) === 'user:100101')).toBe(false);
  });

  it('refuses an unknown folder and a bot caller', async () => {
    await expect(getDialogs({ folderId: 7 })).rejects.toMatchObject({ errorMessage: 'FOLDER_ID_INVALID' });
    ctx = fakeContext('key-bot', DEMO_ACCOUNTS.bot.userId);
    await expect(getDialogs()).rejects.toMatchObject({ errorMessage: 'BOT_METHOD_INVALID' });
  });
});

describe('contacts.search on the demo world', () => {
  let world: World;
  let ctx: FakeContext;
  const search = (q: string, limit = 20) => call(world, new Api.contacts.Search({ q, limit }), ctx) as Promise<Api.contacts.Found>;

  beforeEach(() => {
    world = createDemoWorld({ clock: () => 1_800_000_000 });
    ctx = fakeContext('key-1', MAIN);
  });

  it('answers own chats as my_results and unknown public peers as results, each with its entity', async () => {
    expect((await search('alice')).myResults.map(keyOf)).toContain('user:100101'); // a top peer
    const found = await search('o');
    const mine = found.myResults.map(keyOf);
    const global = found.results.map(keyOf);
    expect(mine).toContain('user:100401'); // Oscar Lindgren: in the chat list only
    expect(global.some((key) => mine.includes(key))).toBe(false);
    // Dana never talked to Anna-Lena, @anna_global or Annapurna Trekking: only the global results have them.
    const anna = await search('anna');
    expect(anna.myResults).toHaveLength(0);
    expect(anna.results.map(keyOf)).toEqual(expect.arrayContaining(['user:100128', 'user:100901', 'channel:1000009003']));
    const entityKeys = [...found.users.map((user) => `user:${big(user.id)}`), ...found.chats.map((chat) => `${chat instanceof Api.Chat ? 'chat' : 'channel'}:${big(chat.id)}`)];
    expect(entityKeys).toEqual(expect.arrayContaining([...mine, ...global]));
    expect(entityKeys).toHaveLength(mine.length + global.length);
  });

  it('matches word starts and usernames across scripts and accents, never self or deleted accounts', async () => {
    expect((await search('Mull')).myResults.map(keyOf)).toContain('user:100115'); // José Müller
    expect((await search('@svelte')).results.map(keyOf)).toContain('channel:1000009001');
    expect((await search('Гонч')).myResults.length).toBeGreaterThan(0);
    expect((await search('dana')).myResults.map(keyOf)).not.toContain(`user:${MAIN}`);
    expect((await search('zzzzqqq')).myResults).toHaveLength(0);
  });

  it('keeps to the limit and refuses an empty query', async () => {
    const found = await search('a', 3);
    expect(found.myResults.length).toBeLessThanOrEqual(3);
    expect(found.results.length).toBeLessThanOrEqual(3);
    await expect(search('  ')).rejects.toMatchObject({ errorMessage: 'QUERY_TOO_SHORT' });
  });
});
