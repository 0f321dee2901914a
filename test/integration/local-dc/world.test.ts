/**
 * The demo world end to end: the real gramjs client over TCP against the local DC, logging in
 * every way Telegram allows and exercising top peers, photos and messages as the app will.
 * Each describe block gets its own DC and a fresh demo world, so mutations do not leak.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Api, type TelegramClient } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { NewMessage, type NewMessageEvent } from 'telegram/events/index.js';
import { fakeDcClient } from '../../../electron/local-dc/client.js';
import { startFakeDc, type FakeDc } from '../../../electron/local-dc/index.js';
import {
  createDemoWorld,
  DEMO_2FA_PASSWORD,
  DEMO_ACCOUNTS,
  DEMO_BOT_TOKEN,
  topPeersHash,
  toSignedHash,
  type World,
} from '../../../electron/local-dc/world/index.js';

const MAIN = DEMO_ACCOUNTS.main.userId;
const ALL = {
  correspondents: true,
  botsPm: true,
  botsInline: true,
  phoneCalls: true,
  forwardUsers: true,
  forwardChats: true,
  groups: true,
  channels: true,
  botsApp: true,
} as const;

/** A fresh DC with a fresh demo world for the enclosing describe block, and client cleanup. */
function useDemoDc() {
  const env = { dc: undefined as unknown as FakeDc, world: undefined as unknown as World, clients: [] as TelegramClient[] };
  beforeAll(async () => {
    env.world = createDemoWorld();
    env.dc = await startFakeDc({ world: env.world, log: () => undefined });
  });
  afterEach(async () => {
    await Promise.all(env.clients.splice(0).map((client) => client.destroy()));
  });
  afterAll(async () => {
    await env.dc?.close();
  });
  return env;
}

/** A client destroyed after the current test, unless `keep` (then the caller destroys it). */
function newClient(env: ReturnType<typeof useDemoDc>, keep = false): TelegramClient {
  const client = fakeDcClient({ dc: env.dc });
  if (!keep) env.clients.push(client);
  return client;
}

/** Log in by phone code; collects the errors gramjs reported on the way. */
async function loginWithCode(
  env: ReturnType<typeof useDemoDc>,
  account: { phone: string; code: string; password?: string },
  codes: string[] = [account.code],
  passwords: string[] = account.password ? [account.password] : [],
  keep = false,
): Promise<{ client: TelegramClient; errors: string[] }> {
  const client = newClient(env, keep);
  const errors: string[] = [];
  await client.start({
    phoneNumber: account.phone,
    phoneCode: async () => codes.shift() ?? 'no more codes',
    password: async () => passwords.shift() ?? 'no more passwords',
    onError: async (error) => {
      errors.push((error as { errorMessage?: string }).errorMessage ?? error.message);
      return errors.length > 5; // stop rather than loop forever on an unexpected error
    },
  });
  return { client, errors };
}

const getTopPeers = (flags: Partial<typeof ALL>, page: { offset?: number; limit?: number; hash?: bigint } = {}) =>
  new Api.contacts.GetTopPeers({ ...flags, offset: page.offset ?? 0, limit: page.limit ?? 100, hash: returnBigInt((page.hash ?? 0n).toString()) });

function bareId(peer: Api.TypePeer): bigint {
  if (peer instanceof Api.PeerUser) return BigInt(peer.userId.toString());
  if (peer instanceof Api.PeerChat) return BigInt(peer.chatId.toString());
  return BigInt((peer as Api.PeerChannel).channelId.toString());
}
const foldIds = (result: Api.contacts.TopPeers) => result.categories.flatMap((c) => c.peers.map((p) => bareId(p.peer)));

async function expectRpcError(promise: Promise<unknown>, code: number, message: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code, errorMessage: message });
}

