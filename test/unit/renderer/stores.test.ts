/**
 * The renderer's stores against the real router and EventBus (which stamp every answer and push
 * with its revision) through the preload's own window.api builder: whichever order snapshots
 * arrive in, each store ends on the newest. An answer is held back after the router has stamped
 * it, while a push goes out, so the older answer arrives last.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createRouter, EventBus, type Handlers } from '../../../electron/core/router';
import { apiTable, buildExposedApi } from '../../../electron/shared/expose';
import { DEFAULT_SETTINGS, eventChannel, type Channel, type Peer, type SessionState, type TopPeersSnapshot } from '../../../electron/shared/ipc-contract';

const peer = (id: number, title: string): Peer => ({
  key: `user:${id}`,
  kind: 'user',
  title,
  isSelf: false,
  verified: false,
  premium: false,
  deleted: false,
  categories: { correspondents: id },
});
const list = (...peers: Peer[]): TopPeersSnapshot => ({ status: 'ok', peers, categories: ['correspondents'], fetchedAt: 1, checkedAt: 1 });
const READY: SessionState = { status: 'ready', demo: true, user: { key: 'user:1', title: 'Dana' } };
const LOGGED_OUT: SessionState = { status: 'logged-out', demo: true, login: { step: 'phone' } };

/** What the core answers right now; a test changes it and pushes, as the core does. */
let core: { session: SessionState; list: TopPeersSnapshot };
let events: EventBus;
let held: Map<Channel, { opened: Promise<void>; open(): void }>;

/** Holds the next answer on `channel` back (after the router stamped it) until `open()`. */
function holdNext(channel: Channel): () => void {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  held.set(channel, { opened, open });
  return open;
}

beforeEach(() => {
  vi.resetModules(); // fresh stores for each test
  core = { session: READY, list: list(peer(2, 'Old Alice')) };
  events = new EventBus();
  held = new Map();
  const handlers: Partial<Handlers> = {
    'session:get': () => core.session,
    'session:logout': () => (core.session = LOGGED_OUT),
    'topPeers:get': () => core.list,
    'settings:get': () => DEFAULT_SETTINGS,
    'settings:set': (patch) => ({ ...DEFAULT_SETTINGS, ...patch }),
    'sync:get': () => ({ state: 'idle' }),
  };
  const router = createRouter(handlers as Handlers);
  const invoke = async (transportChannel: string, args: unknown) => {
    const channel = transportChannel.slice('invoke:'.length) as Channel;
    const answer = router.handle(channel, args);
    const gate = held.get(channel);
    held.delete(channel);
    await gate?.opened;
    return answer;
  };
  const subscribe = (transportChannel: string, listener: (message: unknown) => void) =>
    events.subscribe((event, payload, revision) => {
      if (eventChannel(event) === transportChannel) listener({ value: payload, revision });
    });
  // No early reads here: these tests hold the stores' own rule (the preload's is tested in test/unit/preload).
  const api = buildExposedApi(invoke, subscribe, { ...apiTable(), prefetch: [] });
  Object.defineProperty(globalThis, 'window', { value: { api }, configurable: true });
});

const stores = async () => ({
  ...(await import('../../../renderer/src/lib/stores/topPeers.svelte')),
  ...(await import('../../../renderer/src/lib/stores/session.svelte')),
  ...(await import('../../../renderer/src/lib/stores/settings.svelte')),
  ...(await import('../../../renderer/src/lib/stores/sync.svelte')),
});
const titles = (peers: readonly Peer[]) => peers.map((one) => one.title);

describe('a store keeps the newest snapshot', () => {
  it('topPeers: a read answered before a push, arriving after it, is dropped', async () => {
    const { topPeers } = await stores();
    topPeers.listen();
    const release = holdNext('topPeers:get');
    const loading = topPeers.load();
    core.list = list(peer(3, 'New Bob'));
    events.emit('topPeers:changed', core.list);
    expect(titles(topPeers.peers)).toEqual(['New Bob']);
    release();
    await loading;
    expect(titles(topPeers.peers)).toEqual(['New Bob']);
  });

  it('topPeers: a read that no push overtook is shown', async () => {
    const { topPeers } = await stores();
    topPeers.listen();
    events.emit('topPeers:changed', list(peer(3, 'Pushed first')));
    await topPeers.load();
    expect(titles(topPeers.peers)).toEqual(['Old Alice']);
  });

  it('topPeers: a list read before the account changed is never shown, even after the store was reset', async () => {
    const { topPeers, session } = await stores();
    session.listen();
    topPeers.listen();
    const release = holdNext('topPeers:get');
    const loading = topPeers.load();
    core.session = LOGGED_OUT;
    events.emit('session:changed', core.session);
    topPeers.reset(session.revision); // what App does when the account leaves 'ready'
    release();
    await loading;
    expect(topPeers.loaded).toBe(false);
    expect(topPeers.peers).toEqual([]);
  });

  it("session: an action's answer that a push overtook does not undo the push", async () => {
    const { session } = await stores();
    session.listen();
    const release = holdNext('session:logout');
    const acting = session.act('session:logout', {});
    core.session = READY; // logged in again meanwhile, say from another window
    events.emit('session:changed', core.session);
    release();
    expect(await acting).toBe(true);
    expect(session.state).toEqual(READY);
  });

  it('session: a read answer older than the push it meets is refused', async () => {
    const { session } = await stores();
    session.listen();
    const release = holdNext('session:get');
    const reading = session.read();
    events.emit('session:changed', LOGGED_OUT);
    release();
    expect(session.apply(await reading)).toBe(false);
    expect(session.state).toEqual(LOGGED_OUT);
  });

  it('settings and sync: a load overtaken by a push keeps the push', async () => {
    const { settings, sync } = await stores();
    settings.listen();
    sync.listen();
    const releaseSettings = holdNext('settings:get');
    const releaseSync = holdNext('sync:get');
    const loading = Promise.all([settings.load(), sync.load()]);
    events.emit('settings:changed', { ...DEFAULT_SETTINGS, theme: 'dark' });
    events.emit('sync:changed', { state: 'offline', retryAt: 5 });
    releaseSettings();
    releaseSync();
    await loading;
    expect(settings.value?.theme).toBe('dark');
    expect(sync.status).toEqual({ state: 'offline', retryAt: 5 });
  });
});
