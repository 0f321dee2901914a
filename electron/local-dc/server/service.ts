/**
 * MTProto service calls that are requests in TL but belong to the protocol, not the world, and
 * the service answers whose wire form is written by hand.
 */
import { Api } from 'telegram';
import { serializeBytes } from 'telegram/tl/index.js';
import type { DcSession } from './session.js';

const FUTURE_SALTS = 0xae500895;
const MSGS_STATE_INFO = 0x04deb57d;

/** What the service calls need of the server. */
export interface ServiceHost {
  readonly salt: bigint;
  /** Forgets another session of the same auth key; false if there was none. */
  dropSession(sessionId: bigint): boolean;
}

/**
 * future_salts#ae500895 req_msg_id:long now:int salts:vector<future_salt>: a bare vector of bare
 * future_salt (valid_since:int valid_until:int salt:long), no constructor ids inside. (gramjs's
 * Api.FutureSalts writes each salt boxed, which a client reading the spec takes for a salt made
 * of the constructor id and the dates: mtcute then had every other message refused.)
 * This DC never changes a key's salt, so every window carries the same one; windows of an hour
 * overlapping by half an hour, as Telegram's do, and as many as asked for (at most 64).
 */
function futureSalts(reqMsgId: bigint, salt: bigint, num: number): Buffer {
  const now = Math.floor(Date.now() / 1000);
  const count = Math.min(64, Math.max(1, num));
  const body = Buffer.alloc(20 + count * 16);
  body.writeUInt32LE(FUTURE_SALTS, 0);
  body.writeBigInt64LE(reqMsgId, 4);
  body.writeInt32LE(now, 12);
  body.writeInt32LE(count, 16);
  for (let i = 0; i < count; i++) {
    const since = now - 1800 + i * 1800;
    body.writeInt32LE(since, 20 + i * 16);
    body.writeInt32LE(since + 3600, 24 + i * 16);
    body.writeBigInt64LE(salt, 28 + i * 16);
  }
  return body;
}

/** The bare answer to a service call, or undefined if `request` is an API call for the world. */
export function serviceAnswer(request: unknown, host: ServiceHost, msgId: bigint): Buffer | undefined {
  if (request instanceof Api.GetFutureSalts) return futureSalts(msgId, host.salt, request.num);
  if (request instanceof Api.DestroySession) {
    const sessionId = request.sessionId;
    const dropped = host.dropSession(BigInt(sessionId.toString()));
    return (dropped ? new Api.DestroySessionOk({ sessionId }) : new Api.DestroySessionNone({ sessionId })).getBytes();
  }
  return undefined;
}

/** msgs_state_info#04deb57d req_msg_id:long info:string, one status byte per msg_id asked about. */
export function msgsStateInfo(session: DcSession, reqMsgId: bigint, msgIds: readonly bigint[]): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt32LE(MSGS_STATE_INFO, 0);
  head.writeBigInt64LE(reqMsgId, 4);
  return Buffer.concat([head, serializeBytes(Buffer.from(msgIds.map((id) => session.received.state(id))))]);
}
