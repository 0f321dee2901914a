import { createHash } from 'node:crypto';
import { Api } from 'telegram';
import { computeCheck } from 'telegram/Password.js';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createDemoWorld,
  DEMO_2FA_PASSWORD,
  DEMO_ACCOUNTS,
  DEMO_BOT_TOKEN,
  SRP_PRIME,
  TOP_PEER_CATEGORIES,
  topPeersHash,
  toSignedHash,
  rankedCategory,
  type PeerRef,
  type World,
} from '../../../electron/local-dc/world';
import { big, call, fakeContext, long, type FakeContext } from './world-harness';
import { onlineExpires } from '../../../electron/local-dc/world/tl';

const MAIN = DEMO_ACCOUNTS.main.userId;
const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const ALL_FLAGS = {
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

function getTopPeers(flags: Partial<typeof ALL_FLAGS>, page: { offset?: number; limit?: number; hash?: bigint } = {}) {
  return new Api.contacts.GetTopPeers({ ...flags, offset: page.offset ?? 0, limit: page.limit ?? 100, hash: long(page.hash ?? 0n) });
}

function bareId(peer: Api.TypePeer): bigint {
  if (peer instanceof Api.PeerUser) return big(peer.userId);
  if (peer instanceof Api.PeerChat) return big(peer.chatId);
  return big((peer as Api.PeerChannel).channelId);
}

/** The ids a client folds: category by category as answered, peers in answer order. */
function foldIds(result: Api.contacts.TopPeers): bigint[] {
  return result.categories.flatMap((category) => category.peers.map((peer) => bareId(peer.peer)));
}

async function topPeers(world: World, ctx: FakeContext, request: Api.contacts.GetTopPeers): Promise<Api.contacts.TopPeers> {
  const result = await call(world, request, ctx);
  expect(result).toBeInstanceOf(Api.contacts.TopPeers);
  return result as Api.contacts.TopPeers;
}

const userRef = (id: bigint): PeerRef => ({ kind: 'user', id });

describe('topPeersHash', () => {
  it('follows the documented fold (worked by hand for two ids)', () => {
    expect(topPeersHash([])).toBe(0n);
    expect(topPeersHash([1n])).toBe(1n);
    // h=1: h^=h>>21 -> 1; h^=h<<35 -> 2^35+1; h^=h>>4 -> 2^35+2^31+1; h+=2
    expect(topPeersHash([1n, 2n])).toBe(2n ** 35n + 2n ** 31n + 3n);
  });

  it('wraps at 64 bits and converts to the signed long clients send', () => {
    const hash = topPeersHash([2n ** 63n, 2n ** 63n, 123_456_789n]);
    expect(hash).toBeLessThan(2n ** 64n);
    expect(hash).toBeGreaterThanOrEqual(0n);
    expect(BigInt.asUintN(64, toSignedHash(hash))).toBe(hash);
    // By hand: h = 2^64-1; h ^= h>>21 -> bits 43..63; h<<35 falls off the top; h ^= h>>4 -> bits 60..63 and 39..42; + 1.
    expect(topPeersHash([0xffff_ffff_ffff_ffffn, 1n])).toBe(0xf000_0780_0000_0001n);
  });
});

describe('demo world', () => {
  const world = createDemoWorld();

  it('has at least 60 peers besides the demo accounts themselves', () => {
    const own = new Set<bigint>([MAIN, DEMO_ACCOUNTS.twoFactor.userId, DEMO_ACCOUNTS.disabled.userId, DEMO_ACCOUNTS.bot.userId]);
    const others = [...world.state.peers.values()].filter((peer) => !(peer.kind === 'user' && own.has(peer.id)));
    expect(others.length).toBeGreaterThanOrEqual(60);
  });

  it('populates every top-peer category of the main account', () => {
    const account = world.account(DEMO_ACCOUNTS.main.phone);
    for (const category of TOP_PEER_CATEGORIES) {
      expect(rankedCategory(world.state, account, category).length, category).toBeGreaterThan(0);
    }
  });

  it('has the variety the switcher must handle', () => {
    const users = [...world.state.peers.values()].flatMap((peer) => (peer.kind === 'user' ? [peer] : []));
    const names = users.map((user) => `${user.firstName} ${user.lastName ?? ''}`);
    expect(names).toContain('Иван Петров');
    expect(names.some((name) => name.startsWith('Павел'))).toBe(true);
    expect(names).toContain('José Müller');
    expect(names.some((name) => name.startsWith('Zoë'))).toBe(true);
    expect(names.some((name) => /\p{Extended_Pictographic}/u.test(name))).toBe(true);
    expect(users.some((user) => user.deleted)).toBe(true);
    expect(users.some((user) => user.verified)).toBe(true);
    expect(users.some((user) => user.premium)).toBe(true);
    expect(users.some((user) => user.username === undefined && !user.bot && !user.deleted)).toBe(true);
    expect(users.some((user) => user.bot?.inlinePlaceholder)).toBe(true);
    expect(users.some((user) => user.bot?.hasMainApp)).toBe(true);
    const chats = [...world.state.peers.values()].filter((peer) => peer.kind !== 'user');
    expect(chats.some((peer) => peer.kind === 'chat')).toBe(true);
    expect(chats.some((peer) => peer.kind === 'channel' && !peer.broadcast)).toBe(true);
    expect(chats.some((peer) => peer.kind === 'channel' && peer.broadcast && /skype/i.test(peer.title))).toBe(true);
    const withPhoto = [...world.state.peers.values()].filter((peer) => peer.photoId !== undefined);
    expect(withPhoto.length / world.state.peers.size).toBeGreaterThan(0.6);
  });

  it('has messages, some unread', () => {
    const account = world.account(MAIN);
    const dialogs = [...account.dialogs.values()];
    expect(dialogs.length).toBeGreaterThan(20);
    expect(dialogs.every((dialog) => dialog.messages.length >= 2)).toBe(true);
    expect(dialogs.some((dialog) => dialog.messages.some((m) => !m.out && m.id > dialog.readInboxMaxId))).toBe(true);
  });

  it('is deterministic: two builds serialise identically', () => {
    expect(createDemoWorld().serialize()).toBe(world.serialize());
  });

  it('draws photos as real JPEGs (SOI … EOI), small', () => {
    for (const photo of world.state.photos.values()) {
      expect(photo.jpeg.subarray(0, 2).toString('hex')).toBe('ffd8');
      expect(photo.jpeg.subarray(-2).toString('hex')).toBe('ffd9');
      expect(photo.side).toBeGreaterThanOrEqual(64);
      expect(photo.side).toBeLessThanOrEqual(160);
    }
  });
});

describe('contacts.getTopPeers', () => {
  let world: World;
  let ctx: FakeContext;
  beforeEach(() => {
    world = createDemoWorld();
    ctx = fakeContext('key-main', MAIN);
  });

  it('answers one category, best first, with its total count', async () => {
    const result = await topPeers(world, ctx, getTopPeers({ groups: true }));
    expect(result.categories).toHaveLength(1);
    const [groups] = result.categories;
    expect(groups!.category).toBeInstanceOf(Api.TopPeerCategoryGroups);
    expect(groups!.count).toBe(groups!.peers.length);
    const ratings = groups!.peers.map((peer) => peer.rating);
    expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
    // Groups are basic chats and megagroups only.
    for (const peer of groups!.peers) {
      const ref = peer.peer instanceof Api.PeerChat ? { kind: 'chat' as const, id: bareId(peer.peer) } : { kind: 'channel' as const, id: bareId(peer.peer) };
      const found = world.state.peer(ref);
      expect(found?.kind === 'chat' || (found?.kind === 'channel' && !found.broadcast)).toBe(true);
    }
  });

  it('answers all nine categories in flag order, each with exactly its referenced entities', async () => {
    const result = await topPeers(world, ctx, getTopPeers(ALL_FLAGS));
    const order = [
      Api.TopPeerCategoryCorrespondents,
      Api.TopPeerCategoryBotsPM,
      Api.TopPeerCategoryBotsInline,
      Api.TopPeerCategoryPhoneCalls,
      Api.TopPeerCategoryForwardUsers,
      Api.TopPeerCategoryForwardChats,
      Api.TopPeerCategoryGroups,
      Api.TopPeerCategoryChannels,
      Api.TopPeerCategoryBotsApp,
    ];
    expect(result.categories.map((category) => category.category.className)).toEqual(order.map((type) => new type().className));
    const userIds = new Set(result.categories.flatMap((c) => c.peers.filter((p) => p.peer instanceof Api.PeerUser).map((p) => bareId(p.peer))));
    const chatIds = new Set(result.categories.flatMap((c) => c.peers.filter((p) => !(p.peer instanceof Api.PeerUser)).map((p) => bareId(p.peer))));
    expect(new Set(result.users.map((user) => big(user.id)))).toEqual(userIds);
    expect(new Set(result.chats.map((chat) => big(chat.id)))).toEqual(chatIds);
    expect(result.users).toHaveLength(userIds.size); // no duplicates

    const inline = result.categories[2]!.peers.map((p) => result.users.find((u) => big(u.id) === bareId(p.peer)) as Api.User);
    expect(inline.every((bot) => bot.bot && bot.botInlinePlaceholder)).toBe(true);
    const apps = result.categories[8]!.peers.map((p) => result.users.find((u) => big(u.id) === bareId(p.peer)) as Api.User);
    expect(apps.every((bot) => bot.bot && bot.botHasMainApp)).toBe(true);
  });

  it('returns only the requested combination', async () => {
    const result = await topPeers(world, ctx, getTopPeers({ correspondents: true, channels: true, botsApp: true }));
    expect(result.categories.map((c) => c.category.className)).toEqual([
      'TopPeerCategoryCorrespondents',
      'TopPeerCategoryChannels',
      'TopPeerCategoryBotsApp',
    ]);
  });

  it('pages with offset and limit per category, count staying the total', async () => {
    const full = await topPeers(world, ctx, getTopPeers({ correspondents: true }));
    const all = full.categories[0]!.peers.map((p) => bareId(p.peer));
    expect(all.length).toBeGreaterThan(10);
    const first = await topPeers(world, ctx, getTopPeers({ correspondents: true }, { offset: 0, limit: 10 }));
    const second = await topPeers(world, ctx, getTopPeers({ correspondents: true }, { offset: 10, limit: 10 }));
    expect(first.categories[0]!.count).toBe(all.length);
    expect(second.categories[0]!.count).toBe(all.length);
    expect([...foldIds(first), ...foldIds(second)]).toEqual(all.slice(0, 20));
    const past = await topPeers(world, ctx, getTopPeers({ correspondents: true }, { offset: 1000, limit: 10 }));
    // Past the end: the category is still answered (its count is still true), with no peers.
    expect(past.categories[0]!.count).toBe(all.length);
    expect(past.categories[0]!.peers).toEqual([]);
  });

  it('answers topPeersNotModified for the hash of what it would return, and in full once that changes', async () => {
    const request = (hash: bigint) => getTopPeers({ correspondents: true, groups: true, channels: true }, { limit: 20, hash });
    const first = await topPeers(world, ctx, request(0n));
    const hash = toSignedHash(topPeersHash(foldIds(first)));
    expect(await call(world, request(hash), ctx)).toBeInstanceOf(Api.contacts.TopPeersNotModified);
    expect(await call(world, request(hash + 1n), ctx)).toBeInstanceOf(Api.contacts.TopPeers);

    // A rename changes no id: still not modified.
    const top = first.categories[0]!.peers[0]!;
    world.renamePeer(userRef(bareId(top.peer)), { firstName: 'Renamed' });
    expect(await call(world, request(hash), ctx)).toBeInstanceOf(Api.contacts.TopPeersNotModified);

    // The last correspondent overtakes the first: same ids, new order, new hash.
    const last = first.categories[0]!.peers.at(-1)!;
    world.setRating(MAIN, userRef(bareId(last.peer)), 'correspondents', top.rating + 1);
    const reordered = await topPeers(world, ctx, request(hash));
    expect(bareId(reordered.categories[0]!.peers[0]!.peer)).toBe(bareId(last.peer));
    const hash2 = toSignedHash(topPeersHash(foldIds(reordered)));
    expect(hash2).not.toBe(hash);
    expect(await call(world, request(hash2), ctx)).toBeInstanceOf(Api.contacts.TopPeersNotModified);

    // A new peer enters the list.
    world.addUser({ id: 999_001n, firstName: 'Newcomer' });
    world.setRating(MAIN, userRef(999_001n), 'correspondents', 1_000);
    const grown = await topPeers(world, ctx, request(hash2));
    expect(foldIds(grown)[0]).toBe(999_001n);
    expect(grown.users.some((user) => big(user.id) === 999_001n)).toBe(true);
  });

  it('hashes only the page it would return', async () => {
    const page = await topPeers(world, ctx, getTopPeers({ correspondents: true }, { offset: 5, limit: 5 }));
    const hash = toSignedHash(topPeersHash(foldIds(page)));
    expect(await call(world, getTopPeers({ correspondents: true }, { offset: 5, limit: 5, hash }), ctx)).toBeInstanceOf(
      Api.contacts.TopPeersNotModified,
    );
    expect(await call(world, getTopPeers({ correspondents: true }, { offset: 0, limit: 5, hash }), ctx)).toBeInstanceOf(
      Api.contacts.TopPeers,
    );
  });

  it('answers topPeersDisabled for an account that turned them off', async () => {
    const nadia = fakeContext('key-nadia', DEMO_ACCOUNTS.disabled.userId);
    expect(await call(world, getTopPeers(ALL_FLAGS), nadia)).toBeInstanceOf(Api.contacts.TopPeersDisabled);
    world.setTopPeersEnabled(MAIN, false);
    expect(await call(world, getTopPeers({ groups: true }), ctx)).toBeInstanceOf(Api.contacts.TopPeersDisabled);
  });

  it('refuses no categories, bots and strangers', async () => {
    await expect(call(world, getTopPeers({}), ctx)).rejects.toMatchObject({ code: 400, errorMessage: 'TYPES_EMPTY' });
    const bot = fakeContext('key-bot', DEMO_ACCOUNTS.bot.userId);
    await expect(call(world, getTopPeers(ALL_FLAGS), bot)).rejects.toMatchObject({ code: 400, errorMessage: 'BOT_METHOD_INVALID' });
    const stranger = fakeContext('key-stranger');
    await expect(call(world, getTopPeers(ALL_FLAGS), stranger)).rejects.toMatchObject({ code: 401, errorMessage: 'AUTH_KEY_UNREGISTERED' });
  });
});

describe('contacts.resetTopPeerRating and toggleTopPeers', () => {
  let world: World;
  let ctx: FakeContext;
  beforeEach(() => {
    world = createDemoWorld();
    ctx = fakeContext('key-main', MAIN);
  });

  it('removes a peer from one category only', async () => {
    const before = await topPeers(world, ctx, getTopPeers({ correspondents: true, phoneCalls: true }));
    const called = before.categories[1]!.peers[0]!;
    const id = bareId(called.peer);
    const user = world.state.user(id)!;
    expect(world.rating(MAIN, userRef(id), 'correspondents')).toBeDefined();
    const reset = new Api.contacts.ResetTopPeerRating({
      category: new Api.TopPeerCategoryPhoneCalls(),
      peer: new Api.InputPeerUser({ userId: long(id), accessHash: long(user.accessHash) }),
    });
    expect(await call(world, reset, ctx)).toBe(true);
    const after = await topPeers(world, ctx, getTopPeers({ correspondents: true, phoneCalls: true }));
    expect(after.categories[1]!.peers.map((p) => bareId(p.peer))).not.toContain(id);
    expect(after.categories[1]!.count).toBe(before.categories[1]!.count - 1);
    expect(after.categories[0]!.peers.map((p) => bareId(p.peer))).toContain(id);
  });

  it('resets a channel by InputPeerChannel and refuses unknown peers or wrong hashes', async () => {
    const channel = [...world.state.peers.values()].find((p) => p.kind === 'channel' && p.broadcast)!;
    if (channel.kind !== 'channel') throw new Error('unreachable');
    await call(
      world,
      new Api.contacts.ResetTopPeerRating({
        category: new Api.TopPeerCategoryChannels(),
        peer: new Api.InputPeerChannel({ channelId: long(channel.id), accessHash: long(channel.accessHash) }),
      }),
      ctx,
    );
    expect(world.rating(MAIN, channel, 'channels')).toBeUndefined();
    const reset = (peer: Api.TypeInputPeer) => call(world, new Api.contacts.ResetTopPeerRating({ category: new Api.TopPeerCategoryCorrespondents(), peer }), ctx);
    await expect(reset(new Api.InputPeerUser({ userId: long(123n), accessHash: long(1n) }))).rejects.toMatchObject({ code: 400, errorMessage: 'PEER_ID_INVALID' });
    const someone = world.state.user(100_101n)!;
    await expect(reset(new Api.InputPeerUser({ userId: long(someone.id), accessHash: long(someone.accessHash + 1n) }))).rejects.toMatchObject({
      errorMessage: 'PEER_ID_INVALID',
    });
    await expect(
      reset(new Api.InputPeerChannel({ channelId: long(channel.id), accessHash: long(channel.accessHash + 1n) })),
    ).rejects.toMatchObject({ errorMessage: 'CHANNEL_INVALID' });
  });

  it('toggles top peers off and on', async () => {
    expect(await call(world, new Api.contacts.ToggleTopPeers({ enabled: false }), ctx)).toBe(true);
    expect(await call(world, getTopPeers(ALL_FLAGS), ctx)).toBeInstanceOf(Api.contacts.TopPeersDisabled);
    expect(await call(world, new Api.contacts.ToggleTopPeers({ enabled: true }), ctx)).toBe(true);
    expect(await call(world, getTopPeers(ALL_FLAGS), ctx)).toBeInstanceOf(Api.contacts.TopPeers);
  });
});

describe('login', () => {
  let world: World;
  beforeEach(() => {
    world = createDemoWorld();
  });

  const sendCode = (world: World, ctx: FakeContext, phone: string) =>
    call(world, new Api.auth.SendCode({ phoneNumber: phone, apiId: 1, apiHash: 'x', settings: new Api.CodeSettings({}) }), ctx) as Promise<Api.auth.SentCode>;
  const signIn = (world: World, ctx: FakeContext, phone: string, phoneCodeHash: string, phoneCode: string) =>
    call(world, new Api.auth.SignIn({ phoneNumber: phone, phoneCodeHash, phoneCode }), ctx);

  it('is required before getState', async () => {
    await expect(call(world, new Api.updates.GetState(), fakeContext())).rejects.toMatchObject({ code: 401, errorMessage: 'AUTH_KEY_UNREGISTERED' });
  });

  it('signs in with the test code, refusing a wrong one first', async () => {
    const ctx = fakeContext();
    const { phone, code } = DEMO_ACCOUNTS.main;
    const sent = await sendCode(world, ctx, `+${phone}`);
    expect(sent.type).toBeInstanceOf(Api.auth.SentCodeTypeApp);
    expect(sent.nextType).toBeInstanceOf(Api.auth.CodeTypeSms);
    await expect(signIn(world, ctx, phone, sent.phoneCodeHash, '11111')).rejects.toMatchObject({ code: 400, errorMessage: 'PHONE_CODE_INVALID' });
    expect(ctx.userId).toBeUndefined();
    const auth = (await signIn(world, ctx, phone, sent.phoneCodeHash, code)) as Api.auth.Authorization;
    expect(ctx.userId).toBe(MAIN);
    expect((auth.user as Api.User).self).toBe(true);
    expect(await call(world, new Api.updates.GetState(), ctx)).toBeInstanceOf(Api.updates.State);
    const [me] = (await call(world, new Api.users.GetUsers({ id: [new Api.InputUserSelf()] }), ctx)) as Api.User[];
    expect(me?.firstName).toBe('Dana');
  });

  it('resends the code by SMS', async () => {
    const ctx = fakeContext();
    const sent = await sendCode(world, ctx, DEMO_ACCOUNTS.main.phone);
    const again = (await call(world, new Api.auth.ResendCode({ phoneNumber: DEMO_ACCOUNTS.main.phone, phoneCodeHash: sent.phoneCodeHash }), ctx)) as Api.auth.SentCode;
    expect(again.type).toBeInstanceOf(Api.auth.SentCodeTypeSms);
  });

  it('refuses an unregistered number at sign-in', async () => {
    const ctx = fakeContext();
    const phone = DEMO_ACCOUNTS.unregisteredPhone;
    const sent = await sendCode(world, ctx, phone);
    await expect(signIn(world, ctx, phone, sent.phoneCodeHash, '22222')).rejects.toMatchObject({ code: 400, errorMessage: 'PHONE_NUMBER_UNOCCUPIED' });
    await expect(sendCode(world, ctx, 'not a phone')).rejects.toMatchObject({ errorMessage: 'PHONE_NUMBER_INVALID' });
  });

  it('asks a 2FA account for its password and checks it with SRP (gramjs computeCheck)', async () => {
    const ctx = fakeContext();
    const { phone, code } = DEMO_ACCOUNTS.twoFactor;
    const sent = await sendCode(world, ctx, phone);
    await expect(signIn(world, ctx, phone, sent.phoneCodeHash, code)).rejects.toMatchObject({ code: 401, errorMessage: 'SESSION_PASSWORD_NEEDED' });
    expect(ctx.userId).toBeUndefined();

    const wrong = (await call(world, new Api.account.GetPassword(), ctx)) as Api.account.Password;
    expect(wrong.hasPassword).toBe(true);
    expect(wrong.hint).toBe(DEMO_ACCOUNTS.twoFactor.hint);
    await expect(call(world, new Api.auth.CheckPassword({ password: await computeCheck(wrong, 'not the password') }), ctx)).rejects.toMatchObject({
      code: 400,
      errorMessage: 'PASSWORD_HASH_INVALID',
    });
    expect(ctx.userId).toBeUndefined();

    const right = (await call(world, new Api.account.GetPassword(), ctx)) as Api.account.Password;
    const auth = (await call(world, new Api.auth.CheckPassword({ password: await computeCheck(right, DEMO_2FA_PASSWORD) }), ctx)) as Api.auth.Authorization;
    expect(big(auth.user.id)).toBe(DEMO_ACCOUNTS.twoFactor.userId);
    expect(ctx.userId).toBe(DEMO_ACCOUNTS.twoFactor.userId);
  });

  it('refuses a replayed SRP answer', async () => {
    const ctx = fakeContext();
    const sent = await sendCode(world, ctx, DEMO_ACCOUNTS.twoFactor.phone);
    await signIn(world, ctx, DEMO_ACCOUNTS.twoFactor.phone, sent.phoneCodeHash, '22222').catch(() => undefined);
    const password = (await call(world, new Api.account.GetPassword(), ctx)) as Api.account.Password;
    const check = await computeCheck(password, DEMO_2FA_PASSWORD);
    await call(world, new Api.auth.CheckPassword({ password: check }), ctx);
    ctx.bindUser(undefined);
    await expect(call(world, new Api.auth.CheckPassword({ password: check }), ctx)).rejects.toMatchObject({ code: 401 });
  });

  it('tells an account without a cloud password that it has none', async () => {
    const password = (await call(world, new Api.account.GetPassword(), fakeContext('key-main', MAIN))) as Api.account.Password;
    expect(password.hasPassword).toBeFalsy();
    expect(password.currentAlgo ?? undefined).toBeUndefined(); // gramjs parses an absent flag field as null
    expect(password.newAlgo).toBeInstanceOf(Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow);
  });

  it('has nothing to catch up on in updates.getDifference from the current pts, but only for logged-in keys', async () => {
    const state = await call(world, new Api.updates.GetState(), fakeContext('key-main', MAIN));
    const request = new Api.updates.GetDifference({ pts: state.pts, date: state.date, qts: 0 });
    expect(await call(world, request, fakeContext('key-main', MAIN))).toBeInstanceOf(Api.updates.DifferenceEmpty);
    await expect(call(world, request, fakeContext())).rejects.toMatchObject({ code: 401 });
  });

  it('hands a client that was away the renames made since its state date, with the fresh users', async () => {
    world.attach({ pushToUser: () => undefined, pushToAuthKey: () => undefined });
    const state = (await call(world, new Api.updates.GetState(), fakeContext('key-main', MAIN))) as Api.updates.State;
    const someone = [...world.state.peers.values()].find((peer) => peer.kind === 'user' && peer.id !== MAIN)!;
    world.renamePeer({ kind: 'user', id: someone.id }, { firstName: 'Away', lastName: 'Rename' });
    const request = new Api.updates.GetDifference({ pts: state.pts, date: state.date, qts: state.qts });
    const difference = await call(world, request, fakeContext('key-main', MAIN));
    expect(difference).toBeInstanceOf(Api.updates.Difference);
    const full = difference as Api.updates.Difference;
    expect(full.otherUpdates.some((update) => update instanceof Api.UpdateUserName)).toBe(true);
    expect(full.users.find((user) => user.id.toString() === someone.id.toString())).toMatchObject({ firstName: 'Away', lastName: 'Rename' });
    // Nothing newer than the state the answer gave: empty from there on (a later second).
    const later = new Api.updates.GetDifference({ pts: full.state.pts, date: full.state.date + 1, qts: full.state.qts });
    expect(await call(world, later, fakeContext('key-main', MAIN))).toBeInstanceOf(Api.updates.DifferenceEmpty);
  });

  it('refuses the SRP bypass values A = 0 and A = p', async () => {
    const ctx = fakeContext();
    const sent = await sendCode(world, ctx, DEMO_ACCOUNTS.twoFactor.phone);
    await signIn(world, ctx, DEMO_ACCOUNTS.twoFactor.phone, sent.phoneCodeHash, '22222').catch(() => undefined);
    for (const A of [Buffer.alloc(256), Buffer.from(SRP_PRIME)]) {
      const password = (await call(world, new Api.account.GetPassword(), ctx)) as Api.account.Password;
      // With A = 0 (or p), S = 0 whatever the password, so an attacker can compute a "valid" M1
      // from K = H(0) without knowing the password. The server must reject A before that.
      const algo = password.currentAlgo as Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow;
      const g = Buffer.alloc(256);
      g[255] = algo.g;
      const hp = sha256(algo.p);
      const hg = sha256(g);
      const M1 = sha256(
        Buffer.from(hp.map((byte, i) => byte ^ hg[i]!)),
        sha256(algo.salt1),
        sha256(algo.salt2),
        A,
        password.srp_B!,
        sha256(Buffer.alloc(256)),
      );
      const forged = new Api.InputCheckPasswordSRP({ srpId: password.srpId!, A, M1 });
      await expect(call(world, new Api.auth.CheckPassword({ password: forged }), ctx)).rejects.toMatchObject({ errorMessage: 'PASSWORD_HASH_INVALID' });
    }
    expect(ctx.userId).toBeUndefined();
  });

  it('does not hand out password challenges to strangers', async () => {
    await expect(call(world, new Api.account.GetPassword(), fakeContext())).rejects.toMatchObject({ code: 401 });
  });

  it('logs in by QR: token, scan pushes updateLoginToken to the waiting key, then loginTokenSuccess', async () => {
    const waiting = fakeContext('key-qr');
    const exported = { apiId: 1, apiHash: 'x', exceptIds: [] };
    const token = (await call(world, new Api.auth.ExportLoginToken(exported), waiting)) as Api.auth.LoginToken;
    expect(token).toBeInstanceOf(Api.auth.LoginToken);
    expect(token.token.length).toBeGreaterThanOrEqual(16);

    const pushed: { key: string; update: Buffer }[] = [];
    world.attach({ pushToUser: () => undefined, pushToAuthKey: (key, update) => pushed.push({ key, update: update.getBytes() }) });
    world.scanLoginToken(token.token, `+${DEMO_ACCOUNTS.main.phone}`);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]!.key).toBe('key-qr');
    expect(pushed[0]!.update.readUInt32LE(0)).toBe(new Api.UpdateShort({ update: new Api.UpdateLoginToken(), date: 0 }).CONSTRUCTOR_ID);
    expect(pushed[0]!.update.readUInt32LE(4)).toBe(new Api.UpdateLoginToken().CONSTRUCTOR_ID);

    const success = (await call(world, new Api.auth.ExportLoginToken(exported), waiting)) as Api.auth.LoginTokenSuccess;
    expect(success).toBeInstanceOf(Api.auth.LoginTokenSuccess);
    expect(waiting.userId).toBe(MAIN);
    expect(() => world.scanLoginToken(token.token, MAIN)).toThrow(/AUTH_TOKEN_INVALID/);
  });

  it('asks for the password after a QR scan of a 2FA account', async () => {
    const waiting = fakeContext('key-qr2');
    const exported = { apiId: 1, apiHash: 'x', exceptIds: [] };
    const token = (await call(world, new Api.auth.ExportLoginToken(exported), waiting)) as Api.auth.LoginToken;
    world.scanLoginToken(token.token, DEMO_ACCOUNTS.twoFactor.userId);
    await expect(call(world, new Api.auth.ExportLoginToken(exported), waiting)).rejects.toMatchObject({ errorMessage: 'SESSION_PASSWORD_NEEDED' });
    expect(((await call(world, new Api.account.GetPassword(), waiting)) as Api.account.Password).hasPassword).toBe(true);
  });

  it('imports a scanned login token (the migrate-DC half of QR login)', async () => {
    const waiting = fakeContext('key-import');
    const token = (await call(world, new Api.auth.ExportLoginToken({ apiId: 1, apiHash: 'x', exceptIds: [] }), waiting)) as Api.auth.LoginToken;
    expect(await call(world, new Api.auth.ImportLoginToken({ token: token.token }), waiting)).toBeInstanceOf(Api.auth.LoginToken);
    world.scanLoginToken(token.token, MAIN);
    expect(await call(world, new Api.auth.ImportLoginToken({ token: token.token }), waiting)).toBeInstanceOf(Api.auth.LoginTokenSuccess);
    expect(waiting.userId).toBe(MAIN);
    await expect(call(world, new Api.auth.ImportLoginToken({ token: token.token }), waiting)).rejects.toMatchObject({ errorMessage: 'AUTH_TOKEN_INVALID' });
  });

  it('refuses an expired QR token', async () => {
    let now = 1_000;
    const { World } = await import('../../../electron/local-dc/world');
    const clocked = new World({ clock: () => now });
    clocked.addUser({ id: 1n, firstName: 'Scanner', phone: '9996621111' });
    clocked.addAccount({ userId: 1n });
    const token = (await call(clocked, new Api.auth.ExportLoginToken({ apiId: 1, apiHash: 'x', exceptIds: [] }), fakeContext())) as Api.auth.LoginToken;
    expect(token.expires).toBe(1_030);
    now = 1_031;
    expect(() => clocked.scanLoginToken(token.token, 1n)).toThrow(/EXPIRED/);
  });

  it('logs a bot in by token and logs out', async () => {
    const ctx = fakeContext('key-bot');
    await expect(
      call(world, new Api.auth.ImportBotAuthorization({ flags: 0, apiId: 1, apiHash: 'x', botAuthToken: 'nope:nope' }), ctx),
    ).rejects.toMatchObject({ errorMessage: 'ACCESS_TOKEN_INVALID' });
    const auth = (await call(world, new Api.auth.ImportBotAuthorization({ flags: 0, apiId: 1, apiHash: 'x', botAuthToken: DEMO_BOT_TOKEN }), ctx)) as Api.auth.Authorization;
    expect((auth.user as Api.User).bot).toBe(true);
    expect(ctx.userId).toBe(DEMO_ACCOUNTS.bot.userId);
    expect(await call(world, new Api.auth.LogOut(), ctx)).toBeInstanceOf(Api.auth.LoggedOut);
    expect(ctx.userId).toBeUndefined();
    await expect(call(world, new Api.auth.LogOut(), ctx)).rejects.toMatchObject({ code: 401 });
  });
});

