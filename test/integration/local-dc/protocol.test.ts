/**
 * The local DC's protocol layer against the real, unmodified gramjs client.
 * A tiny world of its own keeps these tests independent of the demo world.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as tcpConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { Api, errors, type TelegramClient } from 'telegram';
import { Factorizator } from 'telegram/crypto/Factorizator.js';
import { _serverKeys, encrypt as gramjsRsaEncrypt } from 'telegram/crypto/RSA.js';
import { Raw } from 'telegram/events/index.js';
import { PromisedNetSockets } from 'telegram/extensions/index.js';
import { Logger, LogLevel } from 'telegram/extensions/Logger.js';
import { crc32, getByteArray, readBigIntFromBuffer, returnBigInt } from 'telegram/Helpers.js';
import { PacketCodec } from 'telegram/network/connection/Connection.js';
import { ConnectionTCPAbridged } from 'telegram/network/connection/TCPAbridged.js';
import { ConnectionTCPFull } from 'telegram/network/connection/TCPFull.js';
import { MTProtoPlainSender } from 'telegram/network/MTProtoPlainSender.js';
import type { StringSession } from 'telegram/sessions/index.js';
import { connectionFor, fakeDcClient } from '../../../electron/local-dc/client.js';
import { startFakeDc, type FakeDc } from '../../../electron/local-dc/index.js';
import { authKeyIdOf } from '../../../electron/local-dc/server/auth-keys.js';
import { TransportStream } from '../../../electron/local-dc/server/transport.js';
import { rsaFingerprint, rsaPublicNumbers, trustFakeDcKey } from '../../../electron/local-dc/trust.js';
import type { DcWorld, MethodHandler, WorldHost } from '../../../electron/local-dc/types.js';

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

/** Just enough Telegram for gramjs to connect, plus a few calls the tests aim faults and pushes at. */
class TinyWorld implements DcWorld {
  host: WorldHost | undefined;
  readonly calls: string[] = [];
  /** ctx.userId as each account.UpdateStatus call saw it. */
  readonly seenUserIds: (bigint | undefined)[] = [];
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
      [
        // Stands in for sign-in: binds the key to user 7 (offline: false) and pushes an update
        // to the caller's own key; answers Bool as raw bytes.
        'account.UpdateStatus',
        (request, ctx) => {
          this.seenUserIds.push(ctx.userId);
          if (request instanceof Api.account.UpdateStatus && !request.offline) {
            ctx.bindUser(7n);
            ctx.push(shortUpdate(new Api.UpdateLoginToken()));
          }
          return BOOL_TRUE;
        },
      ],
    ]);
  }

  attach(host: WorldHost): void {
    this.host = host;
  }
}

const BOOL_TRUE = Buffer.from('b5757299', 'hex');

function shortUpdate(update: Api.TypeUpdate): Api.UpdateShort {
  return new Api.UpdateShort({ update, date: Math.floor(Date.now() / 1000) });
}

const opened: { clients: TelegramClient[]; dcs: FakeDc[]; dirs: string[] } = { clients: [], dcs: [], dirs: [] };

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

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-dc-test-'));
  opened.dirs.push(dir);
  return dir;
}

/** Resolves with the first update of `type` the client's event handlers see. */
function nextUpdate<T>(telegram: TelegramClient, type: new (...args: never[]) => T): Promise<T> {
  return new Promise((resolve) => {
    telegram.addEventHandler((update: unknown) => {
      if (update instanceof type) resolve(update);
    }, new Raw({}));
  });
}

function authKeyIdOfClient(telegram: TelegramClient): string {
  const key = telegram.session.getAuthKey()?.getKey();
  if (!key) throw new Error('client has no auth key');
  return authKeyIdOf(key);
}

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(opened.clients.splice(0).map((c) => c.destroy()));
  await Promise.all(opened.dcs.splice(0).map((dc) => dc.close()));
});

afterAll(() => {
  for (const dir of opened.dirs) rmSync(dir, { recursive: true, force: true });
});

type BigInteger = ReturnType<typeof returnBigInt>;

function senderOf(telegram: TelegramClient): { send(request: unknown): Promise<unknown> } {
  return (telegram as unknown as { _sender: { send(request: unknown): Promise<unknown> } })._sender;
}

/**
 * Runs `start` with gramjs's timers on a fake clock advanced in steps until it settles, so
 * waits gramjs imposes on itself (flood waits, retry pauses) cost no real time.
 */
