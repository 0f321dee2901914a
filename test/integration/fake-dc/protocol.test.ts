/**
 * The local DC's protocol layer against the real, unmodified gramjs client.
 * A tiny world of its own keeps these tests independent of the demo world.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Api, type TelegramClient } from 'telegram';
import { fakeDcClient } from '../../fake-dc/client.js';
import { startFakeDc, type FakeDc } from '../../fake-dc/index.js';
import type { DcWorld, MethodHandler, WorldHost } from '../../fake-dc/types.js';

function config(dc: { id: number; host: string; port: number }): Api.Config {
  const now = Math.floor(Date.now() / 1000);
  return new Api.Config({
    date: now,
    expires: now + 3600,
    testMode: false,
    thisDc: dc.id,
    dcOptions: [new Api.DcOption({ id: dc.id, ipAddress: dc.host, port: dc.port })],
    dcTxtDomainName: 'localhost',
    chatSizeMax: 200,
    megagroupSizeMax: 200000,
    forwardedCountMax: 100,
    onlineUpdatePeriodMs: 210000,
    offlineBlurTimeoutMs: 5000,
    offlineIdleTimeoutMs: 30000,
    onlineCloudTimeoutMs: 300000,
    notifyCloudDelayMs: 30000,
    notifyDefaultDelayMs: 1500,
    pushChatPeriodMs: 60000,
    pushChatLimit: 2,
    editTimeLimit: 172800,
    revokeTimeLimit: 2147483647,
    revokePmTimeLimit: 2147483647,
    ratingEDecay: 2419200,
    stickersRecentLimit: 200,
    channelsReadMediaPeriod: 604800,
    callReceiveTimeoutMs: 20000,
    callRingTimeoutMs: 90000,
    callConnectTimeoutMs: 30000,
    callPacketTimeoutMs: 10000,
    meUrlPrefix: 'https://t.me/',
    captionLengthMax: 1024,
    messageLengthMax: 4096,
    webfileDcId: dc.id,
  });
}

/** Just enough Telegram for gramjs to connect, plus a few calls the tests aim faults at. */
class TinyWorld implements DcWorld {
  host: WorldHost | undefined;
  readonly calls: string[] = [];
  readonly methods: Map<string, MethodHandler>;

  constructor() {
    this.methods = new Map<string, MethodHandler>([
      ['help.GetConfig', (_request, ctx) => config(ctx.dc)],
      [
        'updates.GetState',
        () => {
          this.calls.push('updates.GetState');
          return new Api.updates.State({ pts: 1, qts: 0, date: Math.floor(Date.now() / 1000), seq: 1, unreadCount: 0 });
        },
      ],
      [
        'help.GetNearestDc',
        (_request, ctx) => {
          this.calls.push('help.GetNearestDc');
          return new Api.NearestDc({ country: 'ZZ', thisDc: ctx.dc.id, nearestDc: ctx.dc.id });
        },
      ],
    ]);
  }

  attach(host: WorldHost): void {
    this.host = host;
  }
}

const opened: { clients: TelegramClient[]; dcs: FakeDc[] } = { clients: [], dcs: [] };

async function startDc(options: Parameters<typeof startFakeDc>[0] = {}) {
  const log: string[] = [];
  const world = new TinyWorld();
  const dc = await startFakeDc({ world, log: (line) => log.push(line), ...options });
  opened.dcs.push(dc);
  return { dc, world, log };
}

function client(options: Parameters<typeof fakeDcClient>[0]): TelegramClient {
  const created = fakeDcClient(options);
  opened.clients.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(opened.clients.splice(0).map((c) => c.destroy()));
  await Promise.all(opened.dcs.splice(0).map((dc) => dc.close()));
});

describe('fake DC protocol', () => {
  it('creates an auth key from scratch and answers help.GetConfig', async () => {
    const { dc } = await startDc();
    const telegram = client({ dc });
    await telegram.connect();
    expect(dc.stats().authKeysCreated).toBe(1);
    const result = await telegram.invoke(new Api.help.GetConfig());
    expect(result).toBeInstanceOf(Api.Config);
    expect(result.thisDc).toBe(2);
    expect(result.dcOptions[0]?.port).toBe(dc.port);
  });
});