describe('login paths', () => {
  const env = useDemoDc();

  it('signs in by phone code after a wrong code', async () => {
    const { client, errors } = await loginWithCode(env, DEMO_ACCOUNTS.main, ['11111', DEMO_ACCOUNTS.main.code]);
    expect(errors).toEqual(['PHONE_CODE_INVALID']);
    const me = await client.getMe();
    expect(BigInt(me.id.toString())).toBe(MAIN);
    expect(me.self).toBe(true);
    expect(await client.checkAuthorization()).toBe(true);
  });

  it('signs in a 2FA account through real SRP after a wrong password', async () => {
    const { client, errors } = await loginWithCode(env, DEMO_ACCOUNTS.twoFactor, undefined, ['wrong password', DEMO_2FA_PASSWORD]);
    expect(errors).toEqual(['PASSWORD_HASH_INVALID']);
    expect((await client.getMe()).firstName).toBe('Tomás');
  });

  it('refuses an unregistered number at sign-in', async () => {
    const client = newClient(env);
    const errors: string[] = [];
    await expect(
      client.start({
        phoneNumber: DEMO_ACCOUNTS.unregisteredPhone,
        phoneCode: async () => '22222',
        onError: async (error) => {
          errors.push((error as { errorMessage?: string }).errorMessage ?? error.message);
          return true;
        },
      }),
    ).rejects.toThrow('AUTH_USER_CANCEL');
    expect(errors).toEqual(['PHONE_NUMBER_UNOCCUPIED']);
  });

  it('signs in by QR code once another device scans the token', async () => {
    const client = newClient(env);
    await client.connect();
    const tokens: Buffer[] = [];
    const user = await client.signInUserWithQrCode(
      { apiId: 1, apiHash: 'test' },
      {
        qrCode: async ({ token }) => {
          tokens.push(token);
          env.world.scanLoginToken(token, DEMO_ACCOUNTS.main.phone);
        },
        onError: async () => true,
      },
    );
    expect(tokens).toHaveLength(1);
    expect(BigInt(user.id.toString())).toBe(MAIN);
    expect(await client.checkAuthorization()).toBe(true);
  });

  it('signs in a 2FA account by QR code, then password', async () => {
    const client = newClient(env);
    await client.connect();
    const user = await client.signInUserWithQrCode(
      { apiId: 1, apiHash: 'test' },
      {
        qrCode: async ({ token }) => env.world.scanLoginToken(token, DEMO_ACCOUNTS.twoFactor.userId),
        password: async () => DEMO_2FA_PASSWORD,
        onError: async () => true,
      },
    );
    expect(BigInt(user.id.toString())).toBe(DEMO_ACCOUNTS.twoFactor.userId);
  });

  it('logs a bot in by token; bots get no top peers', async () => {
    const client = newClient(env);
    await client.start({ botAuthToken: DEMO_BOT_TOKEN });
    const me = await client.getMe();
    expect(me.bot).toBe(true);
    expect(me.username).toBe(DEMO_ACCOUNTS.bot.username);
    await expectRpcError(client.invoke(getTopPeers(ALL)), 400, 'BOT_METHOD_INVALID');
  });

  it('logs out: the key is no longer authorised', async () => {
    const { client } = await loginWithCode(env, DEMO_ACCOUNTS.main);
    await client.invoke(new Api.auth.LogOut());
    expect(await client.checkAuthorization()).toBe(false);
    await expectRpcError(client.invoke(getTopPeers(ALL)), 401, 'AUTH_KEY_UNREGISTERED');
  });
});