async function onFastClock<T>(start: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    let outcome: { value: T } | { error: unknown } | undefined;
    void start().then(
      (value) => (outcome = { value }),
      (error: unknown) => (outcome = { error }),
    );
    while (!outcome) {
      await vi.advanceTimersByTimeAsync(250);
      await new Promise((resolve) => setImmediate(resolve)); // real socket I/O
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  } finally {
    vi.useRealTimers();
  }
}

/** Resolves `seen` with the first gramjs warning containing `needle`. */
class WarningLogger extends Logger {
  readonly seen: Promise<string>;
  private found!: (line: string) => void;

  constructor(private readonly needle: string) {
    super(LogLevel.WARN);
    this.seen = new Promise((resolve) => (this.found = resolve));
  }

  override warn(message: string): void {
    if (message.includes(this.needle)) this.found(message);
  }

  override error(): void {}
  override info(): void {}
}

/** The intermediate transports, which gramjs does not ship, as gramjs codecs. */
class IntermediateCodec extends PacketCodec {
  tag = Buffer.from('eeeeeeee', 'hex');

  override encodePacket(data: Buffer): Buffer {
    const head = Buffer.alloc(4);
    head.writeUInt32LE(data.length, 0);
    return Buffer.concat([head, data]);
  }

  override async readPacket(reader: PromisedNetSockets): Promise<Buffer> {
    const length = (await reader.readExactly(4)).readUInt32LE(0);
    return reader.readExactly(length);
  }
}

class PaddedIntermediateCodec extends IntermediateCodec {
  override tag = Buffer.from('dddddddd', 'hex');

  override encodePacket(data: Buffer): Buffer {
    return super.encodePacket(Buffer.concat([data, Buffer.alloc(data.length % 13)]));
  }

  override async readPacket(reader: PromisedNetSockets): Promise<Buffer> {
    const payload = await super.readPacket(reader);
    // Encrypted payloads are 24 bytes + whole AES blocks; anything past that is padding.
    if (payload.subarray(0, 8).equals(Buffer.alloc(8))) return payload;
    return payload.subarray(0, 24 + Math.floor((payload.length - 24) / 16) * 16);
  }
}

class ConnectionTCPIntermediate extends ConnectionTCPFull {
  override PacketCodecClass = IntermediateCodec as unknown as ConnectionTCPFull['PacketCodecClass'];
}

class ConnectionTCPPaddedIntermediate extends ConnectionTCPFull {
  override PacketCodecClass = PaddedIntermediateCodec as unknown as ConnectionTCPFull['PacketCodecClass'];
}

/** A bare TCP client for what gramjs cannot be made to send. */
async function rawSocket(port: number): Promise<{ socket: Socket; nextChunk(): Promise<Buffer> }> {
  const socket = tcpConnect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const chunks: Buffer[] = [];
  let wake: (() => void) | undefined;
  socket.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    wake?.();
  });
  socket.on('close', () => wake?.());
  return {
    socket,
    async nextChunk() {
      while (chunks.length === 0 && !socket.destroyed) await new Promise<void>((resolve) => (wake = resolve));
      return Buffer.concat(chunks.splice(0));
    },
  };
}

