/**
 * Top peers end to end on the local DC: hash round trip, pushes, paging, dedup, category sets,
 * disable/enable, remove (and its rollback), avatars, open/link with the local rating bump.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CATEGORIES, DEFAULT_CATEGORIES, type Category, type Peer, type TopPeersSnapshot } from '../../../../electron/shared/ipc-contract.js';
import { parsePeerKey, rankedCategory, RATING_E_DECAY, type TopPeerCategory } from '../../../../electron/local-dc/world/index.js';
import { FakeClock } from '../../../unit/core/fake-clock.js';
import { FULL_RESYNC_MS } from '../../../../electron/core/top-peers/service.js';
import { DEMO_ACCOUNTS, loginMain, makeCore, startTestDc, type TestCore, type TestDc } from '../harness.js';

const WORLD_CATEGORY: Record<Category, TopPeerCategory> = {
  correspondents: 'correspondents',
  bots_pm: 'botsPm',
  bots_inline: 'botsInline',
  bots_app: 'botsApp',
  groups: 'groups',
  channels: 'channels',
  phone_calls: 'phoneCalls',
  forward_users: 'forwardUsers',
  forward_chats: 'forwardChats',
};

let dc: TestDc;
let t: TestCore;
const main = DEMO_ACCOUNTS.main.phone;

/** The world's own answer for a category: keys best first. */
const worldTop = (category: Category, limit: number) =>
  rankedCategory(dc.world.state, dc.world.account(main), WORLD_CATEGORY[category])
    .slice(0, limit)
    .map(({ peer }) => `${peer.kind}:${peer.id}`);

/** Our list's members of a category, best first. */
const ourTop = (snapshot: TopPeersSnapshot, category: Category) =>
  snapshot.peers
    .filter((peer) => peer.categories[category] !== undefined)
    .sort((a, b) => b.categories[category]! - a.categories[category]!)
    .map((peer) => peer.key);

beforeAll(async () => {
  dc = await startTestDc();
  t = makeCore(dc);
  await t.core.start();
  await loginMain(t);
});
afterAll(async () => {
  await t.stop();
  await dc.close();
});
beforeEach(() => {
  dc.dc.faults.clear();
});