describe('contacts.getTopPeers over the wire', () => {
  const env = useDemoDc();
  let client: TelegramClient;
  beforeAll(async () => {
    ({ client } = await loginWithCode(env, DEMO_ACCOUNTS.main, undefined, undefined, true));
  });
  afterAll(async () => {
    await client.destroy();
  });
  const invoke = (request: Api.contacts.GetTopPeers) => client.invoke(request);

  it('answers all nine categories, each sorted, with the entities they reference', async () => {
    const result = (await invoke(getTopPeers(ALL))) as Api.contacts.TopPeers;
    expect(result).toBeInstanceOf(Api.contacts.TopPeers);
    expect(result.categories).toHaveLength(9);
    for (const category of result.categories) {
      expect(category.peers.length).toBeGreaterThan(0);
      const ratings = category.peers.map((peer) => peer.rating);
      expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
    }
    const users = new Set(result.users.map((u) => BigInt(u.id.toString())));
    const chats = new Set(result.chats.map((c) => BigInt(c.id.toString())));
    for (const category of result.categories) {
      for (const peer of category.peers) expect((peer.peer instanceof Api.PeerUser ? users : chats).has(bareId(peer.peer))).toBe(true);
    }
  });

  it('answers flag combinations with exactly those categories', async () => {
    const result = (await invoke(getTopPeers({ botsInline: true, forwardChats: true }))) as Api.contacts.TopPeers;
    expect(result.categories.map((c) => c.category.className)).toEqual(['TopPeerCategoryBotsInline', 'TopPeerCategoryForwardChats']);
    const bots = result.users as Api.User[];
    expect(bots.every((bot) => bot.bot && bot.botInlinePlaceholder)).toBe(true);
  });

  it('pages', async () => {
    const all = foldIds((await invoke(getTopPeers({ correspondents: true }))) as Api.contacts.TopPeers);
    const pages: bigint[] = [];
    for (let offset = 0; offset < all.length; offset += 7) {
      const page = (await invoke(getTopPeers({ correspondents: true }, { offset, limit: 7 }))) as Api.contacts.TopPeers;
      expect(page.categories[0]!.count).toBe(all.length);
      pages.push(...foldIds(page));
    }
    expect(pages).toEqual(all);
  });

  it('answers notModified to the right hash, and in full once the world changes', async () => {
    const request = (hash: bigint) => getTopPeers(ALL, { limit: 10, hash });
    const first = (await invoke(request(0n))) as Api.contacts.TopPeers;
    const hash = toSignedHash(topPeersHash(foldIds(first)));
    expect(await invoke(request(hash))).toBeInstanceOf(Api.contacts.TopPeersNotModified);

    const last = first.categories[0]!.peers.at(-1)!;
    env.world.bumpRating(MAIN, { kind: 'user', id: bareId(last.peer) }, 'correspondents', 1_000);
    const changed = (await invoke(request(hash))) as Api.contacts.TopPeers;
    expect(changed).toBeInstanceOf(Api.contacts.TopPeers);
    expect(bareId(changed.categories[0]!.peers[0]!.peer)).toBe(bareId(last.peer));
    expect(await invoke(request(toSignedHash(topPeersHash(foldIds(changed)))))).toBeInstanceOf(Api.contacts.TopPeersNotModified);
  });

  it('refuses an empty category set', async () => {
    await expectRpcError(invoke(getTopPeers({})), 400, 'TYPES_EMPTY');
  });

  it('resets one peer and toggles top peers off and on', async () => {
    const before = (await invoke(getTopPeers({ channels: true }))) as Api.contacts.TopPeers;
    const top = before.categories[0]!.peers[0]!;
    const channel = before.chats.find((chat) => BigInt(chat.id.toString()) === bareId(top.peer)) as Api.Channel;
    const inputPeer = new Api.InputPeerChannel({ channelId: channel.id, accessHash: channel.accessHash! });
    expect(await client.invoke(new Api.contacts.ResetTopPeerRating({ category: new Api.TopPeerCategoryChannels(), peer: inputPeer }))).toBe(true);
    const after = (await invoke(getTopPeers({ channels: true }))) as Api.contacts.TopPeers;
    expect(foldIds(after)).not.toContain(bareId(top.peer));
    await expectRpcError(
      client.invoke(
        new Api.contacts.ResetTopPeerRating({
          category: new Api.TopPeerCategoryChannels(),
          peer: new Api.InputPeerUser({ userId: returnBigInt(424242), accessHash: returnBigInt(1) }),
        }),
      ),
      400,
      'PEER_ID_INVALID',
    );

    expect(await client.invoke(new Api.contacts.ToggleTopPeers({ enabled: false }))).toBe(true);
    expect(await invoke(getTopPeers(ALL))).toBeInstanceOf(Api.contacts.TopPeersDisabled);
    expect(await client.invoke(new Api.contacts.ToggleTopPeers({ enabled: true }))).toBe(true);
    expect(await invoke(getTopPeers(ALL))).toBeInstanceOf(Api.contacts.TopPeers);
  });

  it('answers topPeersDisabled to an account that has them off', async () => {
    const { client: nadia } = await loginWithCode(env, DEMO_ACCOUNTS.disabled);
    expect(await nadia.invoke(getTopPeers(ALL))).toBeInstanceOf(Api.contacts.TopPeersDisabled);
  });
});

