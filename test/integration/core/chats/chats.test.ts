/**
 * The chats service against the local DC over TCP with the real gramjs client, and a real
 * SQLite cache on disk: history paging, send with echo and failure, read lowering the badge,
 * pushed messages, edits and deletions, and catching up after a restart.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Api, type TelegramClient } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { Raw } from 'telegram/events/index.js';
import { fakeDcClient } from '../../../../electron/local-dc/client.js';
import { startFakeDc, type FakeDc } from '../../../../electron/local-dc/index.js';
import { createDemoWorld, DEMO_ACCOUNTS, DEMO_CHATS, type World } from '../../../../electron/local-dc/world/index.js';
import { ChatCache } from '../../../../electron/core/chats/cache.js';
import type { ChatView } from '../../../../electron/core/chats/model.js';
import { ChatsService, PAGE_SIZE, REFRESH_AFTER_CACHE_MS, type ChatsEvent } from '../../../../electron/core/chats/service.js';

const MAIN = DEMO_ACCOUNTS.main.userId;
const OLIVIA = `user:${DEMO_CHATS.long.id}`;
const XAVIER = `user:${DEMO_CHATS.unread.id}`;
const CLUB = `channel:${DEMO_CHATS.photos.id}`;

let dc: FakeDc;
let world: World;
let dir: string;
let session = '';
const running: { client: TelegramClient; service: ChatsService }[] = [];

beforeAll(async () => {
  world = createDemoWorld();
  dc = await startFakeDc({ world, log: () => undefined });
  dir = mkdtempSync(join(tmpdir(), 'topswitch-chats-'));
  const client = fakeDcClient({ dc });
  await client.start({ phoneNumber: DEMO_ACCOUNTS.main.phone, phoneCode: async () => DEMO_ACCOUNTS.main.code, onError: async (error) => { throw error; } });
  session = client.session.save() as unknown as string;
  await client.destroy();
});
afterEach(async () => {
  for (const { client, service } of running.splice(0)) {
    service.stop();
    await client.destroy();
  }
  dc.faults.clear();
});
afterAll(async () => {
  await dc?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The InputPeer the app knows from its top peers (access hashes as Telegram gave them). */
function inputPeer(key: string): Api.TypeInputPeer | undefined {
  const [kind, raw] = key.split(':') as [string, string];
  const id = BigInt(raw);
  if (kind === 'user') {
    const user = world.state.user(id);
    return user && new Api.InputPeerUser({ userId: returnBigInt(raw), accessHash: returnBigInt(user.accessHash.toString()) });
  }
  if (kind === 'chat') return new Api.InputPeerChat({ chatId: returnBigInt(raw) });
  const channel = world.state.channel(id);
  return channel && new Api.InputPeerChannel({ channelId: returnBigInt(raw), accessHash: returnBigInt(channel.accessHash.toString()) });
}

async function startService(file: string, options: { cap?: number } = {}) {
  const client = fakeDcClient({ dc, session });
  await client.connect();
  const events: ChatsEvent[] = [];
  /** Each call as it leaves, and as it is answered. */
  const calls: string[] = [];
  const invoke = async <R extends Parameters<TelegramClient['invoke']>[0]>(request: R) => {
    calls.push(request.className);
    const result = await client.invoke(request);
    calls.push(`answered ${request.className}`);
    return result;
  };
  const service = new ChatsService({ transport: { invoke }, cache: new ChatCache(file, options), inputPeer, onEvent: (event) => events.push(event) });
  client.addEventHandler((update: unknown) => service.handleUpdate(update), new Raw({}));
  running.push({ client, service });
  await service.start();
  const lastView = (key: string): ChatView | undefined =>
    events.filter((event): event is Extract<ChatsEvent, { type: 'chat:view' }> => event.type === 'chat:view' && event.view.key === key).at(-1)?.view;
  const badge = (key: string) => events.flatMap((event) => (event.type === 'chat:badges' ? event.badges : [])).filter((b) => b.key === key).at(-1);
  return { client, service, events, calls, lastView, badge };
}

const loaded = async (t: Awaited<ReturnType<typeof startService>>, key: string) => {
  await expect.poll(() => t.lastView(key)?.loading === false, { timeout: 10_000 }).toBe(true);
  return t.lastView(key)!;
};

