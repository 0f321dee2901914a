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

/**
 * With several accounts signed in, the same chat reachable from two of them is two rows, so a key
 * that crosses the IPC boundary says which account it belongs to: `user:123@2`. The first
 * account's keys stay bare (`user:123`), so a single-account install, its saved pins and aliases,
 * and every script that reads keys see exactly what they always saw. Inside an account's services
 * keys are always bare.
 */
export const FIRST_ACCOUNT = 1;
export const MAX_ACCOUNTS = 5;

const QUALIFIED_KEY = /^((?:user|chat|channel):\d+)(?:@([1-9]))?$/;

export interface AccountKey {
  account: number;
  /** The bare key the account's own services know. */
  key: string;
}

export function qualifyPeerKey(key: string, account: number): string {
  return account === FIRST_ACCOUNT ? key : `${key}@${account}`;
}

export function accountOfPeerKey(key: string): AccountKey {
  const match = QUALIFIED_KEY.exec(key);
  if (!match?.[1]) throw new TypeError(`Not a peer key: ${key.slice(0, 64)}`);
  return { account: match[2] ? Number(match[2]) : FIRST_ACCOUNT, key: match[1] };
}