describe('photos and messages over the wire', () => {
  const env = useDemoDc();

  it('downloads profile photos byte for byte', async () => {
    const { client } = await loginWithCode(env, DEMO_ACCOUNTS.main);
    const result = (await client.invoke(getTopPeers({ correspondents: true, channels: true }))) as Api.contacts.TopPeers;
    const user = result.users.find((u) => u instanceof Api.User && u.photo instanceof Api.UserProfilePhoto) as Api.User;
    const channel = result.chats.find((c) => c instanceof Api.Channel && c.photo instanceof Api.ChatPhoto) as Api.Channel;
    for (const entity of [user, channel]) {
      const bytes = (await client.downloadProfilePhoto(entity)) as Buffer;
      const photoId = BigInt(((entity.photo as Api.UserProfilePhoto | Api.ChatPhoto).photoId).toString());
      const expected = env.world.state.photos.get(photoId)!.jpeg;
      expect(Buffer.compare(bytes, expected)).toBe(0);
      expect(bytes.subarray(0, 2).toString('hex')).toBe('ffd8');
    }
  });

  it('serves two clients at once: each its own top peers, messages delivered live between them', async () => {
    const [{ client: dana }, { client: tomas }] = await Promise.all([
      loginWithCode(env, DEMO_ACCOUNTS.main),
      loginWithCode(env, DEMO_ACCOUNTS.twoFactor),
    ]);
    const [danaTop, tomasTop] = (await Promise.all([
      dana.invoke(getTopPeers({ correspondents: true })),
      tomas.invoke(getTopPeers({ correspondents: true })),
    ])) as Api.contacts.TopPeers[];
    expect(foldIds(danaTop!)).not.toEqual(foldIds(tomasTop!));
    expect(foldIds(tomasTop!)[0]).toBe(MAIN);

    // Tomás listens; Dana writes to him through the real send path.
    const received = new Promise<NewMessageEvent>((resolve) => tomas.addEventHandler(resolve, new NewMessage({})));
    const tomasUser = danaTop!.users.find((u) => BigInt(u.id.toString()) === DEMO_ACCOUNTS.twoFactor.userId) as Api.User;
    const sent = await dana.sendMessage(tomasUser, { message: 'Hola, Tomás' });
    expect(sent.message).toBe('Hola, Tomás');
    const event = await received;
    expect(event.message.message).toBe('Hola, Tomás');
    expect(BigInt(event.message.senderId!.toString())).toBe(MAIN);

    // A message the world makes up arrives at Dana's client too.
    const incoming = new Promise<NewMessageEvent>((resolve) => dana.addEventHandler(resolve, new NewMessage({ incoming: true })));
    env.world.addMessage(MAIN, { kind: 'user', id: 100_101n }, { text: 'pushed by the world' });
    expect((await incoming).message.message).toBe('pushed by the world');
  });

  it('reads history newest first and clears unread counts', async () => {
    const { client } = await loginWithCode(env, DEMO_ACCOUNTS.main);
    const account = env.world.account(MAIN);
    const dialog = [...account.dialogs.values()].find((d) => d.peer.kind === 'user' && d.messages.some((m) => !m.out && m.id > d.readInboxMaxId))!;
    const user = env.world.state.user(dialog.peer.id)!;
    const peer = new Api.InputPeerUser({ userId: returnBigInt(user.id.toString()), accessHash: returnBigInt(user.accessHash.toString()) });
    const messages = await client.getMessages(peer, { limit: 100 });
    expect(Array.from(messages, (m) => m.id)).toEqual(dialog.messages.map((m) => m.id).reverse());

    const unread = async () =>
      ((await client.invoke(new Api.messages.GetPeerDialogs({ peers: [new Api.InputDialogPeer({ peer })] }))).dialogs[0] as Api.Dialog).unreadCount;
    expect(await unread()).toBeGreaterThan(0);
    await client.markAsRead(peer);
    expect(await unread()).toBe(0);
  });

  it('lists dialogs with unread counts and resolves a username through gramjs', async () => {
    const { client } = await loginWithCode(env, DEMO_ACCOUNTS.main);
    const dialogs = await client.getDialogs({ limit: 15 });
    expect(dialogs.length).toBe(15);
    expect(dialogs.some((dialog) => dialog.unreadCount > 0)).toBe(true);
    const skype = (await client.getEntity('skype_news')) as Api.Channel;
    expect(skype.title).toBe('Skype Updates');
    expect(skype.broadcast).toBe(true);
  });
});

describe("one user's network cut off (faults.cutOff)", () => {
  const env = useDemoDc();

  it("hangs up on that user's devices only, and answers them again once let back", async () => {
    const dana = (await loginWithCode(env, DEMO_ACCOUNTS.main)).client;
    const tomas = (await loginWithCode(env, DEMO_ACCOUNTS.twoFactor)).client;
    const connections = env.dc.stats().connections;
    const seen = env.dc.faults.callsTo('help.GetNearestDc');
    env.dc.faults.cutOff(DEMO_ACCOUNTS.twoFactor.userId, true);
    // Tomás's connection is closed; his client reconnects and asks, and is hung up on before anything is handled.
    const asked = tomas.invoke(new Api.help.GetNearestDc());
    await expect.poll(() => env.dc.stats().connections, { timeout: 10_000 }).toBeGreaterThan(connections);
    // Dana's connection carries on.
    expect((await dana.invoke(getTopPeers({ correspondents: true }))).className).toBe('contacts.TopPeers');
    expect(env.dc.faults.callsTo('help.GetNearestDc')).toBe(seen);
    env.dc.faults.cutOff(DEMO_ACCOUNTS.twoFactor.userId, false);
    // Back on the network: the call gramjs kept resending is answered.
    expect((await asked).thisDc).toBe(2);
    expect(env.dc.faults.callsTo('help.GetNearestDc')).toBe(seen + 1);
  }, 30_000);
});
