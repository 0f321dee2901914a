/**
 * A client's MTProto session as the server keeps it. A session belongs to the client, not to a
 * TCP connection (core.telegram.org/mtproto/description): a client may close its connection and
 * go on in the same session on a new one, as mtcute does (gramjs starts a new session instead).
 * Such a client does not resend a query the server has received: it waits for the answer, and
 * asks msgs_state_req at most once per query. So every message to the client goes out through
 * its session, on the connection the client last spoke on, and answers (rpc_result) are kept
 * until the client acknowledges them, to go out again on its next connection. Otherwise an
 * answer made while the client was reconnecting, or lost with a connection, was never seen.
 */
import { SeqNo, ServerMsgIds, type ServerMessageKind } from './msg-ids.js';

export interface OutgoingMessage {
  body: Buffer;
  kind: ServerMessageKind;
  contentRelated: boolean;
}

/** What a session needs of a connection: the DC's DcConnection. */
export interface SessionLink {
  readonly isOpen: boolean;
  /** Encrypts and writes one message of `session`; false when the connection cannot take it. */
  write(session: DcSession, msgId: bigint, seqNo: number, body: Buffer): boolean;
}

interface KeptAnswer {
  body: Buffer;
  /** The msg_ids it went out with: an ack of any of them will do (mtcute acks only the first it reads). */
  msgIds: bigint[];
  /** The connection it last went out on; undefined while nobody was connected. */
  via: SessionLink | undefined;
}

/** Bounds on unacknowledged answers per session, for clients that never acknowledge or never come back. */
const MAX_KEPT_ANSWERS = 256;
const MAX_KEPT_BYTES = 16 * 1024 * 1024;

export class DcSession {
  readonly msgIds = new ServerMsgIds();
  readonly seqNo = new SeqNo();
  readonly received = new ReceivedMessages();
  lastUsed = Date.now();
  private link: SessionLink | undefined;
  /** Set when the client moved connection, until its kept answers have gone out on the new one. */
  private resendDue = false;
  /** Unacknowledged answers by the msg_id of the query they answer, oldest first. */
  private readonly answers = new Map<bigint, KeptAnswer>();
  /** msg_id an answer went out with -> the query's msg_id, to match acknowledgements. */
  private readonly answerMsgIds = new Map<bigint, bigint>();
  private keptBytes = 0;

  constructor(readonly id: bigint) {}

  /** The client spoke on `link`: its messages go there from now on, and kept answers follow (`resendKept`). */
  attach(link: SessionLink): void {
    this.lastUsed = Date.now();
    if (this.link === link) return;
    this.link = link;
    this.resendDue = true;
  }

  /**
   * Once the client has moved connection: unacknowledged answers that went out on another one go
   * out again on this one, since the client may never have read them. A second copy costs it
   * nothing (no query waits for it any more), a missing one hangs a call. Run after the
   * acknowledgements the client brought along have counted, and before any msgs_state_info says
   * "answered" (a client that has not seen the answer then sends the query again).
   */
  resendKept(): void {
    if (!this.resendDue) return;
    this.resendDue = false;
    for (const [queryId, answer] of this.answers) if (answer.via !== this.link) this.transmit(queryId, answer);
  }

  /** Whether the connection the client last spoke on is still open. */
  get connected(): boolean {
    return !!this.link?.isOpen;
  }

  /** A message that is not kept for resending (pong, notifications, service answers). */
  send(message: OutgoingMessage): void {
    const link = this.link;
    if (!link?.isOpen) return;
    link.write(this, this.msgIds.next(message.kind), this.seqNo.next(message.contentRelated), message.body);
  }

  /** The rpc_result for query `queryId`: sent now if the client is connected, kept until acknowledged. */
  answer(queryId: bigint, body: Buffer): void {
    this.received.markAnswered(queryId);
    this.forgetAnswer(queryId);
    const answer: KeptAnswer = { body, msgIds: [], via: undefined };
    this.answers.set(queryId, answer);
    this.keptBytes += body.length;
    this.transmit(queryId, answer);
    this.bound();
  }

