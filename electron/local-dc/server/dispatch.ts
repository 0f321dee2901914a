/**
 * Decrypted client messages: service messages (containers, acks, pings, gzip) are handled here;
 * API calls are unwrapped (invokeWithLayer, initConnection, ...) and handed to the world, with
 * any injected fault applied first. Every call gets exactly one answer, and every answer goes out
 * through the call's session (session.ts), whichever connection the client is on by then.
 */
import { randomBytes } from 'node:crypto';
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { GZIPPacked } from 'telegram/tl/core/index.js';
import { RpcError, type CallContext } from '../types.js';
import type { AuthKeyRecord } from './auth-keys.js';
import type { DcConnection } from './connection.js';
import type { DcCore } from './core.js';
import type { PlainMessage } from './mtproto-crypto.js';
import { msgsStateInfo, serviceAnswer, type ServiceHost } from './service.js';
import type { DcSession } from './session.js';
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

/** gramjs longs are big-integer objects. */
function toBigInt(value: { toString(): string }): bigint {
  return BigInt(value.toString());
}

function serviceHost(core: DcCore, session: DcSession, authKey: AuthKeyRecord): ServiceHost {
  return {
    salt: authKey.salt,
    // destroy_session is for the key's other sessions: the one asking stays.
    dropSession: (sessionId) => sessionId !== session.id && core.dropSession(authKey.id, sessionId),
  };
}

export async function handleMessage(connection: DcConnection, core: DcCore, message: PlainMessage): Promise<void> {
  const authKey = connection.authKey!;
  const { state: session, isNew } = core.session(authKey.id, message.sessionId);
  connection.session = session;
  session.attach(connection);
  try {
    await handleInSession(connection, core, session, isNew, message);
  } finally {
    session.resendKept();
  }
}

async function handleInSession(connection: DcConnection, core: DcCore, session: DcSession, isNew: boolean, message: PlainMessage): Promise<void> {
  const authKey = connection.authKey!;
  const reply = (body: Buffer, contentRelated = true) => session.send({ body, kind: 'response', contentRelated });

  if (isNew) {
    // Not an answer to any one message: a notification (msg_id ≡ 3 mod 4), content-related.
    session.send({
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
  session: DcSession,
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
    // Answered once, as any query: a repeat gets the kept answer again.
    if (!session.received.note(msgId, true)) session.repeatAnswer(msgId);
    else answerError(session, msgId, 400, 'INPUT_CONSTRUCTOR_INVALID');
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
  session: DcSession,
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
  session: DcSession,
  msgId: bigint,
  object: unknown,
): Promise<void> {
  if (object instanceof GZIPPacked) {
    await handleObject(connection, core, session, msgId, object.data);
    return;
  }
  const query = isRequest(object);
  if (!session.received.note(msgId, query)) {
    // The same msg_id again (a client resending bytes it is unsure went out): never run twice.
    // A running query will be answered; an answered one is answered again if still unacknowledged.
    if (query && !session.received.isRunning(msgId)) session.repeatAnswer(msgId);
    return;
  }
  if (object instanceof Api.MsgsStateReq) {
    session.resendKept();
    const ids = object.msgIds.map(toBigInt);
    session.send({ body: msgsStateInfo(session, msgId, ids), kind: 'response', contentRelated: false });
    return;
  }
  if (object instanceof Api.MsgsAck) {
    session.acknowledge(object.msgIds.map(toBigInt));
    return;
  }
  if (object instanceof Api.MsgsStateInfo || object instanceof Api.MsgsAllInfo) return;
  if (object instanceof Api.Ping || object instanceof Api.PingDelayDisconnect) {
    if (core.faults.pingsSilenced) return; // as if the ping was lost
    if (object instanceof Api.PingDelayDisconnect) connection.closeUnlessPingedWithin(object.disconnectDelay);
    session.received.markAnswered(msgId);
    session.send({ body: new Api.Pong({ msgId: toLong(msgId), pingId: object.pingId }).getBytes(), kind: 'response', contentRelated: true });
    return;
  }
  if (!query) {
    core.log(`ignoring ${className(object)} from the client`);
    return;
  }
  // Calls run concurrently: a delayed call must not hold up the ones behind it.
  void runCall(connection, core, session, msgId, object);
}

function answerError(session: DcSession, msgId: bigint, code: number, message: string) {
  answerRaw(session, msgId, new Api.RpcError({ errorCode: code, errorMessage: message }).getBytes());
}

/** Every answer goes through the session, which delivers it whichever connection the client is on by then. */
function answerRaw(session: DcSession, msgId: bigint, result: Buffer) {
  const head = Buffer.alloc(12);
  head.writeUInt32LE(RPC_RESULT, 0);
  head.writeBigInt64LE(msgId, 4);
  session.answer(msgId, Buffer.concat([head, result]));
}

/** By shape as well as class, in case a world module was loaded twice (e.g. by a test runner). */
function isRpcError(error: unknown): error is RpcError {
  return (
    error instanceof RpcError ||
    (error instanceof Error && error.name === 'RpcError' && typeof (error as RpcError).code === 'number')
  );
}

async function runCall(
  connection: DcConnection,
  core: DcCore,
  session: DcSession,
  msgId: bigint,
  request: Api.AnyRequest,
): Promise<void> {
  const authKey = connection.authKey!;
  const call = unwrap(request, (layer) => {
    authKey.layer = layer;
  });
  const method = className(call);
  try {
    const service = serviceAnswer(call, serviceHost(core, session, authKey), msgId);
    if (service) {
      // MTProto service answers (future_salts, destroy_session_ok) travel bare, never in rpc_result.
      session.received.markAnswered(msgId);
      session.send({ body: service, kind: 'response', contentRelated: false });
      return;
    }
    const fault = core.faults.take(method);
    if (fault) core.log(`fault ${fault.kind} on ${method}`);
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.kind === 'hold') await fault.until.catch(() => undefined);
    if (fault?.kind === 'rpc-error') throw new RpcError(fault.code, fault.message);
    if (fault?.kind === 'drop' || fault?.kind === 'garbage') {
      // Both stand for a query lost with its connection: to msgs_state_req it was never received.
      session.received.unsee(msgId);
      if (fault.kind === 'drop') connection.drop();
      else connection.sendGarbageAndClose();
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
    answerRaw(session, msgId, Buffer.isBuffer(result) ? result : bytesForLayer(result, authKey.layer));
  } catch (error) {
    if (isRpcError(error)) {
      answerError(session, msgId, error.code, error.errorMessage);
    } else {
      core.log(`${method} failed: ${(error as Error)?.stack ?? String(error)}`);
      answerError(session, msgId, 500, 'INTERNAL');
    }
  }
}