describe('config, users, photos, messages', () => {
  let world: World;
  let ctx: FakeContext;
  beforeEach(() => {
    world = createDemoWorld();
    ctx = fakeContext('key-main', MAIN);
  });

  it('describes itself in help.getConfig', async () => {
    const config = (await call(world, new Api.help.GetConfig(), fakeContext())) as Api.Config;
    expect(config.thisDc).toBe(2);
    expect(config.ratingEDecay).toBe(2_419_200);
    // Every DC id Telegram has, all served here (see world/dc-auth.ts).
    expect(config.dcOptions.map((option) => option.id)).toEqual([1, 2, 3, 4, 5]);
    for (const option of config.dcOptions) expect(option).toMatchObject({ ipAddress: '127.0.0.1', port: 40_002 });
    const nearest = (await call(world, new Api.help.GetNearestDc(), fakeContext())) as Api.NearestDc;
    expect(nearest.thisDc).toBe(2);
  });

  it('records the client\'s own status and answers help.getAppConfig', async () => {
    expect(await call(world, new Api.account.UpdateStatus({ offline: true }), ctx)).toBe(true);
    expect(world.state.user(MAIN)!.status?.kind).toBe('offline');
    expect(await call(world, new Api.account.UpdateStatus({ offline: false }), ctx)).toBe(true);
    expect(world.state.user(MAIN)!.status?.kind).toBe('online');
    expect(await call(world, new Api.help.GetAppConfig({ hash: 0 }), ctx)).toBeInstanceOf(Api.help.AppConfig);
  });

  it('tells the other accounts\' clients when someone comes online', () => {
    const pushed: { userId: bigint; update: { getBytes(): Buffer } }[] = [];
    world.attach({ pushToUser: (userId, update) => pushed.push({ userId, update }), pushToAuthKey: () => undefined });
    world.setOnline(100_101n, true);
    expect(pushed.map((p) => p.userId)).toContain(MAIN);
    const update = pushed[0]!.update as Api.UpdateShort;
    expect(update.update).toBeInstanceOf(Api.UpdateUserStatus);
    expect((update.update as Api.UpdateUserStatus).status).toBeInstanceOf(Api.UserStatusOnline);
  });

  it('renders user status and full users', async () => {
    const id = 100_101n;
    world.setOnline(id, true);
    const user = world.state.user(id)!;
    const [online] = (await call(world, new Api.users.GetUsers({ id: [new Api.InputUser({ userId: long(id), accessHash: long(user.accessHash) })] }), ctx)) as Api.User[];
    expect(online!.status).toBeInstanceOf(Api.UserStatusOnline);
    world.setOnline(id, false);
    const [offline] = (await call(world, new Api.users.GetUsers({ id: [new Api.InputUser({ userId: long(id), accessHash: long(user.accessHash) })] }), ctx)) as Api.User[];
    expect(offline!.status).toBeInstanceOf(Api.UserStatusOffline);
    const full = (await call(world, new Api.users.GetFullUser({ id: new Api.InputUser({ userId: long(id), accessHash: long(user.accessHash) }) }), ctx)) as Api.users.UserFull;
    expect(big(full.fullUser.id)).toBe(id);
    expect(full.fullUser.profilePhoto).toBeInstanceOf(Api.Photo);
  });

  it('serves a profile photo byte for byte through upload.getFile, in chunks', async () => {
    const user = world.state.user(100_101n)!;
    const photo = world.state.photos.get(user.photoId!)!;
    const location = new Api.InputPeerPhotoFileLocation({
      peer: new Api.InputPeerUser({ userId: long(user.id), accessHash: long(user.accessHash) }),
      photoId: long(photo.id),
    });
    const chunks: Buffer[] = [];
    for (let offset = 0; ; offset += 1024) {
      const file = (await call(world, new Api.upload.GetFile({ location, offset: long(offset), limit: 1024 }), ctx)) as Api.upload.File;
      expect(file.type).toBeInstanceOf(Api.storage.FileJpeg);
      chunks.push(file.bytes);
      if (file.bytes.length < 1024) break;
    }
    const bytes = Buffer.concat(chunks);
    expect(bytes.equals(photo.jpeg)).toBe(true);
    expect(bytes.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(bytes.subarray(-2).toString('hex')).toBe('ffd9');

    const other = world.state.user(100_102n)!;
    const wrongOwner = new Api.InputPeerPhotoFileLocation({
      peer: new Api.InputPeerUser({ userId: long(other.id), accessHash: long(other.accessHash) }),
      photoId: long(photo.id),
    });
    await expect(call(world, new Api.upload.GetFile({ location: wrongOwner, offset: long(0), limit: 4096 }), ctx)).rejects.toMatchObject({ errorMessage: 'LOCATION_INVALID' });
    await expect(call(world, new Api.upload.GetFile({ location, offset: long(0), limit: 1000 }), ctx)).rejects.toMatchObject({ errorMessage: 'LIMIT_INVALID' });
  });

  it('gives a new photo id on setPhoto', () => {
    const ref = userRef(100_101n);
    const before = world.state.user(ref.id)!.photoId;
    const id = world.setPhoto(ref, { from: [0, 0, 0], to: [255, 255, 255], size: 64 });
    expect(id).not.toBe(before);
    expect(world.state.user(ref.id)!.photoId).toBe(id);
  });

  it('pages history newest first', async () => {
    const peerId = 100_101n;
    const user = world.state.user(peerId)!;
    for (let n = 0; n < 10; n++) world.addMessage(MAIN, userRef(peerId), { text: `extra ${n}`, date: 1_800_000_000 + n });
    const peer = new Api.InputPeerUser({ userId: long(peerId), accessHash: long(user.accessHash) });
    const history = (await call(world, new Api.messages.GetHistory({ peer, offsetId: 0, offsetDate: 0, addOffset: 0, limit: 5, maxId: 0, minId: 0, hash: long(0) }), ctx)) as Api.messages.MessagesSlice;
    expect(history).toBeInstanceOf(Api.messages.MessagesSlice);
    const texts = history.messages.map((m) => (m as Api.Message).message);
    expect(texts).toEqual(['extra 9', 'extra 8', 'extra 7', 'extra 6', 'extra 5']);
    const lastId = (history.messages.at(-1) as Api.Message).id;
    const next = (await call(world, new Api.messages.GetHistory({ peer, offsetId: lastId, offsetDate: 0, addOffset: 0, limit: 3, maxId: 0, minId: 0, hash: long(0) }), ctx)) as Api.messages.MessagesSlice;
    expect(next.messages.map((m) => (m as Api.Message).message)).toEqual(['extra 4', 'extra 3', 'extra 2']);
    expect(history.users.some((u) => big(u.id) === peerId)).toBe(true);
  });

  it('sends, reads, and reports unread counts per dialog', async () => {
    const dialogWithUnread = [...world.account(MAIN).dialogs.values()].find(
      (d) => d.peer.kind === 'user' && d.messages.some((m) => !m.out && m.id > d.readInboxMaxId),
    )!;
    const user = world.state.user(dialogWithUnread.peer.id)!;
    const peer = new Api.InputPeerUser({ userId: long(user.id), accessHash: long(user.accessHash) });
    const dialogs = async () => (await call(world, new Api.messages.GetPeerDialogs({ peers: [new Api.InputDialogPeer({ peer })] }), ctx)) as Api.messages.PeerDialogs;
    const before = await dialogs();
    expect((before.dialogs[0] as Api.Dialog).unreadCount).toBeGreaterThan(0);
    expect(before.messages).toHaveLength(1);

    const affected = (await call(world, new Api.messages.ReadHistory({ peer, maxId: 0 }), ctx)) as Api.messages.AffectedMessages;
    expect(affected.ptsCount).toBe(1);
    expect(((await dialogs()).dialogs[0] as Api.Dialog).unreadCount).toBe(0);

    const sent = await call(world, new Api.messages.SendMessage({ peer, message: 'hello from the test', randomId: long(42n) }), ctx);
    expect(sent).toBeInstanceOf(Api.UpdateShortSentMessage);
    const after = await dialogs();
    expect(after.dialogs[0]!.topMessage).toBe((sent as Api.UpdateShortSentMessage).id);
    expect((after.messages[0] as Api.Message).message).toBe('hello from the test');
  });

  it('reads channels with channels.readHistory and answers channel history as channelMessages', async () => {
    const dialog = [...world.account(MAIN).dialogs.values()].find((d) => d.peer.kind === 'channel')!;
    const channel = world.state.channel(dialog.peer.id)!;
    const input = { channelId: long(channel.id), accessHash: long(channel.accessHash) };
    expect(await call(world, new Api.channels.ReadHistory({ channel: new Api.InputChannel(input), maxId: 0 }), ctx)).toBe(true);
    const history = await call(world, new Api.messages.GetHistory({ peer: new Api.InputPeerChannel(input), offsetId: 0, offsetDate: 0, addOffset: 0, limit: 10, maxId: 0, minId: 0, hash: long(0) }), ctx);
    expect(history).toBeInstanceOf(Api.messages.ChannelMessages);
  });

  it('lists dialogs most recent first, in pages', async () => {
    const request = (offsetPeer: Api.TypeInputPeer, limit: number) =>
      new Api.messages.GetDialogs({ offsetDate: 0, offsetId: 0, offsetPeer, limit, hash: long(0) });
    const first = (await call(world, request(new Api.InputPeerEmpty(), 5), ctx)) as Api.messages.DialogsSlice;
    expect(first).toBeInstanceOf(Api.messages.DialogsSlice);
    expect(first.dialogs).toHaveLength(5);
    expect(first.count).toBe([...world.account(MAIN).dialogs.values()].filter((d) => d.folderId !== 1).length);
    const dialogs = first.dialogs.filter((d): d is Api.Dialog => d instanceof Api.Dialog);
    const dates = dialogs.filter((d) => !d.pinned).map((d) => (first.messages.find((m) => m.id === d.topMessage) as Api.Message).date);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    const last = (first.dialogs.at(-1) as Api.Dialog).peer;
    const lastPeer = world.state.peer({ kind: last instanceof Api.PeerUser ? 'user' : last instanceof Api.PeerChat ? 'chat' : 'channel', id: bareId(last) })!;
    const offsetPeer =
      lastPeer.kind === 'user'
        ? new Api.InputPeerUser({ userId: long(lastPeer.id), accessHash: long(lastPeer.accessHash) })
        : lastPeer.kind === 'chat'
          ? new Api.InputPeerChat({ chatId: long(lastPeer.id) })
          : new Api.InputPeerChannel({ channelId: long(lastPeer.id), accessHash: long(lastPeer.accessHash) });
    const second = (await call(world, request(offsetPeer, 5), ctx)) as Api.messages.DialogsSlice;
    const firstIds = first.dialogs.map((d) => bareId((d as Api.Dialog).peer));
    expect(second.dialogs.map((d) => bareId((d as Api.Dialog).peer)).some((id) => firstIds.includes(id))).toBe(false);
  });

  it('resolves usernames of users and channels, case-insensitively', async () => {
    const resolved = (await call(world, new Api.contacts.ResolveUsername({ username: 'Skype_News' }), ctx)) as Api.contacts.ResolvedPeer;
    expect(resolved.peer).toBeInstanceOf(Api.PeerChannel);
    expect((resolved.chats[0] as Api.Channel).title).toBe('Skype Updates');
    await expect(call(world, new Api.contacts.ResolveUsername({ username: 'nobody_here' }), ctx)).rejects.toMatchObject({ errorMessage: 'USERNAME_NOT_OCCUPIED' });
  });

  it('gives both demo accounts their side of a shared conversation', () => {
    const dana = world.account(MAIN).dialogs.get(`user:${DEMO_ACCOUNTS.twoFactor.userId}`)!;
    const tomas = world.account(DEMO_ACCOUNTS.twoFactor.userId).dialogs.get(`user:${MAIN}`)!;
    expect(tomas.messages.map((m) => [m.text, !m.out])).toEqual(dana.messages.map((m) => [m.text, m.out]));
  });

  it('pushes a new incoming message to the account', () => {
    const pushed: { userId: bigint; update: { getBytes(): Buffer } }[] = [];
    world.attach({ pushToUser: (userId, update) => pushed.push({ userId, update }), pushToAuthKey: () => undefined });
    const message = world.addMessage(MAIN, userRef(100_101n), { text: 'ping' });
    expect(pushed).toHaveLength(1);
    expect(pushed[0]!.userId).toBe(MAIN);
    expect(pushed[0]!.update).toBeInstanceOf(Api.UpdateShortMessage);
    expect((pushed[0]!.update as Api.UpdateShortMessage).id).toBe(message.id);
  });

  it('removes a peer from ratings and dialogs', async () => {
    const result = await topPeers(world, ctx, getTopPeers({ correspondents: true }));
    const top = bareId(result.categories[0]!.peers[0]!.peer);
    world.removePeer(userRef(top));
    const after = await topPeers(world, ctx, getTopPeers({ correspondents: true }));
    expect(foldIds(after)).not.toContain(top);
    expect(world.account(MAIN).dialogs.has(`user:${top}`)).toBe(false);
  });
});

describe('userStatusOnline.expires', () => {
  it('is one moment for answers seconds apart, and always 5 to 10 minutes ahead', () => {
    for (let now = 1_796_146_000; now < 1_796_146_000 + 900; now += 1) {
      const expires = onlineExpires(now);
      expect(expires - now).toBeGreaterThan(300);
      expect(expires - now).toBeLessThanOrEqual(600);
    }
    // Within one five-minute window two answers agree, whatever second each came at.
    expect(onlineExpires(1_796_146_500)).toBe(onlineExpires(1_796_146_501));
    expect(onlineExpires(1_796_146_500 + 299)).toBe(onlineExpires(1_796_146_500));
  });
});
