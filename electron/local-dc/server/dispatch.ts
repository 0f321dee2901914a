/**
 * Decrypted client messages: service messages (containers, acks, pings, gzip) are handled here;
 * API calls are unwrapped (invokeWithLayer, initConnection, ...) and handed to the world, with
 * any injected fault applied first. Every call gets exactly one answer, or its connection closes.
 */
import { randomBytes } from 'node:crypto';
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { GZIPPacked } from 'telegram/tl/core/index.js';
import { RpcError, type CallContext, type TlResult } from '../types.js';
import type { DcConnection, SessionState } from './connection.js';
import type { DcCore } from './core.js';
import type { PlainMessage } from './mtproto-crypto.js';
import { bytesForLayer, LayeredReader } from './tl-layer.js';

const RPC_RESULT = 0xf35c6d01;
const MSG_CONTAINER = 0x73f1f8dc;
const NOT_IMPLEMENTED = 'METHOD_NOT_IMPLEMENTED_IN_TEST_DC';

/** Wrappers that only change how the inner call is run; the world sees the inner call. `onLayer` learns the declared layer. */
function unwrap(request: unknown, onLayer: (layer: number) => void): unknown {
  let current = request;
  for (;;) {
    if (current instanceof Api.InvokeWithLayer) onLayer(current.layer);
    if (
      current instanceof Api.InvokeWithLayer ||
      current instanceof Api.InitConnection ||
      current instanceof Api.InvokeWithoutUpdates ||
      current instanceof Api.InvokeAfterMsg ||
      current instanceof Api.InvokeAfterMsgs ||
      current instanceof Api.InvokeWithMessagesRange ||
      current instanceof Api.InvokeWithTakeout
    ) {
      current = current.query;
    } else {
      return current;
    }
  }
}

function className(value: unknown): string {
  if (value && typeof value === 'object' && 'className' in value) return String(value.className);
  return typeof value;
}

function isRequest(value: unknown): value is Api.AnyRequest {
  return !!value && typeof value === 'object' && 'classType' in value && value.classType === 'request';
}

/** MTProto: a client msg_id more than 300 s in the past (16) or 30 s in the future (17) is refused. */
function msgIdTimeError(msgId: bigint): 16 | 17 | undefined {
  const seconds = Number(msgId >> 32n);
  const now = Date.now() / 1000;
  if (seconds < now - 300) return 16;
  if (seconds > now + 30) return 17;
  return undefined;
}

function toLong(value: bigint) {
  return returnBigInt(value);
}

export async function handleMessage(connection: DcConnection, core: DcCore, message: PlainMessage): Promise<void> {
  const authKey = connection.authKey!;
  const { state: session, isNew } = core.session(authKey.id, message.sessionId);
  connection.session = session;
  const reply = (body: Buffer, contentRelated = true) =>
    connection.send(session, { body, kind: 'response', contentRelated });

  if (isNew) {
    // Not an answer to any one message: a notification (msg_id ≡ 3 mod 4), content-related.
    connection.send(session, {
      body: new Api.NewSessionCreated({
        firstMsgId: toLong(message.msgId),
        uniqueId: toLong(randomBytes(8).readBigInt64LE(0)),
        serverSalt: toLong(authKey.salt),
      }).getBytes(),
      kind: 'notification',
      contentRelated: true,
    });
  }
  if (message.msgId % 4n !== 0n) {
    // Client message ids are divisible by 4 (error 18: wrong low bits).
    reply(
      new Api.BadMsgNotification({ badMsgId: toLong(message.msgId), badMsgSeqno: message.seqNo, errorCode: 18 }).getBytes(),
      false,
    );
    return;
  }
  const timeError = msgIdTimeError(message.msgId);
  if (timeError) {
    // The client's clock is off by more than MTProto allows: tell it (16 too low, 17 too high) so it resyncs.
    reply(new Api.BadMsgNotification({ badMsgId: toLong(message.msgId), badMsgSeqno: message.seqNo, errorCode: timeError }).getBytes(), false);
    return;
  }
  if (message.salt !== authKey.salt) {
    // The client must learn the salt and resend (gramjs starts every new key with salt 0).
    reply(
      new Api.BadServerSalt({
        badMsgId: toLong(message.msgId),
        badMsgSeqno: message.seqNo,
        errorCode: 48,
        newServerSalt: toLong(authKey.salt),
      }).getBytes(),
      false,
    );
    return;
  }
  await handleObject(connection, core, session, message.msgId, message.body);
}