describe('history', () => {
  it('pages backwards newest-first, and a chat opened before shows from the cache at once', async () => {
    const file = join(dir, 'paging.sqlite');
    const t = await startService(file);
    const first = await t.service.open(OLIVIA);
    expect(first.messages).toEqual([]);
    expect(first.loading).toBe(true);
    const view = await loaded(t, OLIVIA);
    expect(view.messages).toHaveLength(PAGE_SIZE);
    const ids = view.messages.map((m) => m.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const older = await t.service.loadOlder(OLIVIA);
    expect(older.messages).toHaveLength(2 * PAGE_SIZE);
    expect(older.messages[PAGE_SIZE]!.id).toBeLessThan(ids.at(-1)!);
    // Rich parts survive normalisation.
    let all = older;
    while (all.hasOlder) all = await t.service.loadOlder(OLIVIA);
    expect(all.messages.length).toBe(world.account(MAIN).dialogs.get(OLIVIA as `user:${string}`)!.messages.length);
    const formatted = all.messages.find((m) => m.text.startsWith('Formatting:'))!;
    expect(formatted.entities.map((e) => e.type)).toEqual(expect.arrayContaining(['bold', 'italic', 'textUrl']));
    expect(all.messages.some((m) => m.media?.kind === 'voice')).toBe(true);
    t.service.stop();

    const again = await startService(file);
    const instant = await again.service.open(OLIVIA);
    expect(instant.messages.map((m) => m.id)).toEqual(ids);
  });

  it('asks for nothing beside the history the pane waits for, and fetches a cached chat once it has been shown', async () => {
    const t = await startService(join(dir, 'order.sqlite'));
    await t.service.badges([OLIVIA]);
    const heard = t.calls.length;
    await t.service.open(OLIVIA);
    // Nothing cached: the history leaves at once, alone; the heard badge's read marks follow it.
    expect(t.calls.slice(heard)).toEqual(['messages.GetHistory']);
    await loaded(t, OLIVIA);
    await expect.poll(() => t.calls.slice(heard)).toEqual(['messages.GetHistory', 'answered messages.GetHistory', 'messages.GetPeerDialogs', 'answered messages.GetPeerDialogs']);
    t.service.close(OLIVIA);

    const before = t.calls.length;
    const cached = await t.service.open(OLIVIA);
    expect(cached.messages).toHaveLength(PAGE_SIZE);
    await new Promise((done) => setImmediate(done));
    expect(t.calls.slice(before)).toEqual([]);
    await t.service.settled(OLIVIA);
    expect(t.calls.slice(before)).toEqual(['messages.GetHistory', 'answered messages.GetHistory', 'messages.GetPeerDialogs', 'answered messages.GetPeerDialogs']);
    expect((await loaded(t, OLIVIA)).messages).toHaveLength(PAGE_SIZE);
    t.service.close(OLIVIA);

    // Left before that moment was up: its newest page is not fetched at all.
    const left = t.calls.length;
    await t.service.open(OLIVIA);
    t.service.close(OLIVIA);
    await new Promise((done) => setTimeout(done, 3 * REFRESH_AFTER_CACHE_MS));
    expect(t.calls.slice(left)).toEqual([]);
  });

  it('shows photos, replies, forwards and service messages of a group', async () => {
    const t = await startService(join(dir, 'club.sqlite'));
    await t.service.open(CLUB);
    const view = await loaded(t, CLUB);
    expect(view.messages.some((m) => m.media?.kind === 'photo')).toBe(true);
    expect(view.messages.some((m) => m.forwardedFrom)).toBe(true);
    expect(view.messages.some((m) => m.service === 'pinned a message')).toBe(true);
    expect(view.messages.some((m) => m.replyToId !== undefined)).toBe(true);
    const from = view.messages.find((m) => !m.out && !m.service)!.fromKey!;
    expect(from).toMatch(/^user:/);
    // The header's line and the senders' names come with the view, from what Telegram answered.
    expect(view.about).toEqual({ members: world.state.channel(DEMO_CHATS.photos.id)!.participantsCount });
    const user = world.state.user(BigInt(from.slice('user:'.length)))!;
    expect(view.senders?.[from]).toBe([user.firstName, user.lastName].filter(Boolean).join(' '));
  });

  it('says PEER_NOT_FOUND for a chat Telegram no longer has', async () => {
    const t = await startService(join(dir, 'gone.sqlite'));
    dc.faults.inject('messages.GetHistory', { kind: 'rpc-error', code: 400, message: 'CHANNEL_PRIVATE' });
    await t.service.open(CLUB);
    expect((await loaded(t, CLUB)).error).toMatchObject({ code: 'PEER_NOT_FOUND' });
  });

  it("says whether the user of a private chat is online, and follows the change", async () => {
    const t = await startService(join(dir, 'presence.sqlite'));
    await t.service.open(OLIVIA);
    expect((await loaded(t, OLIVIA)).about).toEqual({ online: true });
    world.setOnline(DEMO_CHATS.long.id, false);
    await expect.poll(() => t.lastView(OLIVIA)?.about).toEqual({ online: false, lastSeenAt: expect.any(Number) });
  });
});

describe('sending', () => {
  it('echoes at once, then shows the message Telegram stored', async () => {
    const t = await startService(join(dir, 'send.sqlite'));
    await t.service.open(OLIVIA);
    await loaded(t, OLIVIA);
    const sending = t.service.send(OLIVIA, 'hello <b>there</b>');
    expect(t.lastView(OLIVIA)!.messages[0]).toMatchObject({ state: 'pending', text: 'hello <b>there</b>', id: 0 });
    const sent = await sending;
    expect(sent.id).toBeGreaterThan(0);
    expect(t.lastView(OLIVIA)!.messages[0]).toMatchObject({ id: sent.id, state: 'sent', text: 'hello <b>there</b>' });
    expect(world.account(MAIN).dialogs.get(OLIVIA as `user:${string}`)!.messages.at(-1)!.text).toBe('hello <b>there</b>');
    await expect(t.service.send(OLIVIA, '   ')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('keeps a send Telegram asks to wait for queued with its wait, and a retry posts it exactly once', async () => {
    const t = await startService(join(dir, 'fail.sqlite'));
    await t.service.open(CLUB);
    await loaded(t, CLUB);
    dc.faults.inject('messages.SendMessage', { kind: 'rpc-error', code: 420, message: 'FLOOD_WAIT_120' });
    const queued = await t.service.send(CLUB, 'flooded');
    expect(queued).toMatchObject({ state: 'queued', text: 'flooded', error: { code: 'RATE_LIMITED' } });
    expect(t.lastView(CLUB)!.messages[0]).toMatchObject({ state: 'queued', text: 'flooded', randomId: queued.randomId });
    expect(queued.error!.retryAt).toBeGreaterThan(Date.now() + 100_000);
    const sent = await t.service.retry(CLUB, queued.randomId!);
    expect(sent.id).toBeGreaterThan(0);
    expect(world.account(MAIN).dialogs.get(CLUB as `channel:${string}`)!.messages.filter((m) => m.text === 'flooded')).toHaveLength(1);
    expect(t.lastView(CLUB)!.messages.filter((m) => m.text === 'flooded')).toHaveLength(1);

    dc.faults.inject('messages.SendMessage', { kind: 'rpc-error', code: 420, message: 'SLOWMODE_WAIT_30' });
    const slow = await t.service.send(CLUB, 'slow');
    expect(slow).toMatchObject({ state: 'queued', error: { code: 'RATE_LIMITED', message: expect.stringMatching(/Slow mode/) } });
  });

  it('marks a refused send failed, and Delete removes it', async () => {
    const t = await startService(join(dir, 'refused.sqlite'));
    await t.service.open(OLIVIA);
    await loaded(t, OLIVIA);
    dc.faults.inject('messages.SendMessage', { kind: 'rpc-error', code: 400, message: 'PEER_ID_INVALID' });
    await expect(t.service.send(OLIVIA, 'refused')).rejects.toMatchObject({ code: 'TELEGRAM' });
    const failed = t.lastView(OLIVIA)!.messages[0]!;
    expect(failed).toMatchObject({ state: 'failed', text: 'refused', error: { code: 'TELEGRAM' } });
    t.service.cancel(OLIVIA, failed.randomId!);
    expect(t.lastView(OLIVIA)!.messages.filter((m) => m.text === 'refused')).toEqual([]);
    expect(() => t.service.cancel(OLIVIA, failed.randomId!)).toThrow(/No such unsent message/);
  });
});

describe('reading and live updates', () => {
  it('read lowers the unread badge', async () => {
    const t = await startService(join(dir, 'read.sqlite'));
    const [before] = await t.service.badges([XAVIER]);
    expect(before!.unreadCount).toBe(DEMO_CHATS.unread.unread);
    await t.service.open(XAVIER);
    await loaded(t, XAVIER);
    await t.service.read(XAVIER);
    const [after] = await t.service.badges([XAVIER]);
    expect(after!.unreadCount).toBe(0);
    expect(t.badge(XAVIER)?.unreadCount).toBe(0);
  });

  it('a pushed message appears in the open chat and as a badge elsewhere; edits and deletions follow', async () => {
    const t = await startService(join(dir, 'live.sqlite'));
    await t.service.open(OLIVIA);
    await loaded(t, OLIVIA);
    const pushed = world.addMessage(MAIN, { kind: 'user', id: DEMO_CHATS.long.id }, { text: 'live one' });
    await expect.poll(() => t.lastView(OLIVIA)?.messages[0]?.text, { timeout: 10_000 }).toBe('live one');
    world.addMessage(MAIN, { kind: 'user', id: DEMO_CHATS.unread.id }, { text: 'elsewhere' });
    await expect.poll(() => t.badge(XAVIER)?.unreadCount ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);

    world.editMessage(MAIN, { kind: 'user', id: DEMO_CHATS.long.id }, pushed.id, 'live one, edited');
    await expect.poll(() => t.lastView(OLIVIA)?.messages[0]?.text, { timeout: 10_000 }).toBe('live one, edited');
    expect(t.lastView(OLIVIA)!.messages[0]!.editDate).toBeGreaterThan(0);
    world.peerTypes(MAIN, { kind: 'user', id: DEMO_CHATS.long.id });
    await expect.poll(() => t.lastView(OLIVIA)?.typing, { timeout: 10_000 }).toBe(OLIVIA);
    world.peerReads(MAIN, { kind: 'user', id: DEMO_CHATS.long.id });
    await expect.poll(() => t.lastView(OLIVIA)?.readOutboxMaxId ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
    world.deleteMessages(MAIN, { kind: 'user', id: DEMO_CHATS.long.id }, [pushed.id]);
    await expect.poll(() => t.lastView(OLIVIA)?.messages.some((m) => m.id === pushed.id), { timeout: 10_000 }).toBe(false);
  });

  it('catches up after a restart: what arrived while away is in the cache', async () => {
    const file = join(dir, 'restart.sqlite');
    const t = await startService(file);
    await t.service.open(CLUB);
    await loaded(t, CLUB);
    t.service.stop();
    await t.client.destroy();
    running.splice(0);

    const away = world.addMessage(MAIN, { kind: 'user', id: DEMO_CHATS.long.id }, { text: 'while the app was closed' });
    world.addMessage(MAIN, { kind: 'channel', id: DEMO_CHATS.photos.id }, { text: 'club while closed', fromId: 100_101n });

    const back = await startService(file);
    expect(back.service.cache.get(OLIVIA, away.id)?.text).toBe('while the app was closed');
    expect(back.badge(OLIVIA)?.unreadCount ?? 0).toBeGreaterThan(0);
    // The channel is replayed from its own pts with updates.getChannelDifference.
    expect(back.service.cache.messages(CLUB, 5).some((m) => m.text === 'club while closed')).toBe(true);
  });
});

describe('the cache', () => {
  it('keeps under its size cap, and logout wipes the file', async () => {
    const file = join(dir, 'cap.sqlite');
    const t = await startService(file, { cap: 60 });
    await t.service.open(OLIVIA);
    await loaded(t, OLIVIA);
    await t.service.loadOlder(OLIVIA);
    expect(t.service.cache.count()).toBeLessThanOrEqual(60);
    t.service.stop();
    t.service.cache.wipe();
    expect(existsSync(file)).toBe(false);
  });
});