  /** Sends a kept answer again on the current connection (a repeated query); false if none is kept. */
  repeatAnswer(queryId: bigint): boolean {
    const answer = this.answers.get(queryId);
    if (!answer) return false;
    this.transmit(queryId, answer);
    return true;
  }

  /** msgs_ack from the client: the answers it names are delivered. */
  acknowledge(msgIds: readonly bigint[]): void {
    for (const msgId of msgIds) {
      const queryId = this.answerMsgIds.get(msgId);
      if (queryId !== undefined) this.forgetAnswer(queryId);
    }
  }

  /** Each (re)transmission gets a new msg_id: MTProto says a message is not re-sent under its old one (gramjs refuses a repeated id). */
  private transmit(queryId: bigint, answer: KeptAnswer): void {
    const link = this.link;
    answer.via = undefined;
    if (!link?.isOpen) return;
    const msgId = this.msgIds.next('response');
    answer.msgIds.push(msgId);
    this.answerMsgIds.set(msgId, queryId);
    if (link.write(this, msgId, this.seqNo.next(true), answer.body)) answer.via = link;
  }

  private forgetAnswer(queryId: bigint): void {
    const answer = this.answers.get(queryId);
    if (!answer) return;
    this.answers.delete(queryId);
    for (const msgId of answer.msgIds) this.answerMsgIds.delete(msgId);
    this.keptBytes -= answer.body.length;
  }

  /** Over the bounds, the oldest go: those went out first (answers made while away are the newest). */
  private bound(): void {
    for (const queryId of this.answers.keys()) {
      if (this.answers.size <= MAX_KEPT_ANSWERS && this.keptBytes <= MAX_KEPT_BYTES) return;
      this.forgetAnswer(queryId);
    }
  }
}

/** How many client msg_ids a session remembers (Telegram keeps a window of them as well). */
const REMEMBERED_MSG_IDS = 4096;

/**
 * The client's messages the session has taken in, for msgs_state_req and to run a query sent
 * twice under one msg_id only once.
 */
export class ReceivedMessages {
  /** msg_id -> whether it is a query, and whether its answer is made; oldest first. */
  private readonly known = new Map<bigint, { query: boolean; answered: boolean }>();
  /** Everything at or below this was forgotten, or came before the session's first message. */
  private floor: bigint | undefined;
  private highest = 0n;

  /** Notes a message; false if its msg_id was taken in before (a repeat). */
  note(msgId: bigint, query: boolean): boolean {
    if (this.known.has(msgId)) return false;
    this.floor ??= msgId - 4n;
    this.known.set(msgId, { query, answered: false });
    if (msgId > this.highest) this.highest = msgId;
    for (const old of this.known.keys()) {
      if (this.known.size <= REMEMBERED_MSG_IDS) break;
      this.known.delete(old);
      if (old > this.floor) this.floor = old;
    }
    return true;
  }

  markAnswered(msgId: bigint): void {
    const entry = this.known.get(msgId);
    if (entry) entry.answered = true;
  }

  isRunning(msgId: bigint): boolean {
    const entry = this.known.get(msgId);
    return !!entry?.query && !entry.answered;
  }

  /** As if the message had never arrived (a fault that stands for a query lost on the way). */
  unsee(msgId: bigint): void {
    this.known.delete(msgId);
  }

  /**
   * The msgs_state_info byte: 1 nothing known (too old), 2 not received, 3 not received (too new),
   * 4 received, +32 a query being or already processed, +64 its answer made.
   */
  state(msgId: bigint): number {
    const entry = this.known.get(msgId);
    if (entry) return 4 + (entry.query ? 32 : 0) + (entry.answered ? 64 : 0);
    if (this.floor === undefined || msgId <= this.floor) return 1;
    return msgId > this.highest ? 3 : 2;
  }
}
