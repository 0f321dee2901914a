/**
 * A bare MTProto 2.0 client for tests that must decide what a real client leaves to chance:
 * which connection a message travels on, its msg_id, and when a connection closes. It borrows
 * an auth key a gramjs client made, speaks the intermediate transport, and keeps every message
 * the DC sends so a test can wait for the one it expects.
 */
import { createHash, randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { IGE } from 'telegram/crypto/IGE.js';
import { authKeyIdOf } from '../../../electron/local-dc/server/auth-keys.js';
import { aesKeyIv } from '../../../electron/local-dc/server/mtproto-crypto.js';

export const IDS = {
  rpcResult: 0xf35c6d01,
  pong: 0x347773c5,
  badServerSalt: 0xedab447b,
  msgsStateInfo: 0x04deb57d,
  futureSalts: 0xae500895,
  newSessionCreated: 0x9ec20908,
} as const;

export interface ServerMessage {
  msgId: bigint;
  seqNo: number;
  body: Buffer;
  /** The body's constructor id. */
  type: number;
  /** For rpc_result: the msg_id of the query it answers. */
  reqMsgId?: bigint;
}

const sha256 = (...parts: Buffer[]) => parts.reduce((hash, part) => hash.update(part), createHash('sha256')).digest();

/** One client session (session_id, salt, msg_id and seqno counters) that can outlive its connections. */
export class RawSession {
  readonly id = randomBytes(8).readBigInt64LE(0);
  salt = 0n;
  private lastMsgId = 0n;
  private contentRelated = 0;
  private readonly keyId: Buffer;

  constructor(readonly authKey: Buffer) {
    this.keyId = Buffer.from(authKeyIdOf(authKey), 'hex');
  }

  /** Client msg ids: the time in the top 32 bits, divisible by 4, increasing. */
  nextMsgId(): bigint {
    const now = BigInt(Date.now());
    let id = (((now / 1000n) << 32n) | (((now % 1000n) << 32n) / 1000n)) & ~3n;
    if (id <= this.lastMsgId) id = this.lastMsgId + 4n;
    this.lastMsgId = id;
    return id;
  }

  nextSeqNo(contentRelated: boolean): number {
    return contentRelated ? this.contentRelated++ * 2 + 1 : this.contentRelated * 2;
  }

  encrypt(msgId: bigint, seqNo: number, body: Buffer): Buffer {
    const head = Buffer.alloc(32);
    head.writeBigInt64LE(this.salt, 0);
    head.writeBigInt64LE(this.id, 8);
    head.writeBigInt64LE(msgId, 16);
    head.writeInt32LE(seqNo, 24);
    head.writeInt32LE(body.length, 28);
    const padding = ((16 - ((32 + body.length + 12) % 16)) % 16) + 12;
    const plain = Buffer.concat([head, body, randomBytes(padding)]);
    const msgKey = sha256(this.authKey.subarray(88, 120), plain).subarray(8, 24);
    const { key, iv } = aesKeyIv(this.authKey, msgKey, 0);
    return Buffer.concat([this.keyId, msgKey, new IGE(key, iv).encryptIge(plain)]);
  }

  decrypt(payload: Buffer): ServerMessage {
    const msgKey = payload.subarray(8, 24);
    const { key, iv } = aesKeyIv(this.authKey, msgKey, 8);
    const plain = new IGE(key, iv).decryptIge(payload.subarray(24));
    if (!sha256(this.authKey.subarray(96, 128), plain).subarray(8, 24).equals(msgKey)) throw new Error('bad msg_key from the DC');
    if (plain.readBigInt64LE(8) !== this.id) throw new Error('message for another session');
    const body = Buffer.from(plain.subarray(32, 32 + plain.readInt32LE(28)));
    const type = body.readUInt32LE(0);
    return {
      msgId: plain.readBigInt64LE(16),
      seqNo: plain.readInt32LE(24),
      body,
      type,
      ...(type === IDS.rpcResult ? { reqMsgId: body.readBigInt64LE(4) } : {}),
    };
  }
}

/** One TCP connection carrying a RawSession. */
export class RawConnection {
  /** Everything the DC sent on this connection, in order; `next` takes from here. */
  readonly received: ServerMessage[] = [];
  private pending = Buffer.alloc(0);
  private wake: (() => void) | undefined;
  private closedByPeer = false;

  private constructor(
    private readonly socket: Socket,
    readonly session: RawSession,
  ) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('close', () => {
      this.closedByPeer = true;
      this.wake?.();
    });
    socket.on('error', () => undefined);
  }

  static async open(port: number, session: RawSession): Promise<RawConnection> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    socket.write(Buffer.from('eeeeeeee', 'hex'));
    return new RawConnection(socket, session);
  }

  /** Sends one message (a query unless `contentRelated` is false); returns its msg_id, or reuses `msgId`. */
  send(body: Buffer, options: { msgId?: bigint; contentRelated?: boolean } = {}): bigint {
    const msgId = options.msgId ?? this.session.nextMsgId();
    const payload = this.session.encrypt(msgId, this.session.nextSeqNo(options.contentRelated ?? true), body);
    const head = Buffer.alloc(4);
    head.writeUInt32LE(payload.length, 0);
    this.socket.write(Buffer.concat([head, payload]));
    return msgId;
  }

  /** The first message not yet taken that `match` accepts, waiting up to `ms` for it. */
  async next(match: (message: ServerMessage) => boolean, ms = 10_000): Promise<ServerMessage> {
    const deadline = Date.now() + ms;
    for (;;) {
      const index = this.received.findIndex(match);
      if (index >= 0) return this.received.splice(index, 1)[0]!;
      if (this.closedByPeer) throw new Error('the DC closed the connection');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`nothing matching within ${ms} ms; got types ${this.received.map((m) => m.type.toString(16)).join(', ') || 'none'}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** A new session's first message meets the wrong salt (0): learn the right one from bad_server_salt. */
  async learnSalt(ping: Buffer): Promise<void> {
    this.send(ping);
    const bad = await this.next((m) => m.type === IDS.badServerSalt);
    this.session.salt = bad.body.readBigInt64LE(20);
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    while (this.pending.length >= 4) {
      const length = this.pending.readUInt32LE(0);
      if (this.pending.length < 4 + length) break;
      this.received.push(this.session.decrypt(this.pending.subarray(4, 4 + length)));
      this.pending = this.pending.subarray(4 + length);
    }
    this.wake?.();
  }
}
