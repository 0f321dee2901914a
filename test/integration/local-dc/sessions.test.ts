/**
 * MTProto sessions outlive TCP connections (core.telegram.org/mtproto/description): an answer
 * belongs to the session, goes out on the connection the client last spoke on, and is kept until
 * the client acknowledges it; msgs_state_req is answered with what really became of each message.
 * Driven with a bare client (./raw-mtproto.ts) so each step happens exactly when the test says.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import { fakeDcClient } from '../../../electron/local-dc/client.js';
import { startFakeDc, type FakeDc } from '../../../electron/local-dc/index.js';
import { IDS, RawConnection, RawSession, type ServerMessage } from './raw-mtproto.js';

const opened: { dcs: FakeDc[]; connections: RawConnection[] } = { dcs: [], connections: [] };

afterEach(async () => {
  for (const connection of opened.connections.splice(0)) connection.close();
  await Promise.all(opened.dcs.splice(0).map((dc) => dc.close()));
});

const nearestDc = () => new Api.help.GetNearestDc().getBytes();
const ping = (id: number) => new Api.Ping({ pingId: returnBigInt(id) }).getBytes();
const stateReq = (ids: bigint[]) => new Api.MsgsStateReq({ msgIds: ids.map((id) => returnBigInt(id)) }).getBytes();
const ack = (ids: bigint[]) => new Api.MsgsAck({ msgIds: ids.map((id) => returnBigInt(id)) }).getBytes();
const answerTo = (msgId: bigint) => (message: ServerMessage) => message.reqMsgId === msgId;
const isType = (type: number) => (message: ServerMessage) => message.type === type;

/** A DC and a session on an auth key a gramjs client made there (the handshake is not under test). */
async function setUp(): Promise<{ dc: FakeDc; session: RawSession }> {
  const dc = await startFakeDc({ log: () => undefined });
  opened.dcs.push(dc);
  const gramjs = fakeDcClient({ dc });
  await gramjs.connect();
  const key = gramjs.session.getAuthKey()!.getKey()!;
  await gramjs.destroy();
  return { dc, session: new RawSession(key) };
}

async function openConnection(dc: FakeDc, session: RawSession): Promise<RawConnection> {
  const connection = await RawConnection.open(dc.port, session);
  opened.connections.push(connection);
  if (session.salt === 0n) await connection.learnSalt(ping(1));
  return connection;
}

