/**
 * Peer keys (`user:123`, `chat:7`, `channel:9`) split into Telegram's peer kind and bare id. The
 * contract's `PeerKey` schema checks keys at the boundary; this only takes a valid one apart, for
 * the core (links, input peers) and the local DC alike. Zod-free, like categories.ts.
 */
export type PeerKeyKind = 'user' | 'chat' | 'channel';

export interface PeerKeyParts {
  kind: PeerKeyKind;
  /** The bare id in decimal (Telegram ids are 64-bit, so a string, not a number). */
  id: string;
}

const PEER_KEY = /^(user|chat|channel):(\d+)$/;

export function splitPeerKey(key: string): PeerKeyParts {
  const match = PEER_KEY.exec(key);
  const kind = match?.[1];
  const id = match?.[2];
  if ((kind === 'user' || kind === 'chat' || kind === 'channel') && id !== undefined) return { kind, id };
  throw new TypeError(`Not a peer key: ${key.slice(0, 64)}`);
}
