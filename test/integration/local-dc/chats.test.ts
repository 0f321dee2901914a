/**
 * The chat side of the local DC through gramjs's own high-level calls, unmodified: history with
 * paging and rich messages, photo downloads, sending, edits/deletions/reads/typing pushed live,
 * and catching up with updates.getDifference after being away.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Api, type TelegramClient } from 'telegram';
import { Raw } from 'telegram/events/index.js';
import { returnBigInt } from 'telegram/Helpers.js';
import { fakeDcClient } from '../../../electron/local-dc/client.js';
import { startFakeDc, type FakeDc } from '../../../electron/local-dc/index.js';
import { createDemoWorld, DEMO_ACCOUNTS, DEMO_CHATS, type World } from '../../../electron/local-dc/world/index.js';

const MAIN = DEMO_ACCOUNTS.main.userId;
const long = { kind: 'user', id: DEMO_CHATS.long.id } as const;
const photos = { kind: 'channel', id: DEMO_CHATS.photos.id } as const;

let dc: FakeDc;
let world: World;
const clients: TelegramClient[] = [];

beforeAll(async () => {
  world = createDemoWorld();
  dc = await startFakeDc({ world, log: () => undefined });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.destroy()));
});
afterAll(async () => {
  await dc?.close();
});

async function login(account: { phone: string; code: string; password?: string } = DEMO_ACCOUNTS.main, session?: string): Promise<TelegramClient> {
  const client = fakeDcClient({ dc, session });
  clients.push(client);
  if (session) {
    await client.connect();
    return client;
  }
  await client.start({
    phoneNumber: account.phone,
    phoneCode: async () => account.code,
    password: async () => account.password ?? '',
    onError: async (error) => {
      throw error;
    },
  });
  return client;
}

/** Every update gramjs dispatches, as it arrives. */
function collect(client: TelegramClient): Api.TypeUpdate[] {
  const seen: Api.TypeUpdate[] = [];
  client.addEventHandler((update: Api.TypeUpdate) => seen.push(update), new Raw({}));
  return seen;
}

const entityOf = (client: TelegramClient, name: string) => client.getInputEntity(name);