/** Holds every call of `method` until the returned function is called. */
function hold(dc: FakeDc, method: string): () => void {
  let release!: () => void;
  dc.faults.inject(method, { kind: 'hold', until: new Promise<void>((resolve) => (release = resolve)), times: Infinity });
  return release;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The status bytes of a msgs_state_info (info:string after the constructor and req_msg_id). */
function stateBytes(message: ServerMessage): number[] {
  const length = message.body[12]!;
  return [...message.body.subarray(13, 13 + length)];
}

/** A query the DC holds, sent on a connection the client has closed since; `release` lets the call end. */
async function queryLeftBehind() {
  const { dc, session } = await setUp();
  const release = hold(dc, 'help.GetNearestDc');
  const first = await openConnection(dc, session);
  const query = first.send(nearestDc());
  await until(() => dc.faults.callsTo('help.GetNearestDc') === 1, 'the call to reach the world');
  first.close();
  return { dc, session, query, release };
}

describe('a session outlives its connections', () => {
  it('an answer made while the client has no connection goes out when it reconnects in the same session', async () => {
    const { dc, session, query, release } = await queryLeftBehind();
    // The held call ends in microtasks: its answer is made before the next connection even opens.
    release();

    const second = await openConnection(dc, session);
    second.send(ping(2));
    const answer = await second.next(answerTo(query));
    expect(answer.body.readUInt32LE(12)).toBe(Api.NearestDc.CONSTRUCTOR_ID);
    expect(dc.faults.callsTo('help.GetNearestDc')).toBe(1);
  });

  it('an answer still being made when the connection closes goes out on the connection the client moved to', async () => {
    const { dc, session, query, release } = await queryLeftBehind();

    const second = await openConnection(dc, session);
    second.send(ping(2));
    await second.next(isType(IDS.pong));
    release();
    await second.next(answerTo(query));
  });

  it('sends an unacknowledged answer again on the next connection, and an acknowledged one never', async () => {
    const { dc, session } = await setUp();
    const first = await openConnection(dc, session);
    const acked = first.send(nearestDc());
    const ackedAnswer = await first.next(answerTo(acked));
    first.send(ack([ackedAnswer.msgId]), { contentRelated: false });
    const unacked = first.send(nearestDc());
    await first.next(answerTo(unacked));
    first.send(ping(2));
    await first.next(isType(IDS.pong)); // the ack was read before the connection goes
    first.close();

    const second = await openConnection(dc, session);
    second.send(ping(3));
    await second.next(isType(IDS.pong));
    await second.next(answerTo(unacked));
    expect(second.received.some(answerTo(acked))).toBe(false);
  });

  it('counts an acknowledgement the client brings to its new connection before sending kept answers again', async () => {
    const { dc, session } = await setUp();
    const first = await openConnection(dc, session);
    const query = first.send(nearestDc());
    const answer = await first.next(answerTo(query));
    first.close(); // read, but not acknowledged on this connection

    const second = await openConnection(dc, session);
    second.send(ack([answer.msgId]), { contentRelated: false });
    second.send(ping(3));
    await second.next(isType(IDS.pong));
    expect(second.received.some(answerTo(query))).toBe(false);
  });

  it('answers msgs_state_req with what became of each message: unknown, not received, being processed, answered', async () => {
    const { dc, session } = await setUp();
    const release = hold(dc, 'help.GetNearestDc');
    const connection = await openConnection(dc, session);
    const beforeAll = session.nextMsgId();
    connection.send(ping(2));
    await connection.next(isType(IDS.pong));
    const neverSent = session.nextMsgId();
    const query = connection.send(nearestDc());
    await until(() => dc.faults.callsTo('help.GetNearestDc') === 1, 'the call to reach the world');
    const future = query + (10n << 32n);

    connection.send(stateReq([beforeAll, neverSent, query, future]), { contentRelated: false });
    // 1: too old to know; 2: within what was received, not received; 4+32: received, being processed; 3: too new.
    expect(stateBytes(await connection.next(isType(IDS.msgsStateInfo)))).toEqual([1, 2, 36, 3]);

    release();
    await connection.next(answerTo(query));
    connection.send(stateReq([query]), { contentRelated: false });
    // +64: the answer is made.
    expect(stateBytes(await connection.next(isType(IDS.msgsStateInfo)))).toEqual([100]);
  });

  it('runs a query sent twice with one msg_id once, and answers the repeat with the same answer', async () => {
    const { dc, session } = await setUp();
    const connection = await openConnection(dc, session);
    const query = connection.send(nearestDc());
    const answer = await connection.next(answerTo(query));
    connection.send(nearestDc(), { msgId: query });
    const repeat = await connection.next(answerTo(query));
    expect(repeat.body.subarray(12)).toEqual(answer.body.subarray(12));
    expect(dc.faults.callsTo('help.GetNearestDc')).toBe(1);
  });

  it('destroys another session of the key on destroy_session, and says so only once', async () => {
    const { dc, session } = await setUp();
    const old = await openConnection(dc, session);
    old.send(ping(2));
    await old.next(isType(IDS.pong));
    const current = await openConnection(dc, Object.assign(new RawSession(session.authKey), { salt: session.salt }));
    const destroy = () => new Api.DestroySession({ sessionId: returnBigInt(session.id) }).getBytes();
    current.send(destroy());
    expect((await current.next((m) => m.type !== IDS.newSessionCreated)).type).toBe(Api.DestroySessionOk.CONSTRUCTOR_ID);
    current.send(destroy());
    expect((await current.next((m) => m.type !== IDS.newSessionCreated)).type).toBe(Api.DestroySessionNone.CONSTRUCTOR_ID);
  });

  it('lists future salts as MTProto writes them: a bare vector of bare future_salt', async () => {
    const { session, dc } = await setUp();
    const connection = await openConnection(dc, session);
    const query = connection.send(new Api.GetFutureSalts({ num: 3 }).getBytes());
    const { body } = await connection.next(isType(IDS.futureSalts));
    expect(body.readBigInt64LE(4)).toBe(query);
    const now = body.readInt32LE(12);
    const count = body.readInt32LE(16);
    expect(count).toBe(3);
    expect(body.length).toBe(20 + count * 16);
    for (let i = 0; i < count; i++) {
      const [since, till, salt] = [body.readInt32LE(20 + i * 16), body.readInt32LE(24 + i * 16), body.readBigInt64LE(28 + i * 16)];
      expect(salt).toBe(session.salt);
      expect(till).toBeGreaterThan(since);
      if (i === 0) expect(since).toBeLessThanOrEqual(now);
    }
  });
});
