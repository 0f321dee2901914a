/**
 * Pointing gramjs at a data centre other than Telegram's: the local DC in demo mode and tests,
 * or any DC a developer names with TG_DC=host:port and TG_DC_PUBLIC_KEY=<PEM file>.
 *
 * gramjs needs two things (DESIGN.md §3): a connection class whose ip/port cannot be overridden
 * (it ignores the session's port, and its reconnect builds a fresh connection from the old one's
 * fields), and the DC's RSA key in `_serverKeys`, the map its handshake looks fingerprints up in.
 * That map is internal to gramjs; a unit test guards that registering a key there still works.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
// gramjs's modules import each other in a cycle: load the package root before any deep import.
import 'telegram';
import { ConnectionTCPFull } from 'telegram/network/connection/TCPFull.js';
import { _serverKeys } from 'telegram/crypto/RSA.js';
import { returnBigInt } from 'telegram/Helpers.js';
import { StringSession } from 'telegram/sessions/StringSession.js';
import { AppError } from '../errors.js';

export interface DcOverride {
  host: string;
  port: number;
  publicKeyPem: string;
}

/** The DC id the session records for an overridden DC (the local DC is a single "DC 2"). */
export const OVERRIDE_DC_ID = 2;
/** StringSession writes the port as int16, so the real port lives in the connection class, not the session. */
export const SESSION_PORT = 443;

/** TG_DC + TG_DC_PUBLIC_KEY, or undefined when neither is set; half a configuration is an error. */
export function dcOverrideFromEnv(env: Record<string, string | undefined>): DcOverride | undefined {
  const address = env.TG_DC?.trim();
  const keyFile = env.TG_DC_PUBLIC_KEY?.trim();
  if (!address && !keyFile) return undefined;
  if (!address || !keyFile) {
    throw new AppError('INVALID_ARGUMENT', 'TG_DC and TG_DC_PUBLIC_KEY must be set together');
  }
  const match = /^(.+):(\d{1,5})$/.exec(address);
  const port = Number(match?.[2]);
  if (!match || !match[1] || port < 1 || port > 65535) {
    throw new AppError('INVALID_ARGUMENT', `TG_DC must be host:port, got "${address.slice(0, 100)}"`);
  }
  let publicKeyPem: string;
  try {
    publicKeyPem = readFileSync(keyFile, 'utf8');
  } catch {
    throw new AppError('INVALID_ARGUMENT', `TG_DC_PUBLIC_KEY: cannot read ${keyFile}`);
  }
  return { host: match[1], port, publicKeyPem };
}

/** A ConnectionTCPFull that always dials host:port, whatever gramjs passes in. */
export function connectionTo(host: string, port: number): typeof ConnectionTCPFull {
  return class PinnedConnection extends ConnectionTCPFull {
    constructor(options: ConstructorParameters<typeof ConnectionTCPFull>[0]) {
      super({ ...options, ip: host, port });
    }
  };
}

/**
 * A StringSession for a pinned DC: whatever port gramjs records (its DC switch copies the port
 * from help.getConfig, the local DC's real one), the session keeps 443 — `save()` writes the
 * port as int16 and would throw for ports above 32767. The connection class carries the real port.
 */
export class PinnedPortSession extends StringSession {
  override setDC(dcId: number, serverAddress: string, _port: number): void {
    super.setDC(dcId, serverAddress, SESSION_PORT);
  }
}

/** TL `bytes` serialisation, which the key fingerprint is computed over. */
function tlBytes(data: Buffer): Buffer {
  const header = data.length < 254 ? Buffer.from([data.length]) : Buffer.from([254, data.length & 0xff, (data.length >> 8) & 0xff, (data.length >> 16) & 0xff]);
  const unpadded = header.length + data.length;
  return Buffer.concat([header, data, Buffer.alloc((4 - (unpadded % 4)) % 4)]);
}

/** The signed decimal fingerprint Telegram uses for an RSA key: the low 8 bytes of SHA1(n, e), little-endian. */
export function rsaFingerprint(publicKeyPem: string): { fingerprint: string; n: Buffer; e: Buffer } {
  const jwk = createPublicKey(publicKeyPem).export({ format: 'jwk' });
  if (!jwk.n || !jwk.e) throw new AppError('INVALID_ARGUMENT', 'The DC public key is not an RSA key');
  const n = Buffer.from(jwk.n, 'base64url');
  const e = Buffer.from(jwk.e, 'base64url');
  const digest = createHash('sha1').update(Buffer.concat([tlBytes(n), tlBytes(e)])).digest();
  return { fingerprint: digest.readBigInt64LE(12).toString(), n, e };
}

/** Keys we added, with how many holders trust each (the demo and a TG_DC may present the same key). */
const addedKeys = new Map<string, number>();

/** Make gramjs's handshake accept this DC's key. Returns the fingerprint, for untrustServerKey. */
export function trustServerKey(publicKeyPem: string): string {
  const { fingerprint, n, e } = rsaFingerprint(publicKeyPem);
  // One of Telegram's own keys is never ours to add or remove.
  if (_serverKeys.has(fingerprint) && !addedKeys.has(fingerprint)) return fingerprint;
  _serverKeys.set(fingerprint, { n: returnBigInt(BigInt(`0x${n.toString('hex')}`).toString()), e: Number(BigInt(`0x${e.toString('hex')}`)) });
  addedKeys.set(fingerprint, (addedKeys.get(fingerprint) ?? 0) + 1);
  return fingerprint;
}

/** Stop trusting a key trusted with trustServerKey (leaving the demo: its DC is gone, its key must not linger). */
export function untrustServerKey(fingerprint: string): void {
  const holders = addedKeys.get(fingerprint);
  if (holders === undefined) return;
  if (holders > 1) {
    addedKeys.set(fingerprint, holders - 1);
    return;
  }
  addedKeys.delete(fingerprint);
  _serverKeys.delete(fingerprint);
}

/** Whether gramjs's handshake would accept a DC presenting this key. */
export function isServerKeyTrusted(publicKeyPem: string): boolean {
  return _serverKeys.has(rsaFingerprint(publicKeyPem).fingerprint);
}
