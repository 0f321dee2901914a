// The refresh path, end to end against the local DC over loopback TCP:
//  - bytes on the wire each way for a NotModified answer and for a full one (a counting TCP
//    relay between gramjs and the DC; MTProto framing and encryption included);
//  - the round trip of one contacts.getTopPeers through gramjs (p50/p95), and of a whole
//    `topPeers:refresh` through the router, cache and store;
//  - normalising a 9 categories × 100 peers answer (p50/p95);
//  - heap and live timers over 1,000 refreshes (heap after a GC when node runs with
//    --expose-gc: `NODE_OPTIONS=--expose-gc npm run bench -- refresh`).
//
//   npx tsx test/bench/refresh.bench.ts     (or `npm run bench` for every bench)

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { createAppCore } from '../../electron/core/app-core';
import { systemClock, type Clock } from '../../electron/core/clock';
import { createRouter } from '../../electron/core/router';
import { openFileStore } from '../../electron/core/store';
import { createMemorySecretStore } from '../../electron/core/telegram/secret-store';
import { TelegramSession } from '../../electron/core/telegram/session';
import { categoryFlags } from '../../electron/core/top-peers/categories';
import { normaliseTopPeers } from '../../electron/core/top-peers/normalise';
import { CATEGORIES, DEFAULT_CATEGORIES } from '../../electron/shared/ipc-contract';
import { startFakeDc } from '../../electron/local-dc/index';
import { DEMO_ACCOUNTS } from '../../electron/local-dc/world/index';
import { isMainModule, printTable, type BenchReport } from './report';

const ROUND_TRIPS = 300;
const REFRESHES = 1_000;
const NORMALISE_RUNS = 200;

function summarise(samples: number[]): { p50Ms: number; p95Ms: number; samples: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]! * 1000) / 1000;
  return { p50Ms: at(0.5), p95Ms: at(0.95), samples: samples.length };
}

/** A TCP relay that counts bytes each way. */
async function countingRelay(target: { host: string; port: number }): Promise<{ server: Server; port: number; up: () => number; down: () => number }> {
  let up = 0;
  let down = 0;
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    client.on('data', (chunk: Buffer) => {
      up += chunk.length;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      down += chunk.length;
      client.write(chunk);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port, up: () => up, down: () => down };
}

/** The core's clock, counting the timers it holds. */
function countingClock(): Clock & { live: () => number } {
  const inner = systemClock();
  const live = new Set<number>();
  return {
    now: () => inner.now(),
    setTimeout(callback, ms) {
      const handle = inner.setTimeout(() => {
        live.delete(handle.id);
        callback();
      }, ms);
      live.add(handle.id);
      return handle;
    },
    clearTimeout(handle) {
      live.delete(handle.id);
      inner.clearTimeout(handle);
    },
    live: () => live.size,
  };
}

/** A synthetic 9 × 100 answer: every category full, users for the person categories, chats and channels for the rest. */
function nineByHundred(): Api.contacts.TopPeers {
  const users: Api.User[] = [];
  const chats: Api.TypeChat[] = [];
  const categories = CATEGORIES.map((name, index) => {
    const peers = Array.from({ length: 100 }, (_, rank) => {
      const id = 1_000_000 + index * 1_000 + rank;
      let peer: Api.TypePeer;
      if (name === 'groups') {
        chats.push(new Api.Chat({ id: returnBigInt(id), title: `Group ${id}`, photo: new Api.ChatPhotoEmpty(), participantsCount: 5, date: 0, version: 1 }));
        peer = new Api.PeerChat({ chatId: returnBigInt(id) });
      } else if (name === 'channels' || name === 'forward_chats') {
        chats.push(new Api.Channel({ id: returnBigInt(id), title: `Channel ${id}`, photo: new Api.ChatPhotoEmpty(), date: 0, accessHash: returnBigInt(id * 7), broadcast: true }));
        peer = new Api.PeerChannel({ channelId: returnBigInt(id) });
      } else {
        users.push(new Api.User({ id: returnBigInt(id), firstName: `Person ${id}`, lastName: 'Ünïcødé', username: `user_${id}`, accessHash: returnBigInt(id * 3), bot: name.startsWith('bots') }));
        peer = new Api.PeerUser({ userId: returnBigInt(id) });
      }
      return new Api.TopPeer({ peer, rating: 100 - rank / 7 });
    });
    const tl = { correspondents: Api.TopPeerCategoryCorrespondents, bots_pm: Api.TopPeerCategoryBotsPM, bots_inline: Api.TopPeerCategoryBotsInline, bots_app: Api.TopPeerCategoryBotsApp, groups: Api.TopPeerCategoryGroups, channels: Api.TopPeerCategoryChannels, phone_calls: Api.TopPeerCategoryPhoneCalls, forward_users: Api.TopPeerCategoryForwardUsers, forward_chats: Api.TopPeerCategoryForwardChats }[name];
    return new Api.TopPeerCategoryPeers({ category: new tl(), count: 100, peers });
  });
  return new Api.contacts.TopPeers({ categories, chats, users });
}

const heapMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;
};
const nodeTimers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

