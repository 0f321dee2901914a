/**
 * The DC's RSA key must be one every client can find by fingerprint. mtcute cannot find a key
 * whose fingerprint's top four bits are zero, and then never connects: with a key made afresh
 * for each test process, one mtcute.test.ts run in 16 would hang in sign-in, whatever the load.
 */
import { createPublicKey, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findKeyByFingerprints } from '@mtcute/core/utils.js';
import { fingerprintFindable, generateRsaKey } from '../../../electron/local-dc/server/rsa.js';
import { rsaFingerprint, rsaPublicNumbers } from '../../../electron/local-dc/trust.js';
import { mtcuteTrusts } from './mtcute-client.js';

/**
 * A public key (any 2048-bit modulus will do for a fingerprint) whose fingerprint's top four
 * bits are zero, or are not: found by trying, one try in 16 on average.
 */
function publicKeyWithFingerprint(topNibbleZero: boolean): { pem: string; fingerprint: string } {
  for (;;) {
    const n = randomBytes(256);
    n[0] = n[0]! | 0x80;
    n[255] = n[255]! | 1;
    const pem = createPublicKey({ key: { kty: 'RSA', n: n.toString('base64url'), e: 'AQAB' }, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const fingerprint = rsaFingerprint(rsaPublicNumbers(pem));
    if ((BigInt.asUintN(64, BigInt(fingerprint)) < 1n << 60n) === topNibbleZero) return { pem, fingerprint };
  }
}

/** What mtcute does with the fingerprints in resPQ: unsigned, in hex, no leading zeros. */
const asMtcuteReadsIt = (fingerprint: string) => BigInt.asUintN(64, BigInt(fingerprint)).toString(16);

describe('the DC key', () => {
  it('mtcute cannot find a trusted key whose fingerprint starts with four zero bits (why the DC makes none)', () => {
    const [bad, good] = [publicKeyWithFingerprint(true), publicKeyWithFingerprint(false)];
    mtcuteTrusts(bad.pem);
    mtcuteTrusts(good.pem);
    expect(findKeyByFingerprints([asMtcuteReadsIt(bad.fingerprint)])).toBeNull();
    expect(findKeyByFingerprints([asMtcuteReadsIt(good.fingerprint)])).not.toBeNull();
    expect(fingerprintFindable(bad.fingerprint)).toBe(false);
    expect(fingerprintFindable(good.fingerprint)).toBe(true);
  });

  it('is made again until mtcute can find it', async () => {
    const pairs = [publicKeyWithFingerprint(true), publicKeyWithFingerprint(false)].map((key) => ({ privateKey: 'unused', publicKey: key.pem }));
    let made = 0;
    const key = await generateRsaKey(async () => pairs[made++]!);
    expect(made).toBe(2);
    expect(key.publicKeyPem).toBe(pairs[1]!.publicKey);
  });
});