describe('fetching', () => {
  it('fetches the default categories, normalised and deduplicated, matching the world', async () => {
    const { outcome, snapshot } = await t.call('topPeers:refresh');
    expect(outcome).toBe('modified');
    expect(snapshot.status).toBe('ok');
    expect(snapshot.categories).toEqual([...DEFAULT_CATEGORIES]);
    const keys = snapshot.peers.map((peer: Peer) => peer.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const category of DEFAULT_CATEGORIES) expect(ourTop(snapshot, category)).toEqual(worldTop(category, 50));
    // A peer in two categories is one row with both ratings.
    const multi = snapshot.peers.filter((peer: Peer) => Object.keys(peer.categories).length > 1);
    expect(multi.length).toBeGreaterThan(0);
    const bob = snapshot.peers.find((peer: Peer) => peer.key === 'user:100102');
    expect(Object.keys(bob.categories).sort()).toEqual(['correspondents', 'phone_calls']);
    // Kinds are told apart.
    expect(new Set(snapshot.peers.map((peer: Peer) => peer.kind))).toEqual(new Set(['user', 'bot', 'group', 'supergroup', 'channel']));
  });

  it('an unchanged world answers NotModified: list kept, checkedAt recorded, nothing pushed', async () => {
    const before = await t.call<TopPeersSnapshot>('topPeers:get');
    const pushes = t.eventsOf('topPeers:changed').length;
    const { outcome, snapshot } = await t.call('topPeers:refresh');
    expect(outcome).toBe('not-modified');
    expect(snapshot.peers).toEqual(before.peers);
    expect(snapshot.fetchedAt).toBe(before.fetchedAt);
    expect(snapshot.checkedAt).toBeGreaterThanOrEqual(before.checkedAt!);
    expect(t.eventsOf('topPeers:changed').length).toBe(pushes);
  });

  it('a changed ranking comes back as exactly one push with the new list', async () => {
    const pushes = t.eventsOf('topPeers:changed').length;
    const before = await t.call<TopPeersSnapshot>('topPeers:get');
    const last = ourTop(before, 'correspondents').at(-1)!;
    dc.world.bumpRating(main, parsePeerKey(last as never), 'correspondents', 1_000);
    const { outcome, snapshot } = await t.call('topPeers:refresh');
    expect(outcome).toBe('modified');
    expect(ourTop(snapshot, 'correspondents')[0]).toBe(last);
    const pushed = t.eventsOf('topPeers:changed').slice(pushes);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]!.peers).toEqual(snapshot.peers);
    expect((await t.call('topPeers:refresh')).outcome).toBe('not-modified');
  });

  it('a rename pushed by Telegram updates the list at once: exactly one push, and the hash still says not-modified', async () => {
    await t.call('topPeers:refresh');
    const pushes = t.eventsOf('topPeers:changed').length;
    dc.world.renamePeer(parsePeerKey('user:100103'), { firstName: 'Carla', lastName: 'Pushed' });
    await expect.poll(() => t.eventsOf('topPeers:changed').length).toBe(pushes + 1);
    const pushed = t.eventsOf('topPeers:changed').at(-1)!;
    const renamed = pushed.peers.find((peer: Peer) => peer.key === 'user:100103');
    expect(renamed).toMatchObject({ title: 'Carla Pushed', firstName: 'Carla', lastName: 'Pushed' });
    // Ratings and order are untouched by a rename, and the cache holds the new name.
    expect((await t.call<TopPeersSnapshot>('topPeers:get')).peers).toEqual(pushed.peers);
    // Same ids in the same order: Telegram's hash says nothing changed, and nothing more is pushed.
    expect((await t.call('topPeers:refresh')).outcome).toBe('not-modified');
    expect(t.eventsOf('topPeers:changed').length).toBe(pushes + 1);
  });

  it('a user going online or offline flips the online dot with one push each', async () => {
    await t.call('topPeers:refresh');
    const key = 'user:100102';
    const onlineOf = async () => (await t.call<TopPeersSnapshot>('topPeers:get')).peers.find((peer: Peer) => peer.key === key)?.online;
    const before = (await onlineOf()) === true;
    const pushes = t.eventsOf('topPeers:changed').length;
    dc.world.setOnline(100102n, !before);
    await expect.poll(onlineOf).toBe(!before);
    dc.world.setOnline(100102n, before);
    await expect.poll(onlineOf).toBe(before);
    expect(t.eventsOf('topPeers:changed').length).toBe(pushes + 2);
  });

  it('a rename missed while not listening (no push) arrives with the daily full resync as exactly one push', async () => {
    const clock = new FakeClock(Date.now());
    const own = makeCore(dc, { clock });
    try {
      await own.core.start();
      await loginMain(own);
      await own.call('topPeers:refresh');
      const pushes = own.eventsOf('topPeers:changed').length;
      // Changed behind every client's back: the world's state directly, no update pushed.
      const user = dc.world.state.user(100101n)!;
      user.firstName = 'Alicia';
      user.lastName = 'Renamed';
      expect((await own.call('topPeers:refresh')).outcome).toBe('not-modified');
      expect(own.eventsOf('topPeers:changed').length).toBe(pushes);
      clock.jump(FULL_RESYNC_MS);
      const { outcome, snapshot } = await own.call('topPeers:refresh');
      expect(outcome).toBe('modified');
      expect(snapshot.peers.find((peer: Peer) => peer.key === 'user:100101').title).toBe('Alicia Renamed');
      const pushed = own.eventsOf('topPeers:changed').slice(pushes);
      expect(pushed).toHaveLength(1);
      expect(pushed[0]!.peers).toEqual(snapshot.peers);
      // A full resync that finds nothing new pushes nothing either.
      clock.jump(FULL_RESYNC_MS);
      expect((await own.call('topPeers:refresh')).outcome).toBe('modified');
      expect(own.eventsOf('topPeers:changed').length).toBe(pushes + 1);
    } finally {
      await own.stop();
    }
  });

  it('pages with offset += count when asked for more than one page', async () => {
    const total = rankedCategory(dc.world.state, dc.world.account(main), 'correspondents').length;
    expect(total).toBeGreaterThan(12);
    const { snapshot, hash } = await t.core.api.fetchTopPeers({ categories: ['correspondents'], limit: 5, maxPerCategory: 12 });
    expect(ourTop(snapshot, 'correspondents')).toEqual(worldTop('correspondents', 12));
    expect(hash).toBe('0'); // a list made of several pages is never compared by hash
    const all = await t.core.api.fetchTopPeers({ categories: ['correspondents'], limit: 5, maxPerCategory: 1000 });
    expect(ourTop(all.snapshot, 'correspondents')).toEqual(worldTop('correspondents', total));
  });

  it('sends hash 0 when the category set changed, then compares again', async () => {
    await t.core.api.fetchTopPeers({ categories: ['groups', 'channels'] });
    const again = await t.core.api.fetchTopPeers({ categories: ['channels', 'groups'] });
    expect(again.outcome).toBe('not-modified');
    const other = await t.core.api.fetchTopPeers({ categories: ['groups'] });
    expect(other.outcome).toBe('modified');
    expect(other.snapshot.categories).toEqual(['groups']);
    expect(other.snapshot.peers.every((peer) => peer.categories.groups !== undefined && ['group', 'supergroup'].includes(peer.kind))).toBe(true);
    expect(other.hash).not.toBe('0');
  });

  it('asks for every category when told to, in any subset', async () => {
    const { snapshot } = await t.core.api.fetchTopPeers({ categories: [...CATEGORIES], limit: 100 });
    for (const category of CATEGORIES) expect(ourTop(snapshot, category)).toEqual(worldTop(category, 100));
  });

  it('refuses an empty category set or a bad limit before the network', async () => {
    await expect(t.core.api.fetchTopPeers({ categories: [] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(t.core.api.fetchTopPeers({ limit: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(t.core.api.fetchTopPeers({ limit: 101 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('actions', () => {
  beforeEach(async () => {
    await t.core.api.fetchTopPeers({ categories: [...DEFAULT_CATEGORIES] });
  });

  it('removes a peer from suggestions on Telegram and in the list', async () => {
    const snapshot = await t.call<TopPeersSnapshot>('topPeers:get');
    const victim = snapshot.peers.find((peer) => Object.keys(peer.categories).length === 1 && peer.categories.correspondents !== undefined)!;
    const pushes = t.eventsOf('topPeers:changed').length;
    const after = await t.call<TopPeersSnapshot>('topPeers:remove', { key: victim.key, category: 'correspondents' });
    expect(after.peers.some((peer) => peer.key === victim.key)).toBe(false);
    expect(dc.world.rating(main, parsePeerKey(victim.key as never), 'correspondents')).toBeUndefined();
    expect(t.eventsOf('topPeers:changed').length).toBe(pushes + 1);
    const refreshed = await t.call('topPeers:refresh');
    expect(refreshed.snapshot.peers.some((peer: Peer) => peer.key === victim.key)).toBe(false);
  });

  it('rolls a removal back when Telegram refuses it', async () => {
    const before = await t.call<TopPeersSnapshot>('topPeers:get');
    const victim = before.peers.find((peer) => peer.categories.groups !== undefined)!;
    const pushes = t.eventsOf('topPeers:changed').length;
    dc.dc.faults.inject('contacts.ResetTopPeerRating', { kind: 'rpc-error', code: 400, message: 'PEER_ID_INVALID' });
    expect(await t.fail('topPeers:remove', { key: victim.key, category: 'groups' })).toMatchObject({ code: 'TELEGRAM' });
    const after = await t.call<TopPeersSnapshot>('topPeers:get');
    expect(after.peers).toEqual(before.peers);
    const pushed = t.eventsOf('topPeers:changed').slice(pushes);
    expect(pushed).toHaveLength(2); // the optimistic removal, then the rollback
    expect(pushed[0]!.peers.some((peer) => peer.key === victim.key && peer.categories.groups !== undefined)).toBe(false);
    expect(pushed[1]!.peers).toEqual(before.peers);
    expect(dc.world.rating(main, parsePeerKey(victim.key as never), 'groups')).toBeDefined();
  });

  it('refuses to remove a peer that is not in the category', async () => {
    expect(await t.fail('topPeers:remove', { key: 'user:999999999', category: 'groups' })).toMatchObject({ code: 'PEER_NOT_FOUND' });
  });

  it('disables and re-enables suggestions', async () => {
    const disabled = await t.call<TopPeersSnapshot>('topPeers:setEnabled', { enabled: false });
    expect(disabled).toMatchObject({ status: 'disabled', peers: [] });
    expect(dc.world.account(main).topPeersEnabled).toBe(false);
    expect((await t.call('topPeers:refresh')).outcome).toBe('disabled');
    expect(t.eventsOf('topPeers:changed').at(-1)!.status).toBe('disabled');
    const enabled = await t.call<TopPeersSnapshot>('topPeers:setEnabled', { enabled: true });
    expect(enabled.status).toBe('ok');
    expect(enabled.peers.length).toBeGreaterThan(0);
    expect(dc.world.account(main).topPeersEnabled).toBe(true);
  });

  it('serves avatars as data URLs, cached on disk by photo id; null without a photo', async () => {
    const snapshot = await t.call<TopPeersSnapshot>('topPeers:get');
    const withPhoto = snapshot.peers.find((peer) => peer.photoId)!;
    const { dataUrl } = await t.call('peers:avatar', { key: withPhoto.key });
    expect(dataUrl).toMatch(/^data:image\/jpeg;base64,/);
    const jpeg = Buffer.from(dataUrl.split(',')[1], 'base64');
    expect(jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(existsSync(join(t.dataDir, 'avatars', `${withPhoto.photoId}.jpg`))).toBe(true);
    // Served from disk now: works even when the DC refuses file downloads.
    dc.dc.faults.inject('upload.GetFile', { kind: 'rpc-error', code: 400, message: 'FILE_REFERENCE_EXPIRED', times: Infinity });
    expect((await t.call('peers:avatar', { key: withPhoto.key })).dataUrl).toBe(dataUrl);
    const withoutPhoto = snapshot.peers.find((peer) => !peer.photoId)!;
    expect(await t.call('peers:avatar', { key: withoutPhoto.key })).toEqual({ dataUrl: null });
  });

  it('opens peers in Telegram by username, user id or channel link, bumping the local rating', async () => {
    const snapshot = await t.call<TopPeersSnapshot>('topPeers:get');
    const byUsername = snapshot.peers.find((peer) => peer.kind === 'user' && peer.username)!;
    const byId = snapshot.peers.find((peer) => peer.kind === 'user' && !peer.username && !peer.deleted)!;
    const channel = snapshot.peers.find((peer) => (peer.kind === 'channel' || peer.kind === 'supergroup') && !peer.username)!;
    expect(await t.call('peers:open', { key: byUsername.key, target: 'telegram' })).toEqual({
      openedIn: 'telegram',
      url: `tg://resolve?domain=${byUsername.username}`,
    });
    expect((await t.call('peers:open', { key: byId.key, target: 'app' })).url).toBe(`tg://user?id=${byId.key.slice(5)}`);
    expect((await t.call('peers:open', { key: channel.key, target: 'telegram' })).url).toBe(`https://t.me/c/${channel.key.slice(8)}/999999999`);
    expect(t.host.opened.slice(-3)).toEqual([`tg://resolve?domain=${byUsername.username}`, `tg://user?id=${byId.key.slice(5)}`, `https://t.me/c/${channel.key.slice(8)}/999999999`]);

    // rating_e_decay came from help.getConfig (stored only from there).
    expect(t.store.get('ratingEDecay')).toBe(RATING_E_DECAY);
    const after = await t.call<TopPeersSnapshot>('topPeers:get');
    const bumped = after.peers.find((peer) => peer.key === byId.key)!;
    const elapsed = (bumped.lastOpenedAt! - after.fetchedAt!) / 1000;
    for (const [category, rating] of Object.entries(byId.categories)) {
      expect(bumped.categories[category as Category]).toBeCloseTo(rating + Math.exp(elapsed / RATING_E_DECAY), 9);
    }
    expect(bumped.lastOpenedAt).toBeGreaterThanOrEqual(after.fetchedAt!);
    // lastOpenedAt survives the next full fetch.
    const refetched = await t.core.api.fetchTopPeers({ categories: ['correspondents', 'phone_calls'] });
    expect(refetched.snapshot.peers.find((peer) => peer.key === byId.key)?.lastOpenedAt).toBe(bumped.lastOpenedAt);
  });

  it('gives public links for usernames and channels, none for private users', async () => {
    const snapshot = await t.call<TopPeersSnapshot>('topPeers:get');
    const named = snapshot.peers.find((peer) => peer.username)!;
    expect(await t.call('peers:link', { key: named.key })).toEqual({ url: `https://t.me/${named.username}` });
    const unnamed = snapshot.peers.find((peer) => peer.kind === 'user' && !peer.username)!;
    expect(await t.call('peers:link', { key: unnamed.key })).toEqual({ url: null });
  });
});

describe('a disabled account', () => {
  it('reports status disabled', async () => {
    const other = makeCore(dc);
    try {
      await other.core.start();
      await other.call('login:submitPhone', { phone: DEMO_ACCOUNTS.disabled.phone });
      await other.call('login:submitCode', { code: DEMO_ACCOUNTS.disabled.code });
      const { outcome, snapshot } = await other.call('topPeers:refresh');
      expect(outcome).toBe('disabled');
      expect(snapshot).toMatchObject({ status: 'disabled', peers: [] });
    } finally {
      await other.stop();
    }
  });
});