export async function run(): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), 'topswitch-bench-refresh-'));
  const dc = await startFakeDc({ log: () => {} });
  const relay = await countingRelay(dc);
  const keyFile = join(dir, 'dc.pem');
  writeFileSync(keyFile, dc.publicKeyPem);
  const clock = countingClock();
  const secretStore = createMemorySecretStore();
  const core = createAppCore({
    dataDir: dir,
    store: openFileStore(dir),
    secretStore,
    env: { TG_DC: `127.0.0.1:${relay.port}`, TG_DC_PUBLIC_KEY: keyFile },
    host: { openExternal() {}, hideWindow() {}, setHotkey: () => true, setLaunchAtLogin() {} },
    clock,
    autoRefresh: false,
  });
  const router = createRouter(core.handlers);
  let sessionToStop: TelegramSession | undefined;
  try {
    await core.start();
    await router.handle('login:submitPhone', { phone: `+${DEMO_ACCOUNTS.main.phone}` });
    const login = await router.handle('login:submitCode', { code: DEMO_ACCOUNTS.main.code });
    if (!login.ok) throw new Error(`login failed: ${login.error.message}`);
    // A second client on the same login, for the bare gramjs round trip (no router, cache or store).
    const session = new TelegramSession({ apiId: 1, apiHash: '0'.repeat(32), dc: { host: '127.0.0.1', port: relay.port }, secretStore, clock: systemClock(), demo: false, onState: () => {}, onSessionEnded: () => {} });
    await session.start();
    sessionToStop = session;
    // Warm up, and let the catch-up and getConfig that follow a login settle.
    await core.api.fetchTopPeers({ limit: 49 });
    await new Promise((resolve) => setTimeout(resolve, 300));

    const bytes = async (work: () => Promise<unknown>) => {
      const [up, down] = [relay.up(), relay.down()];
      await work();
      return { up: relay.up() - up, down: relay.down() - down };
    };
    const full = await bytes(() => core.api.fetchTopPeers({ limit: 50 })); // limit changed: hash 0, the whole list
    const peers = (await core.api.fetchTopPeers({ limit: 50 })).snapshot.peers.length;
    const notModified = await bytes(async () => {
      const answer = await core.api.fetchTopPeers({ limit: 50 });
      if (answer.outcome !== 'not-modified') throw new Error(`expected not-modified, got ${answer.outcome}`);
    });

    const hash = returnBigInt((await core.api.fetchTopPeers({ limit: 50 })).hash);
    const request = () => new Api.contacts.GetTopPeers({ ...categoryFlags(DEFAULT_CATEGORIES), offset: 0, limit: 50, hash });
    const rawTrips: number[] = [];
    for (let i = 0; i < ROUND_TRIPS; i++) {
      const started = performance.now();
      await session.invoke(request());
      rawTrips.push(performance.now() - started);
    }
    const routerTrips: number[] = [];
    for (let i = 0; i < ROUND_TRIPS; i++) {
      const started = performance.now();
      const answer = await router.handle('topPeers:refresh', {});
      if (!answer.ok) throw new Error(answer.error.message);
      routerTrips.push(performance.now() - started);
    }

    const answer = nineByHundred();
    const normalising: number[] = [];
    let normalisedPeers = 0;
    for (let i = 0; i < NORMALISE_RUNS; i++) {
      const started = performance.now();
      normalisedPeers = normaliseTopPeers(answer).peers.length;
      normalising.push(performance.now() - started);
    }

    const heapBefore = heapMb();
    const timersBefore = { core: clock.live(), node: nodeTimers() };
    for (let i = 0; i < REFRESHES; i++) {
      const refreshed = await router.handle('topPeers:refresh', {});
      if (!refreshed.ok) throw new Error(refreshed.error.message);
    }
    const heapAfter = heapMb();
    const timersAfter = { core: clock.live(), node: nodeTimers() };

    const result = {
      wire: {
        notModified: { upBytes: notModified.up, downBytes: notModified.down },
        full: { upBytes: full.up, downBytes: full.down, peers },
        fullToNotModifiedDown: Math.round((full.down / Math.max(1, notModified.down)) * 10) / 10,
      },
      roundTrip: { gramjsInvoke: summarise(rawTrips), routerRefresh: summarise(routerTrips) },
      normalise9x100: { ...summarise(normalising), peers: normalisedPeers },
      thousandRefreshes: { heapBeforeMb: heapBefore, heapAfterMb: heapAfter, heapGrowthMb: Math.round((heapAfter - heapBefore) * 10) / 10, gc: typeof (globalThis as { gc?: unknown }).gc === 'function', coreTimers: [timersBefore.core, timersAfter.core], nodeTimers: [timersBefore.node, timersAfter.node] },
    };
    return {
      name: 'refresh',
      table: [
        { what: 'NotModified answer', up: `${notModified.up} B`, down: `${notModified.down} B`, p50: '', p95: '' },
        { what: `full answer (${peers} peers)`, up: `${full.up} B`, down: `${full.down} B`, p50: '', p95: '' },
        { what: 'getTopPeers via gramjs (loopback)', up: '', down: '', p50: `${result.roundTrip.gramjsInvoke.p50Ms} ms`, p95: `${result.roundTrip.gramjsInvoke.p95Ms} ms` },
        { what: 'topPeers:refresh via router', up: '', down: '', p50: `${result.roundTrip.routerRefresh.p50Ms} ms`, p95: `${result.roundTrip.routerRefresh.p95Ms} ms` },
        { what: `normalise 9 × 100 (${normalisedPeers} peers)`, up: '', down: '', p50: `${result.normalise9x100.p50Ms} ms`, p95: `${result.normalise9x100.p95Ms} ms` },
        { what: `${REFRESHES} refreshes: heap`, up: `${heapBefore} MB`, down: `${heapAfter} MB`, p50: `gc: ${result.thousandRefreshes.gc}`, p95: '' },
        { what: `${REFRESHES} refreshes: live timers (core / node)`, up: `${timersBefore.core} / ${timersBefore.node}`, down: `${timersAfter.core} / ${timersAfter.node}`, p50: '', p95: '' },
      ],
      result,
    };
  } finally {
    await core.stop();
    await sessionToStop?.stop();
    relay.server.close();
    await dc.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMainModule(import.meta.url)) {
  const report = await run();
  printTable(report);
  console.log(JSON.stringify({ [report.name]: report.result }));
  process.exit(0);
}