async function handleObject(
  connection: DcConnection,
  core: DcCore,
  session: SessionState,
  msgId: bigint,
  body: Buffer,
): Promise<void> {
  if (body.length >= 8 && body.readUInt32LE(0) === MSG_CONTAINER) {
    await handleContainer(connection, core, session, msgId, body);
    return;
  }
  let object: unknown;
  try {
    // gramjs parses its core types (gzip_packed) asynchronously: await whatever comes back.
    object = await new LayeredReader(body).tgReadObject();
  } catch (error) {
    core.log(`cannot parse message ${msgId}: ${(error as Error).message}`);
    answerError(connection, session, msgId, 400, 'INPUT_CONSTRUCTOR_INVALID');
    return;
  }
  await handleParsed(connection, core, session, msgId, object);
}

/**
 * msg_container#73f1f8dc messages:vector<message>: split by hand, so one inner message the
 * server cannot parse gets its own error instead of sinking the whole container.
 */
async function handleContainer(
  connection: DcConnection,
  core: DcCore,
  session: SessionState,
  containerId: bigint,
  body: Buffer,
): Promise<void> {
  const count = body.readInt32LE(4);
  let offset = 8;
  for (let i = 0; i < count; i++) {
    if (offset + 16 > body.length) break;
    const msgId = body.readBigInt64LE(offset);
    const length = body.readInt32LE(offset + 12);
    const inner = body.subarray(offset + 16, offset + 16 + length);
    offset += 16 + length;
    if (length < 4 || inner.length !== length || inner.readUInt32LE(0) === MSG_CONTAINER) {
      core.log(`malformed container ${containerId}`);
      return;
    }
    await handleObject(connection, core, session, msgId, inner);
  }
}

async function handleParsed(
  connection: DcConnection,
  core: DcCore,
  session: SessionState,
  msgId: bigint,
  object: unknown,
): Promise<void> {
  if (object instanceof GZIPPacked) {
    await handleObject(connection, core, session, msgId, object.data);
    return;
  }
  if (object instanceof Api.MsgsStateReq) {
    // Every message that reached here was handled at once: "received" (4), answer generated or none needed.
    const info = Buffer.from(object.msgIds.map(() => 4));
    connection.send(session, { body: new Api.MsgsStateInfo({ reqMsgId: toLong(msgId), info: info.toString('latin1') }).getBytes(), kind: 'response', contentRelated: false });
    return;
  }
  if (object instanceof Api.MsgsAck || object instanceof Api.MsgsStateInfo || object instanceof Api.MsgsAllInfo) {
    return; // Nothing we send is resent, so acknowledgements need no bookkeeping.
  }
  if (object instanceof Api.Ping || object instanceof Api.PingDelayDisconnect) {
    if (core.faults.pingsSilenced) return; // as if the ping was lost
    if (object instanceof Api.PingDelayDisconnect) connection.closeUnlessPingedWithin(object.disconnectDelay);
    connection.send(session, {
      body: new Api.Pong({ msgId: toLong(msgId), pingId: object.pingId }).getBytes(),
      kind: 'response',
      contentRelated: true,
    });
    return;
  }
  if (!isRequest(object)) {
    core.log(`ignoring ${className(object)} from the client`);
    return;
  }
  // Calls run concurrently: a delayed call must not hold up the ones behind it.
  void runCall(connection, core, session, msgId, object);
}