describe('history', () => {
  it('pages backwards through a long chat newest-first with getMessages', async () => {
    const client = await login();
    const peer = await entityOf(client, 'olivia_long');
    const first = await client.getMessages(peer, { limit: 40 });
    expect(first.total).toBe(DEMO_CHATS.long.messages);
    const ids = Array.from(first, (message) => message.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const older = await client.getMessages(peer, { limit: 40, offsetId: ids.at(-1) });
    expect(older[0]!.id).toBeLessThan(ids.at(-1)!);
    const everything = await client.getMessages(peer, { limit: 1000 });
    expect(everything.length).toBe(DEMO_CHATS.long.messages);
    expect(new Set(everything.map((m) => m.id)).size).toBe(DEMO_CHATS.long.messages);
    // The rich parts arrive: formatting with UTF-16 offsets, replies, media placeholders, an edit mark.
    const formatted = everything.find((m) => m.message.startsWith('Formatting:'))!;
    const bold = formatted.entities!.find((e) => e instanceof Api.MessageEntityBold)!;
    expect(formatted.message.slice(bold.offset, bold.offset + bold.length)).toBe('bold');
    const link = formatted.entities!.find((e) => e instanceof Api.MessageEntityTextUrl) as Api.MessageEntityTextUrl;
    expect(formatted.message.slice(link.offset, link.offset + link.length)).toBe('here');
    expect(everything.some((m) => m.replyTo?.replyToMsgId !== undefined)).toBe(true);
    expect(everything.some((m) => m.media instanceof Api.MessageMediaDocument)).toBe(true);
    expect(everything.find((m) => m.message === 'This one was edited ✏️')?.editDate).toBeGreaterThan(0);
  });

  it('fetches messages by id, and service messages and forwards in groups', async () => {
    const client = await login();
    const club = await entityOf(client, 'photo_club_demo');
    const history = await client.getMessages(club, { limit: 100 });
    const service = history.find((m) => m.action instanceof Api.MessageActionChannelCreate);
    expect(service).toBeDefined();
    expect(history.some((m) => m.fwdFrom?.fromId instanceof Api.PeerChannel)).toBe(true);
    expect(history.some((m) => m.media instanceof Api.MessageMediaGeo)).toBe(true);
    const byId = await client.getMessages(club, { ids: [history[3]!.id, 99_999] });
    expect(byId[0]?.id).toBe(history[3]!.id);
    const olivia = await entityOf(client, 'olivia_long');
    const [newest] = await client.getMessages(olivia, { limit: 1 });
    const again = await client.getMessages(olivia, { ids: [newest!.id] });
    expect(again[0]?.message).toBe(newest!.message);
  });

  it('downloads message photos and profile photos byte for byte', async () => {
    const client = await login();
    const club = await entityOf(client, 'photo_club_demo');
    const withPhoto = (await client.getMessages(club, { limit: 100 })).find((m) => m.media instanceof Api.MessageMediaPhoto)!;
    const bytes = (await client.downloadMedia(withPhoto)) as Buffer;
    const photoId = BigInt((withPhoto.media as Api.MessageMediaPhoto).photo!.id.toString());
    const stored = world.state.messagePhotos.get(photoId)!;
    expect(Buffer.compare(bytes, stored.sizes.at(-1)!.jpeg)).toBe(0);
    const small = (await client.downloadMedia(withPhoto, { thumb: 0 })) as Buffer;
    expect(small.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(small.length).toBeLessThan(bytes.length);

    const avatar = (await client.downloadProfilePhoto(await client.getEntity('olivia_long'))) as Buffer;
    expect(avatar.subarray(0, 2).toString('hex')).toBe('ffd8');
  });

  it('downloads a profile photo with a session resumed from its saved string', async () => {
    const first = await login();
    const saved = first.session.save() as unknown as string;
    const client = await login(DEMO_ACCOUNTS.main, saved);
    const avatar = (await client.downloadProfilePhoto(await client.getEntity('photo_club_demo'))) as Buffer;
    expect(avatar.subarray(0, 2).toString('hex')).toBe('ffd8');
  });
});

describe('sending, reading and live updates', () => {
  it('sends with sendMessage (replies included), refuses a reused random_id, and lowers unread on read', async () => {
    const client = await login();
    const peer = await entityOf(client, 'olivia_long');
    const [newest] = await client.getMessages(peer, { limit: 1 });
    const sent = await client.sendMessage(peer, { message: 'hello **there**', replyTo: newest!.id });
    expect(sent.id).toBeGreaterThan(newest!.id);
    expect(sent.out).toBe(true);
    const [top] = await client.getMessages(peer, { limit: 1 });
    expect(top!.message).toBe('hello there');
    expect(top!.replyTo?.replyToMsgId).toBe(newest!.id);
    expect(top!.entities?.[0]).toBeInstanceOf(Api.MessageEntityBold);

    const input = await client.getInputEntity('olivia_long');
    const send = () => client.invoke(new Api.messages.SendMessage({ peer: input, message: 'once', randomId: returnBigInt(777) }));
    await send();
    await expect(send()).rejects.toMatchObject({ errorMessage: 'RANDOM_ID_DUPLICATE' });

    // Channels answer `updates` with updateMessageID carrying the random_id.
    const club = await client.getInputEntity('photo_club_demo');
    const result = (await client.invoke(new Api.messages.SendMessage({ peer: club, message: 'nice', randomId: returnBigInt(4242) }))) as Api.Updates;
    const idUpdate = result.updates.find((u) => u instanceof Api.UpdateMessageID) as Api.UpdateMessageID;
    expect(String(idUpdate.randomId)).toBe('4242');
    expect(result.updates.some((u) => u instanceof Api.UpdateNewChannelMessage)).toBe(true);

    const xavierUser = world.state.user(DEMO_CHATS.unread.id)!;
    const xavier = new Api.InputPeerUser({ userId: returnBigInt(xavierUser.id.toString()), accessHash: returnBigInt(xavierUser.accessHash.toString()) });
    const unread = async () => ((await client.invoke(new Api.messages.GetPeerDialogs({ peers: [new Api.InputDialogPeer({ peer: xavier })] }))).dialogs[0] as Api.Dialog).unreadCount;
    expect(await unread()).toBe(DEMO_CHATS.unread.unread);
    const [latest] = await client.getMessages(xavier, { limit: 1 });
    await client.invoke(new Api.messages.ReadHistory({ peer: xavier, maxId: latest!.id - 10 }));
    expect(await unread()).toBe(10);
    await client.markAsRead(xavier);
    expect(await unread()).toBe(0);
  });

  it('pushes arrivals, edits, deletions, read ticks and typing to a connected client', async () => {
    const client = await login();
    await client.getDialogs({ limit: 5 });
    const seen = collect(client);
    const message = world.addMessage(MAIN, long, { text: 'pushed hello' });
    world.editMessage(MAIN, long, message.id, 'pushed hello (edited)');
    world.peerReads(MAIN, long);
    world.peerTypes(MAIN, long);
    world.deleteMessages(MAIN, long, [message.id]);
    world.addMessage(MAIN, photos, { text: 'in the club', fromId: 100_101n });
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
    const kinds = seen.map((update) => update.className);
    expect(kinds).toEqual(
      expect.arrayContaining(['UpdateShortMessage', 'UpdateEditMessage', 'UpdateReadHistoryOutbox', 'UpdateUserTyping', 'UpdateDeleteMessages', 'UpdateNewChannelMessage']),
    );
    const edit = seen.find((update) => update instanceof Api.UpdateEditMessage) as Api.UpdateEditMessage;
    expect((edit.message as Api.Message).message).toBe('pushed hello (edited)');
    expect((seen.find((update) => update instanceof Api.UpdateDeleteMessages) as Api.UpdateDeleteMessages).messages).toEqual([message.id]);
  });

  it('delivers what happened while away through updates.getDifference and getChannelDifference', async () => {
    const client = await login();
    const state = await client.invoke(new Api.updates.GetState());
    const clubInput = (await client.getInputEntity('photo_club_demo')) as Api.InputPeerChannel;
    const club = (await client.invoke(new Api.messages.GetHistory({ peer: clubInput, limit: 1, offsetId: 0, offsetDate: 0, addOffset: 0, maxId: 0, minId: 0, hash: returnBigInt(0) }))) as Api.messages.ChannelMessages;
    const saved = client.session.save() as unknown as string;
    await client.destroy();

    const away = world.addMessage(MAIN, long, { text: 'while you were away' });
    world.editMessage(MAIN, long, away.id, 'while you were away (edited)');
    world.addMessage(MAIN, photos, { text: 'club news while away', fromId: 100_103n });

    const back = await login(DEMO_ACCOUNTS.main, saved);
    const difference = await back.invoke(new Api.updates.GetDifference({ pts: state.pts, date: state.date, qts: 0 }));
    expect(difference).toBeInstanceOf(Api.updates.Difference);
    const diff = difference as Api.updates.Difference;
    expect(diff.newMessages.map((m) => (m as Api.Message).message)).toContain('while you were away');
    expect(diff.otherUpdates.some((u) => u instanceof Api.UpdateEditMessage)).toBe(true);
    const tooLong = diff.otherUpdates.find((u) => u instanceof Api.UpdateChannelTooLong) as Api.UpdateChannelTooLong;
    expect(tooLong.channelId.toString()).toBe(DEMO_CHATS.photos.id.toString());
    expect(diff.state.pts).toBeGreaterThan(state.pts);

    const channelDiff = (await back.invoke(
      new Api.updates.GetChannelDifference({ channel: new Api.InputChannel({ channelId: clubInput.channelId, accessHash: clubInput.accessHash }), filter: new Api.ChannelMessagesFilterEmpty(), pts: club.pts, limit: 100 }),
    )) as Api.updates.ChannelDifference;
    expect(channelDiff.newMessages.map((m) => (m as Api.Message).message)).toContain('club news while away');
    const empty = await back.invoke(new Api.updates.GetDifference({ pts: diff.state.pts, date: diff.state.date, qts: 0 }));
    // Nothing new in the common box any more (a same-second channel may still be named, harmlessly).
    if (empty instanceof Api.updates.Difference) expect(empty.newMessages).toEqual([]);
    else expect(empty).toBeInstanceOf(Api.updates.DifferenceEmpty);
  });

  it('delivers a message between two logged-in accounts, and the reader turns the sender\'s ticks', async () => {
    const [dana, tomas] = await Promise.all([login(), login(DEMO_ACCOUNTS.twoFactor)]);
    const seen = collect(dana);
    const tomasSeen = collect(tomas);
    await dana.sendMessage('tomas_2fa', { message: 'ping from Dana' });
    await expect.poll(() => tomasSeen.some((u) => (u as unknown) instanceof Api.UpdateShortMessage && (u as unknown as Api.UpdateShortMessage).message === 'ping from Dana'), { timeout: 10_000 }).toBe(true);
    await tomas.markAsRead('dana_demo');
    await expect.poll(() => seen.some((u) => u instanceof Api.UpdateReadHistoryOutbox), { timeout: 10_000 }).toBe(true);
  });
});
