/**
 * Makes gramjs trust a local DC's RSA key.
 *
 * gramjs picks the server key for the handshake from the `_serverKeys` map exported by
 * `telegram/crypto/RSA` (keyed by the signed decimal fingerprint). Adding our key there, in the
 * very module instance gramjs loaded, is the only client-side change a local DC needs. The map
 * is internal to gramjs, so a test guards that it still exists and is still used.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { _serverKeys } from 'telegram/crypto/RSA.js';
import { readBigIntFromBuffer } from 'telegram/Helpers.js';
import { serializeBytes } from 'telegram/tl/index.js';

export interface RsaPublicNumbers {
  /** Modulus, big-endian, no leading zero byte. */
  readonly n: Buffer;
  /** Public exponent, big-endian. */
  readonly e: Buffer;
}

export function rsaPublicNumbers(publicKeyPem: string): RsaPublicNumbers {
  const jwk = createPublicKey(publicKeyPem).export({ format: 'jwk' });
  if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e) throw new Error('not an RSA public key');
  return { n: Buffer.from(jwk.n, 'base64url'), e: Buffer.from(jwk.e, 'base64url') };
}

/** Telegram's key fingerprint: the low 64 bits of SHA1(TL bytes n + TL bytes e), as a signed decimal string. */
export function rsaFingerprint({ n, e }: RsaPublicNumbers): string {
  const sha = createHash('sha1').update(Buffer.concat([serializeBytes(n), serializeBytes(e)])).digest();
  return sha.subarray(12, 20).readBigInt64LE(0).toString();
}

/** Registers the key with gramjs; returns its fingerprint. Idempotent. */
export function trustFakeDcKey(publicKeyPem: string): string {
  const numbers = rsaPublicNumbers(publicKeyPem);
  const fingerprint = rsaFingerprint(numbers);
  _serverKeys.set(fingerprint, {
    n: readBigIntFromBuffer(numbers.n, false, false),
    e: Number(readBigIntFromBuffer(numbers.e, false, false).toJSNumber()),
  });
  return fingerprint;
}
