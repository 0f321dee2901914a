/**
 * MTProto TCP transports (https://core.telegram.org/mtproto/mtproto-transports), server side.
 *
 * A connection announces its transport with its first bytes: 0xef abridged, 0xeeeeeeee
 * intermediate, 0xdddddddd padded intermediate; anything else is the full transport, which
 * has no tag (gramjs's Node default). Obfuscated transports are not spoken here.
 * The guess cannot misfire on a full frame: its first int is a length that is a multiple of 4,
 * so its first byte is never 0xef and it is never 0xeeeeeeee or 0xdddddddd.
 */
import { randomBytes } from 'node:crypto';
import { crc32 } from 'telegram/Helpers.js';

export type TransportName = 'full' | 'intermediate' | 'padded-intermediate' | 'abridged';

/** Thrown when the byte stream cannot be a valid frame; the connection is then closed. */
export class TransportError extends Error {}

interface Codec {
  readonly name: TransportName;
  /** Takes one frame off the front of `buffer`: its payload and how many bytes it used, or undefined if incomplete. */
  decode(buffer: Buffer): { payload: Buffer; used: number } | undefined;
  encode(payload: Buffer): Buffer;
}

/** Biggest frame we accept; Telegram's own limit is about 1 MB per message. */
const MAX_FRAME = 4 * 1024 * 1024;

function checkLength(length: number): void {
  if (length < 0 || length > MAX_FRAME) throw new TransportError(`bad frame length ${length}`);
}

class FullCodec implements Codec {
  readonly name = 'full';
  private receivedSeq = 0;
  private sentSeq = 0;

  decode(buffer: Buffer) {
    if (buffer.length < 4) return undefined;
    const length = buffer.readInt32LE(0);
    if (length < 12) throw new TransportError(`full: frame length ${length} < 12`);
    checkLength(length);
    if (buffer.length < length) return undefined;
    const seq = buffer.readInt32LE(4);
    const crc = buffer.readUInt32LE(length - 4);
    const expectedCrc = crc32(buffer.subarray(0, length - 4));
    if (crc !== expectedCrc) throw new TransportError(`full: bad crc32 ${crc} != ${expectedCrc}`);
    // A skipped or repeated seq means lost or duplicated bytes: the stream cannot be trusted.
    if (seq !== this.receivedSeq) throw new TransportError(`full: seq ${seq}, expected ${this.receivedSeq}`);
    this.receivedSeq += 1;
    return { payload: Buffer.from(buffer.subarray(8, length - 4)), used: length };
  }

  encode(payload: Buffer): Buffer {
    const head = Buffer.alloc(8);
    head.writeInt32LE(payload.length + 12, 0);
    head.writeInt32LE(this.sentSeq++, 4);
    const body = Buffer.concat([head, payload]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32LE(crc32(body), 0);
    return Buffer.concat([body, crc]);
  }
}

class IntermediateCodec implements Codec {
  constructor(readonly name: 'intermediate' | 'padded-intermediate') {}

  decode(buffer: Buffer) {
    if (buffer.length < 4) return undefined;
    // The top bit asks for a quick ack, which we do not send; it is not part of the length.
    const length = buffer.readUInt32LE(0) & 0x7fffffff;
    checkLength(length);
    if (buffer.length < 4 + length) return undefined;
    // Padded intermediate adds 0..15 random bytes after the payload; the message layer
    // trims them (it knows the real length of both plain and encrypted messages).
    return { payload: Buffer.from(buffer.subarray(4, 4 + length)), used: 4 + length };
  }

  encode(payload: Buffer): Buffer {
    const padding = this.name === 'padded-intermediate' ? randomBytes(randomBytes(1)[0]! % 16) : Buffer.alloc(0);
    const head = Buffer.alloc(4);
    head.writeUInt32LE(payload.length + padding.length, 0);
    return Buffer.concat([head, payload, padding]);
  }
}

class AbridgedCodec implements Codec {
  readonly name = 'abridged';

  decode(buffer: Buffer) {
    if (buffer.length < 1) return undefined;
    // Top bit of the first byte is the quick-ack request flag.
    let words = buffer[0]! & 0x7f;
    let head = 1;
    if (words === 0x7f) {
      if (buffer.length < 4) return undefined;
      words = buffer.readUIntLE(1, 3);
      head = 4;
    }
    const length = words * 4;
    checkLength(length);
    if (buffer.length < head + length) return undefined;
    return { payload: Buffer.from(buffer.subarray(head, head + length)), used: head + length };
  }

  encode(payload: Buffer): Buffer {
    const words = payload.length >> 2;
    if (words < 0x7f) return Buffer.concat([Buffer.from([words]), payload]);
    const head = Buffer.alloc(4);
    head[0] = 0x7f;
    head.writeUIntLE(words, 1, 3);
    return Buffer.concat([head, payload]);
  }
}

/**
 * Turns a TCP byte stream into MTProto payloads and back, once the transport is known.
 * Feed it whatever arrives; it returns the complete payloads.
 */
export class TransportStream {
  private codec: Codec | undefined;
  private pending: Buffer = Buffer.alloc(0);

  get name(): TransportName | undefined {
    return this.codec?.name;
  }

  push(chunk: Buffer): Buffer[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    if (!this.codec && !this.detect()) return [];
    const payloads: Buffer[] = [];
    for (;;) {
      const frame = this.codec!.decode(this.pending);
      if (!frame) break;
      payloads.push(frame.payload);
      this.pending = this.pending.subarray(frame.used);
    }
    return payloads;
  }

  encode(payload: Buffer): Buffer {
    if (!this.codec) throw new Error('transport not yet known');
    return this.codec.encode(payload);
  }

  /** Picks the codec from the connection's first bytes and drops the tag; false until enough bytes arrived. */
  private detect(): boolean {
    const first = this.pending[0];
    if (first === undefined) return false;
    if (first === 0xef) {
      this.codec = new AbridgedCodec();
      this.pending = this.pending.subarray(1);
      return true;
    }
    if (this.pending.length < 4) return false;
    const tag = this.pending.readUInt32LE(0);
    if (tag === 0xeeeeeeee || tag === 0xdddddddd) {
      this.codec = new IntermediateCodec(tag === 0xeeeeeeee ? 'intermediate' : 'padded-intermediate');
      this.pending = this.pending.subarray(4);
      return true;
    }
    this.codec = new FullCodec();
    return true;
  }
}

/** The payload of a transport error: an int32 LE negative code (e.g. -404: unknown auth key). */
export function transportErrorPayload(code: number): Buffer {
  const payload = Buffer.alloc(4);
  payload.writeInt32LE(code, 0);
  return payload;
}
