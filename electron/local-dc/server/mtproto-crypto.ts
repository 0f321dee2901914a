/**
 * MTProto 2.0 message encryption (https://core.telegram.org/mtproto/description), both directions.
 * x = 0 for client-to-server messages, 8 for server-to-client.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { IGE } from 'telegram/crypto/IGE.js';

function sha256(...parts: Buffer[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** AES-256-IGE key and iv for one message; exported for tests that play the client's side. */
export function aesKeyIv(authKey: Buffer, msgKey: Buffer, x: 0 | 8): { key: Buffer; iv: Buffer } {
  const a = sha256(msgKey, authKey.subarray(x, x + 36));
  const b = sha256(authKey.subarray(40 + x, 76 + x), msgKey);
  return {
    key: Buffer.concat([a.subarray(0, 8), b.subarray(8, 24), a.subarray(24, 32)]),
    iv: Buffer.concat([b.subarray(0, 8), a.subarray(8, 24), b.subarray(24, 32)]),
  };
}

export interface PlainMessage {
  salt: bigint;
  sessionId: bigint;
  msgId: bigint;
  seqNo: number;
  body: Buffer;
}

/**
 * Decrypts a client's message; undefined if msg_key or the lengths do not check out.
 * Bytes past the last whole AES block are ignored (padded intermediate appends them).
 */
export function decryptClientMessage(authKey: Buffer, payload: Buffer): PlainMessage | undefined {
  if (payload.length < 24 + 32) return undefined;
  const msgKey = payload.subarray(8, 24);
  const encrypted = payload.subarray(24, 24 + Math.floor((payload.length - 24) / 16) * 16);
  const { key, iv } = aesKeyIv(authKey, msgKey, 0);
  const plain = new IGE(key, iv).decryptIge(encrypted);
  if (!sha256(authKey.subarray(88, 120), plain).subarray(8, 24).equals(msgKey)) return undefined;
  const length = plain.readInt32LE(28);
  const padding = plain.length - 32 - length;
  if (length < 0 || length % 4 !== 0 || padding < 12 || padding > 1024) return undefined;
  return {
    salt: plain.readBigInt64LE(0),
    sessionId: plain.readBigInt64LE(8),
    msgId: plain.readBigInt64LE(16),
    seqNo: plain.readInt32LE(24),
    body: Buffer.from(plain.subarray(32, 32 + length)),
  };
}

export function encryptServerMessage(authKey: Buffer, authKeyId: Buffer, message: PlainMessage): Buffer {
  const head = Buffer.alloc(32);
  head.writeBigInt64LE(message.salt, 0);
  head.writeBigInt64LE(message.sessionId, 8);
  head.writeBigInt64LE(message.msgId, 16);
  head.writeInt32LE(message.seqNo, 24);
  head.writeInt32LE(message.body.length, 28);
  const unpadded = 32 + message.body.length;
  // 12..1024 bytes of padding, total a multiple of 16; vary it a little, as the spec asks.
  const paddingLength = ((16 - ((unpadded + 12) % 16)) % 16) + 12 + 16 * randomInt(0, 4);
  const plain = Buffer.concat([head, message.body, randomBytes(paddingLength)]);
  const msgKey = sha256(authKey.subarray(96, 128), plain).subarray(8, 24);
  const { key, iv } = aesKeyIv(authKey, msgKey, 8);
  return Buffer.concat([authKeyId, msgKey, new IGE(key, iv).encryptIge(plain)]);
}
