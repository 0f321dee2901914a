/**
 * Several accounts in one core, against one local DC process: Dana and Tomás signed in at once,
 * their top peers merged into one list with keys qualified by account, a chat opened and written
 * to from the account it came from, one account's FLOOD_WAIT leaving the other's refresh alone,
 * both back after a restart, and logging out of one leaving the other as it was.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsState, ChatView, Peer, TopPeersSnapshot } from '../../../electron/shared/ipc-contract.js';
import { addSecondAccount, DEMO_ACCOUNTS, FakeHost, loginMain, makeCore, startTestDc, type TestCore, type TestDc } from './harness.js';
import { createAppCore } from '../../../electron/core/app-core.js';
import { accountFolders } from '../../../electron/core/account-storage.js';
import { openFileStore } from '../../../electron/core/store.js';
import { createFileSecretStore } from '../../../electron/core/telegram/secret-store.js';

let dc: TestDc;
beforeAll(async () => {
  dc = await startTestDc();
});
afterAll(() => dc.close());

const DANA = `user:${DEMO_ACCOUNTS.main.userId}`;
const TOMAS = `user:${DEMO_ACCOUNTS.twoFactor.userId}`;

const accountOf = (peer: Peer) => peer.account;

describe('two accounts in one switcher', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = makeCore(dc, { invokeTimeoutMs: 5_000 });
    await t.core.start();
    await loginMain(t);
    await t.call('topPeers:refresh');
  });
  afterAll(() => t.stop());

  it('a single account keeps bare keys and unmarked rows', async () => {
    const single = await t.call<TopPeersSnapshot>('topPeers:get');
    expect(single.peers.length).toBeGreaterThan(10);
    expect(single.peers.every((peer) => !peer.key.includes('@') && peer.account === undefined)).toBe(true);
  });

  it('adds a second account through the same login steps; the screens return to the first', async () => {
    await addSecondAccount(t);
    const state = await t.call<AccountsState>('accounts:list');
    expect(state.adding).toBeNull();
    expect(state.accounts.map((account) => [account.id, account.title])).toEqual([
      [1, 'Dana Demo'],
      [2, 'Tomás Segundo'],
    ]);
    expect(t.core.api.getSession()).toMatchObject({ status: 'ready', user: { key: DANA } });
  });

  it('merges both lists into one, each row marked with its account, a chat in both lists twice', async () => {
    await t.call('topPeers:refresh');
    const merged = await t.call<TopPeersSnapshot>('topPeers:get');
    const second = merged.peers.filter((peer) => accountOf(peer) === 2);
    expect(second.length).toBeGreaterThan(3);
    expect(merged.peers.filter((peer) => accountOf(peer) === 1).length).toBeGreaterThan(10);
    expect(merged.peers.every((peer) => peer.account !== undefined)).toBe(true);
    expect(second.every((peer) => peer.key.endsWith('@2'))).toBe(true);
    // Dana is one of Tomás's top peers: her chat from his account is its own row.
    expect(merged.peers.some((peer) => peer.key === `${DANA}@2`)).toBe(true);
    const bare = new Set(merged.peers.filter((peer) => peer.account === 1).map((peer) => peer.key));
    expect(second.some((peer) => bare.has(peer.key.replace('@2', '')))).toBe(true);
    // The chat list merges the same way.
    await t.call('chats:refresh');
    const chats = await t.call<{ chats: { key: string; account?: number }[] }>('chats:get');
    expect(chats.chats.some((chat) => chat.key === `${DANA}@2` && chat.account === 2)).toBe(true);
    expect(chats.chats.some((chat) => chat.key === TOMAS && chat.account === 1)).toBe(true);
  });

  it('opens and writes to a chat as the account it came from', async () => {
    const text = `from Tomás's account ${Date.now()}`;
    const view = await t.call<ChatView>('chat:open', { key: `${DANA}@2` });
    expect(view.key).toBe(`${DANA}@2`);
    const sent = await t.call<{ out: boolean; text: string }>('chat:send', { key: `${DANA}@2`, text });
    expect(sent).toMatchObject({ out: true, text });
    // Dana sees it arrive from Tomás: the message went out through his session, not hers.
    await expect
      .poll(async () => (await t.call<ChatView>('chat:open', { key: TOMAS })).messages.find((message) => message.text === text)?.out, { timeout: 10_000 })
      .toBe(false);
    const avatar = await t.call<{ dataUrl: string | null }>('peers:avatar', { key: `${DANA}@2` });
    expect(avatar.dataUrl === null || avatar.dataUrl.startsWith('data:image/')).toBe(true);
    expect(await t.call('peers:open', { key: `${DANA}@2`, target: 'telegram' })).toMatchObject({ openedIn: 'telegram' });
    const badges = await t.call<{ key: string }[]>('chat:badges', { keys: [TOMAS, `${DANA}@2`] });
    expect(badges.map((badge) => badge.key).sort()).toEqual([TOMAS, `${DANA}@2`].sort());
  });

  it('one account told to wait keeps its wait; the other account refreshes and both lists stay', async () => {
    dc.dc.faults.inject('contacts.GetTopPeers', { kind: 'rpc-error', code: 420, message: 'FLOOD_WAIT_300', times: 1 });
    try {
      await t.call('topPeers:refresh');
    } finally {
      dc.dc.faults.clear();
    }
    const waits = [1, 2].map((account) => t.core.api.withAccount(account, () => t.core.api.rateLimits()).length);
    expect(waits.sort()).toEqual([0, 1]);
    const merged = await t.call<TopPeersSnapshot>('topPeers:get');
    expect(new Set(merged.peers.map((peer) => peer.account))).toEqual(new Set([1, 2]));
    // The waiting account refuses locally; the other asks Telegram.
    const before = dc.dc.faults.callsTo('contacts.GetTopPeers');
    await t.call('topPeers:refresh');
    expect(dc.dc.faults.callsTo('contacts.GetTopPeers')).toBe(before + 1);
  });

  it('both accounts come back after a restart, from their own folders', async () => {
    const again = makeCore(dc, { dataDir: t.dataDir });
    try {
      await again.core.start();
      expect(again.core.api.listAccounts().accounts.map((account) => account.status)).toEqual(['ready', 'ready']);
      const merged = await again.call<TopPeersSnapshot>('topPeers:get');
      expect(merged.peers.some((peer) => peer.key.endsWith('@2'))).toBe(true);
      expect(existsSync(join(t.dataDir, 'accounts', '2', 'session.enc'))).toBe(true);
    } finally {
      await again.stop();
    }
  });

  it('logs out of one account without touching the other', async () => {
    const danaSession = await t.secretStore.get();
    const state = await t.call<AccountsState>('accounts:logout', { account: 2 });
    expect(state.accounts.map((account) => account.id)).toEqual([1]);
    expect(existsSync(join(t.dataDir, 'accounts', '2'))).toBe(false);
    expect(await t.secretStore.get()).toBe(danaSession);
    const list = await t.call<TopPeersSnapshot>('topPeers:get');
    expect(list.peers.length).toBeGreaterThan(10);
    expect(list.peers.every((peer) => !peer.key.includes('@') && peer.account === undefined)).toBe(true);
    expect(t.eventsOf('topPeers:changed').at(-1)!.peers.some((peer) => peer.key.includes('@'))).toBe(false);
    expect((await t.fail('chat:open', { key: `${DANA}@2` })).code).toBe('ACCOUNT_NOT_FOUND');
    expect(t.core.api.getSession()).toMatchObject({ status: 'ready', user: { key: DANA } });
  });

  it('signing in an account that is already in adds nothing', async () => {
    await t.call('accounts:add', {});
    await loginMain(t);
    await expect.poll(() => t.core.api.listAccounts().accounts.map((account) => account.id)).toEqual([1]);
    expect(t.core.api.getSession()).toMatchObject({ status: 'ready', user: { key: DANA } });
  });

  it('leaves the login screens of an account being added with nothing of it kept', async () => {
    await t.call('accounts:add', {});
    expect(t.core.api.listAccounts().adding).toBe(2);
    await t.call('login:submitPhone', { phone: `+${DEMO_ACCOUNTS.twoFactor.phone}` });
    await t.call('accounts:cancelAdd', {});
    expect(t.core.api.listAccounts()).toMatchObject({ adding: null, accounts: [{ id: 1, status: 'ready' }] });
    expect(existsSync(join(t.dataDir, 'accounts', '2'))).toBe(false);
  });
});

describe('an install from before several accounts', () => {
  it('moves its one account into accounts/1 and stays signed in, session and cache intact', async () => {
    const before = makeCore(dc);
    await before.core.start();
    await loginMain(before);
    await before.call('topPeers:refresh');
    const list = await before.call<TopPeersSnapshot>('topPeers:get');
    await before.call('peers:avatar', { key: list.peers.find((peer) => peer.photoId)!.key });
    await before.stop();
    const root = before.dataDir;
    const session = await before.secretStore.get();
    expect(session).toBeTruthy();
    expect(existsSync(join(root, 'avatars'))).toBe(true);

    const store = openFileStore(root);
    const secretStore = createFileSecretStore(root);
    const host = new FakeHost();
    const moved = createAppCore({
      dataDir: root,
      store,
      secretStore,
      env: dc.env,
      host,
      accountStorage: accountFolders({ dataDir: root, mainStore: store, legacySecret: secretStore, secretFor: (dir) => createFileSecretStore(dir) }),
    });
    try {
      await moved.start();
      expect(moved.api.getSession()).toMatchObject({ status: 'ready', user: { key: DANA } });
      expect(moved.api.getTopPeers().peers.map((peer) => peer.key)).toEqual(list.peers.map((peer) => peer.key));
      const first = join(root, 'accounts', '1');
      expect(await createFileSecretStore(first).get()).toBe(session);
      expect(existsSync(join(root, 'session.enc'))).toBe(false);
      expect(existsSync(join(first, 'avatars'))).toBe(true);
      expect(existsSync(join(root, 'avatars'))).toBe(false);
      expect(store.get('topPeers')).toBeUndefined();
      expect(openFileStore(first).get('topPeers')).toBeDefined();
      expect(store.get('accounts')).toEqual([1]);
      // Still the same session on the DC: a refresh goes through without a new login.
      expect((await moved.api.refreshTopPeers()).outcome).toMatch(/modified/);
    } finally {
      await moved.stop();
    }
  });
});

describe('demo accounts', () => {
  it('two demo accounts sign in to the one in-process DC at once, and leaving one keeps the other', async () => {
    const t = makeCore(dc, { env: { TOPSWITCH_DEMO: '1', TG_DC: '', TG_DC_PUBLIC_KEY: '' } });
    try {
      await t.core.start();
      expect(t.core.api.getSession()).toMatchObject({ status: 'ready', demo: true, user: { key: DANA } });
      await addSecondAccount(t);
      expect(t.core.api.listAccounts().accounts.map((account) => [account.id, account.demo])).toEqual([
        [1, true],
        [2, true],
      ]);
      await t.call('topPeers:refresh');
      const merged = await t.call<TopPeersSnapshot>('topPeers:get');
      expect(new Set(merged.peers.map((peer) => peer.account))).toEqual(new Set([1, 2]));
      // Logging out of Dana leaves Tomás's demo session (and the DC both dialled) running.
      await t.call('accounts:logout', { account: 1 });
      expect(t.core.api.getSession()).toMatchObject({ status: 'ready', demo: true, user: { key: TOMAS } });
      await t.call('topPeers:refresh');
      const left = await t.call<TopPeersSnapshot>('topPeers:get');
      expect(left.peers.length).toBeGreaterThan(3);
      expect(left.peers.every((peer) => peer.key.endsWith('@2') && peer.account === undefined)).toBe(true);
    } finally {
      await t.stop();
    }
  });
});

describe('the account limit', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = makeCore(dc, { invokeTimeoutMs: 5_000 });
    await t.core.start();
    await loginMain(t);
  });
  afterAll(() => t.stop());

  /** Four more people of the demo world get a login of their own: five accounts in all. */
  async function addPerson(index: number): Promise<void> {
    const userId = 910_100n + BigInt(index);
    const phone = `99966231${index}0`;
    dc.world.addUser({ id: userId, firstName: 'Limit', lastName: `Person ${index}` });
    dc.world.addAccount({ userId, phone });
    await t.call('accounts:add', {});
    await t.call('login:submitPhone', { phone: `+${phone}` });
    await t.call('login:submitCode', { code: DEMO_ACCOUNTS.main.code });
  }

  it('holds five accounts, refuses a sixth with ACCOUNT_LIMIT, and keeps the five as they were', async () => {
    for (let index = 1; index <= 4; index++) await addPerson(index);
    await expect.poll(() => t.core.api.listAccounts().accounts.filter((account) => account.status === 'ready').length).toBe(5);
    const before = await t.call<AccountsState>('accounts:list');
    expect(before.accounts.map((account) => account.id)).toEqual([1, 2, 3, 4, 5]);
    const refused = await t.router.handle('accounts:add', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LIMIT' } });
    const after = await t.call<AccountsState>('accounts:list');
    expect(after.adding).toBeNull();
    expect(after.accounts.map((account) => [account.id, account.status])).toEqual(before.accounts.map((account) => [account.id, account.status]));
    expect(t.core.api.getSession()).toMatchObject({ status: 'ready', user: { key: DANA } });
  });
});