function answerError(connection: DcConnection, session: SessionState, msgId: bigint, code: number, message: string) {
  answerRaw(connection, session, msgId, new Api.RpcError({ errorCode: code, errorMessage: message }).getBytes());
}

function answerRaw(connection: DcConnection, session: SessionState, msgId: bigint, result: Buffer) {
  const head = Buffer.alloc(12);
  head.writeUInt32LE(RPC_RESULT, 0);
  head.writeBigInt64LE(msgId, 4);
  connection.send(session, { body: Buffer.concat([head, result]), kind: 'response', contentRelated: true });
}

/** By shape as well as class, in case a world module was loaded twice (e.g. by a test runner). */
function isRpcError(error: unknown): error is RpcError {
  return (
    error instanceof RpcError ||
    (error instanceof Error && error.name === 'RpcError' && typeof (error as RpcError).code === 'number')
  );
}

function resultBytes(result: TlResult): Buffer {
  return Buffer.isBuffer(result) ? result : result.getBytes();
}

/** MTProto service calls that are requests in TL but belong to the protocol, not the world. */
function serviceCall(request: unknown, authKeySalt: bigint, msgId: bigint): TlResult | undefined {
  if (request instanceof Api.GetFutureSalts) {
    const now = Math.floor(Date.now() / 1000);
    // One salt, valid for a long time: this DC never rotates salts.
    return new Api.FutureSalts({
      reqMsgId: toLong(msgId),
      now,
      salts: [new Api.FutureSalt({ validSince: now - 3600, validUntil: now + 30 * 86400, salt: toLong(authKeySalt) })],
    });
  }
  if (request instanceof Api.DestroySession) {
    return new Api.DestroySessionOk({ sessionId: request.sessionId });
  }
  return undefined;
}

async function runCall(
  connection: DcConnection,
  core: DcCore,
  session: SessionState,
  msgId: bigint,
  request: Api.AnyRequest,
): Promise<void> {
  const authKey = connection.authKey!;
  const call = unwrap(request, (layer) => {
    authKey.layer = layer;
  });
  const method = className(call);
  try {
    const service = serviceCall(call, authKey.salt, msgId);
    if (service) {
      // MTProto service answers (future_salts, destroy_session_ok) travel bare, never in rpc_result.
      connection.send(session, { body: resultBytes(service), kind: 'response', contentRelated: false });
      return;
    }
    const fault = core.faults.take(method);
    if (fault) core.log(`fault ${fault.kind} on ${method}`);
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.kind === 'hold') await fault.until.catch(() => undefined);
    if (fault?.kind === 'rpc-error') throw new RpcError(fault.code, fault.message);
    if (fault?.kind === 'drop') {
      connection.drop();
      return;
    }
    if (fault?.kind === 'garbage') {
      connection.sendGarbageAndClose();
      return;
    }
    const handler = core.methods.get(method);
    if (!handler || !isRequest(call)) {
      core.log(`${NOT_IMPLEMENTED}: ${method}`);
      throw new RpcError(400, NOT_IMPLEMENTED);
    }
    const context: CallContext = {
      authKeyId: authKey.id,
      get userId() {
        return authKey.userId;
      },
      bindUser: (userId) => core.authKeys.bindUser(authKey.id, userId),
      push: (update) => core.pushToAuthKey(authKey.id, update),
      pushToUser: (userId, update) => core.pushToUser(userId, update),
      pushToAuthKey: (authKeyId, update) => core.pushToAuthKey(authKeyId, update),
      dc: core.dc,
    };
    const result = await handler(call, context);
    answerRaw(connection, session, msgId, Buffer.isBuffer(result) ? result : bytesForLayer(result, authKey.layer));
  } catch (error) {
    if (isRpcError(error)) {
      answerError(connection, session, msgId, error.code, error.errorMessage);
    } else {
      core.log(`${method} failed: ${(error as Error)?.stack ?? String(error)}`);
      answerError(connection, session, msgId, 500, 'INTERNAL');
    }
  }
}
