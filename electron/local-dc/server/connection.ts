/**
 * One client TCP connection: transport framing, then either the plain handshake or MTProto 2.0
 * encrypted messages for one auth key.
 */
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { BinaryReader } from 'telegram/extensions/BinaryReader.js';
import { HandshakeError, ServerHandshake } from './handshake.js';
import { decryptClientMessage, encryptServerMessage } from './mtproto-crypto.js';
import { ServerMsgIds } from './msg-ids.js';
import type { DcSession, SessionLink } from './session.js';
import { TransportError, TransportStream, transportErrorPayload } from './transport.js';
import type { AuthKeyRecord } from './auth-keys.js';
import type { DcCore } from './core.js';
import { handleMessage } from './dispatch.js';

export class DcConnection implements SessionLink {
  private readonly transport = new TransportStream();
  private handshake: ServerHandshake | undefined;
  /** Incoming payloads are handled one after another; calls they start run concurrently. */
  private queue: Promise<void> = Promise.resolve();
  authKey: AuthKeyRecord | undefined;
  /** The session that last spoke on this connection: pushes go there. */
  session: DcSession | undefined;
  private closed = false;
  private pingDeadline: NodeJS.Timeout | undefined;

  constructor(
    readonly socket: Socket,
    private readonly core: DcCore,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.closed = true;
      clearTimeout(this.pingDeadline);
      core.forget(this);
    });
  }

  get isOpen(): boolean {
    return !this.closed && !this.socket.destroyed;
  }

  /** Closes the TCP connection at once. Answers still to come go to the session, for the client's next connection. */
  drop(): void {
    this.closed = true;
    this.socket.destroy();
  }

  /**
   * ping_delay_disconnect: close the connection unless another ping comes within `seconds`
   * (how Telegram notices dead clients). Unref'd so a forgotten DC never keeps a process alive.
   */
  closeUnlessPingedWithin(seconds: number): void {
    clearTimeout(this.pingDeadline);
    this.pingDeadline = setTimeout(() => {
      this.core.log(`no ping within ${seconds} s: closing connection`);
      this.drop();
    }, seconds * 1000);
    this.pingDeadline.unref();
  }

  private onData(chunk: Buffer): void {
    let payloads: Buffer[];
    const known = this.transport.name;
    try {
      payloads = this.transport.push(chunk);
      if (!known && this.transport.name) this.core.noteTransport(this.transport.name);
    } catch (error) {
      this.core.log(`transport error, closing: ${(error as Error).message}`);
      this.drop();
      return;
    }
    for (const payload of payloads) {
      this.queue = this.queue.then(() => this.onPayload(payload)).catch((error: unknown) => this.fail(error));
    }
  }

  private fail(error: unknown): void {
    if (error instanceof HandshakeError || error instanceof TransportError) {
      this.core.log(`closing connection: ${error.message}`);
    } else {
      this.core.log(`closing connection after unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    }
    this.drop();
  }

  private async onPayload(payload: Buffer): Promise<void> {
    if (!this.isOpen) return;
    if (payload.length < 8) throw new TransportError(`payload of ${payload.length} bytes`);
    const authKeyId = payload.subarray(0, 8);
    if (authKeyId.equals(Buffer.alloc(8))) return this.onPlain(payload);
    return this.onEncrypted(authKeyId.toString('hex'), payload);
  }

  /** auth_key_id 0 | msg_id | length | body: only the handshake travels this way. */
  private async onPlain(payload: Buffer): Promise<void> {
    if (payload.length < 20) throw new TransportError('short plain message');
    const length = payload.readInt32LE(16);
    if (length < 4 || 20 + length > payload.length) throw new TransportError('bad plain message length');
    const request: unknown = await new BinaryReader(payload.subarray(20, 20 + length)).tgReadObject();
    this.handshake ??= new ServerHandshake(this.core.rsaKey, (created) => {
      const record = this.core.authKeys.add(created.key, created.salt);
      this.core.log(`new auth key ${record.id}`);
    });
    const answer = (await this.handshake.answer(request)).getBytes();
    const head = Buffer.alloc(20);
    head.writeBigInt64LE(this.plainMsgIds.next('response'), 8);
    head.writeInt32LE(answer.length, 16);
    this.writePayload(Buffer.concat([head, answer]));
  }

  /** Handshake answers have msg ids too, from their own clock (no session yet). */
  private readonly plainMsgIds = new ServerMsgIds();

  private async onEncrypted(authKeyId: string, payload: Buffer): Promise<void> {
    const record = this.core.authKeys.get(authKeyId);
    if (!record) {
      // What Telegram answers for a key it does not know; gramjs then reports a broken key.
      this.core.log(`unknown auth key ${authKeyId}: -404`);
      this.writePayload(transportErrorPayload(-404));
      this.socket.end();
      this.closed = true;
      return;
    }
    if (this.core.faults.isCutOff(record.userId)) {
      // The user's network is down (faults.cutOff): nothing of theirs is answered.
      this.drop();
      return;
    }
    if (this.authKey && this.authKey.id !== record.id) throw new TransportError('auth key changed mid-connection');
    const message = decryptClientMessage(record.key, payload);
    if (!message) throw new TransportError(`message for key ${authKeyId} does not decrypt (msg_key mismatch)`);
    if (!this.authKey) {
      this.authKey = record;
      this.core.remember(this);
    }
    await handleMessage(this, this.core, message);
  }

  write(session: DcSession, msgId: bigint, seqNo: number, body: Buffer): boolean {
    if (!this.isOpen || !this.authKey) return false;
    const encrypted = encryptServerMessage(this.authKey.key, Buffer.from(this.authKey.id, 'hex'), {
      salt: this.authKey.salt,
      sessionId: session.id,
      msgId,
      seqNo,
      body,
    });
    this.writePayload(encrypted);
    return true;
  }

  /**
   * Server-initiated message (an update) to the session last seen on this connection. Pushes go
   * to every live connection of a key, so each is written here, not through the session.
   */
  notify(body: Buffer): void {
    const session = this.session;
    if (session) this.write(session, session.msgIds.next('notification'), session.seqNo.next(true), body);
  }

  /**
   * Sends a frame that is not valid MTProto, then closes: with the full transport its CRC is
   * wrong, otherwise its auth key id and contents are random. Either way the client drops it
   * and reconnects, and resends what was unanswered.
   */
  sendGarbageAndClose(): void {
    if (!this.isOpen) return;
    const frame = this.transport.encode(randomBytes(64));
    if (this.transport.name === 'full') frame[frame.length - 1] = frame[frame.length - 1]! ^ 0xff;
    this.socket.write(frame);
    this.closed = true;
    this.socket.end();
  }

  private writePayload(payload: Buffer): void {
    if (this.socket.destroyed) return;
    this.socket.write(this.transport.encode(payload));
  }
}
