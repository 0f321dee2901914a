/**
 * Server message ids: time-based like the client's, strictly increasing per session, and with
 * the low bits MTProto prescribes for the server (1 mod 4 for responses, 3 mod 4 otherwise).
 */
export type ServerMessageKind = 'response' | 'notification';

export class ServerMsgIds {
  private last = 0n;

  next(kind: ServerMessageKind): bigint {
    const low = kind === 'response' ? 1n : 3n;
    const now = BigInt(Date.now());
    // Milliseconds into the 32-bit fraction of a second, like Telegram's own ids.
    let id = (((now / 1000n) << 32n) | (((now % 1000n) << 32n) / 1000n)) & ~3n;
    if (id <= this.last) id = (this.last & ~3n) + 4n;
    id |= low;
    this.last = id;
    return id;
  }
}

/** Sequence numbers of one session: odd and counting for content-related messages, even otherwise. */
export class SeqNo {
  private contentRelated = 0;

  next(contentRelated: boolean): number {
    if (!contentRelated) return this.contentRelated * 2;
    return this.contentRelated++ * 2 + 1;
  }
}