function fullFrame(payload: Buffer, seq: number): Buffer {
  const head = Buffer.alloc(8);
  head.writeInt32LE(payload.length + 12, 0);
  head.writeInt32LE(seq, 4);
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(crc32(Buffer.concat([head, payload])), 0);
  return Buffer.concat([head, payload, crc]);
}

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
    expect(dc.stats().transports.full).toBe(1);
  });

  it('answers calls sent together (gramjs batches them in a container) and in gzip_packed', async () => {
    const { dc, world } = await startDc();
    const telegram = client({ dc });
    await telegram.connect();
    const [state, nearest, config] = await Promise.all([
      telegram.invoke(new Api.updates.GetState()),
      telegram.invoke(new Api.help.GetNearestDc()),
      telegram.invoke(new Api.help.GetConfig()),
    ]);
    expect(state.pts).toBe(1);
    expect(nearest.country).toBe('ZZ');
    expect(config.thisDc).toBe(2);

    // gramjs never gzips what it sends (its gzip is a no-op), so wrap a call by hand.
    const inner = new Api.help.GetNearestDc();
    const { gzipSync } = await import('node:zlib');
    const packed = Buffer.concat([Buffer.from('a1cf7230', 'hex'), serializeTlBytes(gzipSync(inner.getBytes()))]);
    const gzipped = Object.assign(Object.create(inner) as Api.help.GetNearestDc, { getBytes: () => packed });
    const sender = senderOf(telegram);
    const before = world.calls.length;
    expect(await sender.send(gzipped)).toBeInstanceOf(Api.NearestDc);
    expect(world.calls.slice(before)).toEqual(['help.GetNearestDc']);
  });

  it('answers each call of a container on its own, even next to one it cannot parse', async () => {
    const { dc } = await startDc();
    const telegram = client({ dc });
    await telegram.connect();
    const sender = senderOf(telegram);
    const real = new Api.help.GetNearestDc();
    // A constructor no layer has: the DC must answer it, not choke on the whole container.
    const alien = Object.assign(Object.create(real) as Api.help.GetNearestDc, {
      getBytes: () => Buffer.from('efbeadde00000000', 'hex'),
    });
    // Queued in the same tick, gramjs packs both into one msg_container.
    const [alienResult, realResult] = await Promise.allSettled([sender.send(alien), sender.send(real)]);
    expect(alienResult.status).toBe('rejected');
    expect(((alienResult as PromiseRejectedResult).reason as errors.RPCError).errorMessage).toBe('INPUT_CONSTRUCTOR_INVALID');
    expect(realResult.status === 'fulfilled' && realResult.value).toBeInstanceOf(Api.NearestDc);
  });

  it('answers ping and ping_delay_disconnect with pong, and unwraps invokeWithoutUpdates', async () => {
    const { dc, world } = await startDc();
    const telegram = client({ dc });
    await telegram.connect();
    const sender = senderOf(telegram);
    const pong = await sender.send(new Api.Ping({ pingId: returnBigInt(41) }));
    expect(pong).toBeInstanceOf(Api.Pong);
    expect((pong as Api.Pong).pingId.toString()).toBe('41');
    const delayed = await sender.send(new Api.PingDelayDisconnect({ pingId: returnBigInt(42), disconnectDelay: 75 }));
    expect((delayed as Api.Pong).pingId.toString()).toBe('42');

    const nearest = await telegram.invoke(new Api.InvokeWithoutUpdates({ query: new Api.help.GetNearestDc() }));
    expect(nearest).toBeInstanceOf(Api.NearestDc);
    expect(world.calls).toEqual(['help.GetNearestDc']);
  });

  it('closes a connection whose ping_delay_disconnect delay passes without another ping', async () => {
    const { dc, log } = await startDc();
    const telegram = client({ dc });
    await telegram.connect();
    const connectionsBefore = dc.stats().connections;
    // The DC's deadline and gramjs's reconnect pause both run on the fast clock.
    const pong = await onFastClock(async () => {
      const answer = await senderOf(telegram).send(new Api.PingDelayDisconnect({ pingId: returnBigInt(7), disconnectDelay: 5 }));
      while (dc.stats().connections === connectionsBefore) await new Promise((resolve) => setImmediate(resolve));
      return answer;
    });
    expect(pong).toBeInstanceOf(Api.Pong);
    expect(log).toContain('no ping within 5 s: closing connection');
    expect((await telegram.invoke(new Api.help.GetNearestDc())).thisDc).toBe(2);
  });

  it('accepts the legacy req_pq and SHA1-padded p_q_inner_data, and rejects undecryptable data', async () => {
    const { dc, log } = await startDc();
    trustFakeDcKey(dc.publicKeyPem);
    const logger = new Logger(LogLevel.NONE);
    const Dialer = connectionFor(dc.host, dc.port);
    const handshake = async (encryptData: (inner: Buffer, fingerprint: BigInteger) => Promise<Buffer | undefined>) => {
      const connection = new Dialer({ ip: '', port: 0, dcId: 2, loggers: logger, socket: PromisedNetSockets, testServers: false });
      await connection.connect();
      try {
        const plain = new MTProtoPlainSender(connection, logger);
        const nonce = readBigIntFromBuffer(randomBytes(16), false, true);
        const resPq = await plain.send(new Api.ReqPq({ nonce }));
        if (!(resPq instanceof Api.ResPQ)) throw new Error('expected resPQ');
        const { p, q } = Factorizator.factorize(readBigIntFromBuffer(resPq.pq, false, true));
        const common = { nonce, serverNonce: resPq.serverNonce, p: getByteArray(p), q: getByteArray(q) };
        const inner = new Api.PQInnerData({
          ...common,
          pq: resPq.pq,
          newNonce: readBigIntFromBuffer(randomBytes(32), true, true),
        }).getBytes();
        const fingerprint = resPq.serverPublicKeyFingerprints[0]!;
        return await plain.send(
          new Api.ReqDHParams({ ...common, publicKeyFingerprint: fingerprint, encryptedData: (await encryptData(inner, fingerprint))! }),
        );
      } finally {
        await connection.disconnect();
      }
    };
    // gramjs's own RSA.encrypt is the pre-RSA_PAD scheme: SHA1(data) + data + random.
    expect(await handshake((inner, fingerprint) => gramjsRsaEncrypt(fingerprint, inner))).toBeInstanceOf(Api.ServerDHParamsOk);
    await expect(handshake(async () => Buffer.concat([Buffer.alloc(1), randomBytes(255)]))).rejects.toThrow();
    expect(log.some((line) => line.includes('does not decrypt'))).toBe(true);
  });

  it('resumes a saved StringSession after restart() without a new auth key, still signed in', async () => {
    const stateDir = tempDir();
    const { dc, world } = await startDc({ stateDir });
    const first = client({ dc });
    await first.connect();
    await first.invoke(new Api.account.UpdateStatus({ offline: false })); // binds user 7
    const saved = (first.session as StringSession).save();
    await first.destroy();

    await dc.restart();
    const second = client({ dc, session: saved });
    await second.connect();
    await second.invoke(new Api.account.UpdateStatus({ offline: true }));
    expect(dc.stats().authKeysCreated).toBe(1);
    expect(world.seenUserIds).toEqual([undefined, 7n]);

    // A new DC process on the same state dir knows the key and its user too.
    await dc.close();
    const { dc: reborn, world: rebornWorld } = await startDc({ stateDir });
    expect(reborn.publicKeyPem).toBe(dc.publicKeyPem);
    const third = client({ dc: reborn, session: saved });
    await third.connect();
    await third.invoke(new Api.account.UpdateStatus({ offline: true }));
    expect(reborn.stats().authKeysCreated).toBe(0);
    expect(rebornWorld.seenUserIds).toEqual([7n]);
  });

  it('keeps a connected client working across restart(): it reconnects and its call completes', async () => {
    const { dc } = await startDc();
    const telegram = client({ dc });
    await telegram.connect();
    const connectionsBefore = dc.stats().connections;
    await dc.restart();
    const nearest = await telegram.invoke(new Api.help.GetNearestDc());
    expect(nearest.thisDc).toBe(2);
    expect(dc.stats().connections).toBeGreaterThan(connectionsBefore);
    expect(dc.stats().authKeysCreated).toBe(1);
  });

  it.each([
    ['abridged', ConnectionTCPAbridged],
    ['intermediate', ConnectionTCPIntermediate],
    ['padded-intermediate', ConnectionTCPPaddedIntermediate],
  ] as const)('speaks the %s transport', async (name, connection) => {
    const { dc } = await startDc();
    const telegram = client({ dc, connection });
    await telegram.connect();
    expect((await telegram.invoke(new Api.help.GetNearestDc())).country).toBe('ZZ');
    expect(dc.stats().transports[name]).toBe(1);
    expect(dc.stats().transports.full).toBe(0);
  });

  it('answers an unknown method with 400 METHOD_NOT_IMPLEMENTED_IN_TEST_DC and logs it', async () => {
    const { dc, log } = await startDc();
    const telegram = client({ dc });
    await telegram.connect();
    const error = await telegram.invoke(new Api.help.GetAppConfig({ hash: 0 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.RPCError);
    expect((error as errors.RPCError).code).toBe(400);
    expect((error as errors.RPCError).errorMessage).toBe('METHOD_NOT_IMPLEMENTED_IN_TEST_DC');
    expect(log.some((line) => line.includes('help.GetAppConfig'))).toBe(true);
  });

  it('answers an unknown auth key with transport error -404 (raw full transport)', async () => {
    const { dc } = await startDc();
    const { socket, nextChunk } = await rawSocket(dc.port);
    const payload = Buffer.concat([Buffer.from('0123456789abcdef', 'hex'), Buffer.alloc(72, 1)]);
    socket.write(fullFrame(payload, 0));
    const frame = await nextChunk();
    socket.destroy();
    expect(frame.readInt32LE(0)).toBe(16); // length: 4-byte payload + 12
    expect(frame.readInt32LE(8)).toBe(-404);
  });

  it('makes gramjs drop an auth key the DC does not know', async () => {
    const { dc: first } = await startDc();
    const original = client({ dc: first });
    await original.connect();
    const saved = (original.session as StringSession).save();
    const { dc: stranger } = await startDc();
    // gramjs does not surface this to event handlers; its warning is the observable part.
    const logger = new WarningLogger('Broken authorization key');
    const telegram = client({ dc: stranger, session: saved, baseLogger: logger });
    void telegram.connect(); // never finishes: gramjs stops reading after -404
    expect(await logger.seen).toMatch(/Broken authorization key for dc 2/);
    expect(stranger.stats().authKeysCreated).toBe(0);
  });

  it('rejects a frame with a bad crc by closing the connection', async () => {
    const { dc, log } = await startDc();
    const { socket, nextChunk } = await rawSocket(dc.port);
    const frame = fullFrame(Buffer.alloc(40, 7), 0);
    frame[frame.length - 1] = frame[frame.length - 1]! ^ 0xff;
    socket.write(frame);
    expect((await nextChunk()).length).toBe(0); // closed without an answer
    expect(socket.destroyed || socket.readableEnded).toBe(true);
    expect(log.some((line) => line.includes('crc32'))).toBe(true);
  });

  describe('faults', () => {
    it('FLOOD_WAIT_2 is slept through by gramjs and the call then completes', async () => {
      const { dc, world } = await startDc();
      const telegram = client({ dc });
      await telegram.connect();
      dc.faults.inject('updates.GetState', { kind: 'rpc-error', code: 420, message: 'FLOOD_WAIT_2' });
      const state = await onFastClock(() => telegram.invoke(new Api.updates.GetState()));
      expect(state.pts).toBe(1);
      expect(world.calls).toEqual(['updates.GetState']); // the fault answered the first try
    });

    it('500 RPC_CALL_FAIL makes gramjs wait and retry, and the retry completes', async () => {
      const { dc, world } = await startDc();
      const telegram = client({ dc });
      await telegram.connect();
      dc.faults.inject('help.GetNearestDc', { kind: 'rpc-error', code: 500, message: 'RPC_CALL_FAIL' });
      const nearest = await onFastClock(() => telegram.invoke(new Api.help.GetNearestDc()));
      expect(nearest.thisDc).toBe(2);
      expect(world.calls).toEqual(['help.GetNearestDc']);
    });

    it('FLOOD_WAIT_100 reaches the caller as FloodWaitError', async () => {
      const { dc } = await startDc();
      const telegram = client({ dc });
      await telegram.connect();
      dc.faults.inject('*', { kind: 'rpc-error', code: 420, message: 'FLOOD_WAIT_100' });
      const error = await telegram.invoke(new Api.updates.GetState()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(errors.FloodWaitError);
      expect((error as errors.FloodWaitError).seconds).toBe(100);
      // Used up: the next call goes through.
      expect((await telegram.invoke(new Api.updates.GetState())).pts).toBe(1);
    });

    it.each([
      ['AUTH_KEY_UNREGISTERED', 401],
      ['SESSION_REVOKED', 401],
      // gramjs retries only RPC_CALL_FAIL / RPC_MCGET_FAIL; a plain 500 INTERNAL is thrown.
      ['INTERNAL', 500],
    ])('%s reaches the caller as a %i error', async (message, code) => {
      const { dc } = await startDc();
      const telegram = client({ dc });
      await telegram.connect();
      dc.faults.inject('updates.GetState', { kind: 'rpc-error', code, message });
      const error = await telegram.invoke(new Api.updates.GetState()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(errors.RPCError);
      expect((error as errors.RPCError).code).toBe(code);
      expect((error as errors.RPCError).errorMessage).toBe(message);
    });

    it('delay holds one call back without holding up the others', async () => {
      const { dc, log } = await startDc();
      const telegram = client({ dc });
      await telegram.connect();
      dc.faults.inject('help.GetNearestDc', { kind: 'delay', ms: 300 });
      const order: string[] = [];
      await Promise.all([
        telegram.invoke(new Api.help.GetNearestDc()).then(() => order.push('delayed')),
        telegram.invoke(new Api.updates.GetState()).then(() => order.push('prompt')),
      ]);
      expect(order).toEqual(['prompt', 'delayed']);
      expect(log).toContain('fault delay on help.GetNearestDc');
    });

    it.each(['drop', 'garbage'] as const)(
      '%s closes the connection; gramjs reconnects and the call completes',
      async (kind) => {
        const { dc, world } = await startDc();
        const telegram = client({ dc });
        await telegram.connect();
        const connectionsBefore = dc.stats().connections;
        dc.faults.inject('help.GetNearestDc', { kind });
        const nearest = await telegram.invoke(new Api.help.GetNearestDc());
        expect(nearest.thisDc).toBe(2);
        expect(dc.stats().connections).toBeGreaterThan(connectionsBefore);
        expect(world.calls).toEqual(['help.GetNearestDc']);
      },
    );

    it('silenced pings make gramjs give up on the connection and reconnect', async () => {
      // gramjs pings every 9 s and reconnects after three 10 s timeouts: run its clock fast.
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const { dc } = await startDc();
      const telegram = client({ dc });
      await telegram.connect();
      const connectionsBefore = dc.stats().connections;
      dc.faults.silencePings(true);
      while (dc.stats().connections === connectionsBefore) {
        await vi.advanceTimersByTimeAsync(500);
        await new Promise((resolve) => setImmediate(resolve)); // let real socket I/O happen
      }
      vi.useRealTimers();
      dc.faults.clear();
      expect(dc.stats().connections).toBe(connectionsBefore + 1);
      expect((await telegram.invoke(new Api.help.GetNearestDc())).thisDc).toBe(2);
    });
  });

  describe('server pushes', () => {
    it('ctx.push and WorldHost pushes reach the right client only', async () => {
      const { dc, world } = await startDc();
      const alice = client({ dc });
      const bob = client({ dc });
      await Promise.all([alice.connect(), bob.connect()]);
      expect(dc.stats().authKeysCreated).toBe(2);
      expect(authKeyIdOfClient(alice)).not.toBe(authKeyIdOfClient(bob));

      // Inside a call: the handler pushes to the caller's key.
      const viaCall = nextUpdate(alice, Api.UpdateLoginToken);
      await alice.invoke(new Api.account.UpdateStatus({ offline: false })); // alice is now user 7
      await viaCall;

      // From outside any call: by user, then by auth key.
      const bobSaw: unknown[] = [];
      bob.addEventHandler((update: unknown) => void bobSaw.push(update), new Raw({}));
      const toAlice = nextUpdate(alice, Api.UpdateConfig);
      world.host!.pushToUser(7n, shortUpdate(new Api.UpdateConfig()));
      await toAlice;
      const toBob = nextUpdate(bob, Api.UpdateDcOptions);
      world.host!.pushToAuthKey(authKeyIdOfClient(bob), shortUpdate(new Api.UpdateDcOptions({ dcOptions: [] })));
      await toBob;
      // Bob's socket carries his update after anything misaddressed, so by now it would show.
      expect(bobSaw.some((update) => update instanceof Api.UpdateConfig)).toBe(false);
      expect(bobSaw.some((update) => update instanceof Api.UpdateLoginToken)).toBe(false);
    });

    it('serves two clients at once', async () => {
      const { dc } = await startDc();
      const clients = [client({ dc }), client({ dc })];
      await Promise.all(clients.map((c) => c.connect()));
      const results = await Promise.all(clients.map((c) => c.invoke(new Api.help.GetNearestDc())));
      expect(results.map((r) => r.thisDc)).toEqual([2, 2]);
      expect(dc.stats().authKeysCreated).toBe(2);
    });
  });

  it('runs as a CLI: one line naming address and key, serves gramjs, exits cleanly on SIGTERM', async () => {
    const stateDir = tempDir();
    const cli = spawn(process.execPath, ['--import', 'tsx', 'electron/local-dc/cli.ts', '--port', '0', '--world', 'demo', '--state-dir', stateDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const [line] = (await once(createInterface({ input: cli.stdout }), 'line')) as [string];
      const match = /^fake-dc listening (127\.0\.0\.1):(\d+) key=(.+)$/.exec(line);
      expect(match).not.toBeNull();
      const [, host, port, keyPath] = match!;
      expect(keyPath).toBe(join(stateDir, 'rsa-public.pem'));
      const telegram = client({ dc: { host: host!, port: Number(port), publicKeyPem: readFileSync(keyPath!, 'utf8') } });
      await telegram.connect();
      expect((await telegram.invoke(new Api.help.GetConfig())).thisDc).toBe(2);
      await telegram.destroy();
    } finally {
      cli.kill('SIGTERM');
    }
    const [code] = (await once(cli, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  describe('transport framing (server side, bytes arriving one at a time)', () => {
    const small = Buffer.alloc(40, 1);
    const large = Buffer.alloc(4 * 300, 2); // past abridged's one-byte length
    const intermediate = (payload: Buffer, padding = 0) => {
      const head = Buffer.alloc(4);
      head.writeUInt32LE(payload.length + padding, 0);
      return Buffer.concat([head, payload, randomBytes(padding)]);
    };
    const abridged = (payload: Buffer) => {
      const words = payload.length / 4;
      const head = words < 0x7f ? Buffer.from([words]) : Buffer.from([0x7f, words & 0xff, (words >> 8) & 0xff, words >> 16]);
      return Buffer.concat([head, payload]);
    };
    const cases: [string, Buffer][] = [
      ['full', Buffer.concat([fullFrame(small, 0), fullFrame(large, 1)])],
      ['intermediate', Buffer.concat([Buffer.from('eeeeeeee', 'hex'), intermediate(small), intermediate(large)])],
      ['padded-intermediate', Buffer.concat([Buffer.from('dddddddd', 'hex'), intermediate(small, 7), intermediate(large, 15)])],
      ['abridged', Buffer.concat([Buffer.from([0xef]), abridged(small), abridged(large)])],
    ];

    it.each(cases)('%s', (name, bytes) => {
      const stream = new TransportStream();
      const payloads: Buffer[] = [];
      for (let i = 0; i < bytes.length; i++) payloads.push(...stream.push(bytes.subarray(i, i + 1)));
      expect(stream.name).toBe(name);
      // Padding stays on (the message layer knows the real length and trims it).
      const padding = name === 'padded-intermediate' ? [7, 15] : [0, 0];
      expect(payloads.map((p) => p.length)).toEqual([small.length + padding[0]!, large.length + padding[1]!]);
      expect(payloads.map((p, i) => p.subarray(0, [small, large][i]!.length))).toEqual([small, large]);
    });

    it('full: refuses a frame whose seq skips ahead', () => {
      const stream = new TransportStream();
      expect(() => stream.push(Buffer.concat([fullFrame(small, 0), fullFrame(small, 2)]))).toThrow(/seq 2, expected 1/);
    });
  });

  describe('trustFakeDcKey (guards a gramjs internal)', () => {
    it("computes the fingerprints gramjs ships for Telegram's own keys", () => {
      expect(_serverKeys).toBeInstanceOf(Map);
      expect(_serverKeys.size).toBeGreaterThan(0);
      for (const [fingerprint, key] of _serverKeys) {
        if (!isTelegramKey(fingerprint)) continue;
        const n = Buffer.from(key.n.toString(16).padStart(512, '0'), 'hex');
        const e = Buffer.from(key.e.toString(16).padStart(6, '0'), 'hex');
        expect(rsaFingerprint({ n, e })).toBe(fingerprint);
      }
    });

    it("registers the key where gramjs's handshake looks it up", async () => {
      const { dc } = await startDc();
      const fingerprint = rsaFingerprint(rsaPublicNumbers(dc.publicKeyPem));
      _serverKeys.delete(fingerprint);
      expect(await gramjsRsaEncrypt(returnBigInt(fingerprint), Buffer.alloc(16))).toBeUndefined();
      expect(trustFakeDcKey(dc.publicKeyPem)).toBe(fingerprint);
      expect(await gramjsRsaEncrypt(returnBigInt(fingerprint), Buffer.alloc(16))).toBeInstanceOf(Buffer);
    });
  });
});

/** The two production keys gramjs 2.26 ships (fingerprints from its RSA.js). */
function isTelegramKey(fingerprint: string): boolean {
  return fingerprint === '-3414540481677951611' || fingerprint === '-5595554452916591101';
}

/** TL `bytes` encoding, for hand-built messages. */
function serializeTlBytes(data: Buffer): Buffer {
  const head = data.length < 254 ? Buffer.from([data.length]) : Buffer.from([254, data.length & 0xff, (data.length >> 8) & 0xff, data.length >> 16]);
  const padding = (4 - ((head.length + data.length) % 4)) % 4;
  return Buffer.concat([head, data, Buffer.alloc(padding)]);
}
