/**
 * The server half of Telegram's SRP-2048 cloud password check
 * (passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow, core.telegram.org/api/srp).
 * The client proves it knows x = PH2(password) without sending it; the server only keeps the
 * verifier v = g^x mod p. gramjs refuses any p other than Telegram's own, so p is that prime.
 */
import { createHash, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/** Telegram's 2048-bit safe prime (the same p as the MTProto DH exchange), big-endian. */
export const SRP_PRIME = Buffer.from(
  'c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f' +
    '48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c37' +
    '20fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f64' +
    '2477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4' +
    'a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754' +
    'fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4' +
    'e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f' +
    '0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b',
  'hex',
);
export const SRP_G = 3;

const p = BigInt(`0x${SRP_PRIME.toString('hex')}`);
const g = BigInt(SRP_G);

const sha256 = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
const toBig = (bytes: Buffer): bigint => (bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`));
/** Numbers enter every SRP hash as 256-byte big-endian blocks. */
function pad256(value: bigint): Buffer {
  const hex = value.toString(16).padStart(512, '0');
  return Buffer.from(hex, 'hex');
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

export interface SrpSalts {
  readonly salt1: Buffer;
  readonly salt2: Buffer;
}

/** PH2(password) from the docs: the slow (PBKDF2, 100 000 rounds) part; cache its result. */
export function passwordHash(password: string, { salt1, salt2 }: SrpSalts): Buffer {
  const ph1 = sha256(salt2, sha256(salt1, Buffer.from(password, 'utf8'), salt1), salt2);
  return sha256(salt2, pbkdf2Sync(ph1, salt1, 100_000, 64, 'sha512'), salt2);
}

/** v = g^x mod p: all the server needs to keep. */
export function srpVerifier(password: string, salts: SrpSalts): bigint {
  return modPow(g, toBig(passwordHash(password, salts)), p);
}

/** k = H(p | g), the SRP-6a multiplier. */
const k = toBig(sha256(pad256(p), pad256(g)));

export interface SrpChallenge {
  readonly srpId: bigint;
  /** B = k·v + g^b mod p, 256 bytes, for account.password.srp_B. */
  readonly B: Buffer;
  /** Verify the client's (A, M1); true only for the right password. */
  check(A: Buffer, M1: Buffer): boolean;
}

/** One account.getPassword answer: a fresh ephemeral b per challenge. */
export function createSrpChallenge(verifier: bigint, salts: SrpSalts): SrpChallenge {
  const b = toBig(randomBytes(256)) % p;
  const B = (k * verifier + modPow(g, b, p)) % p;
  const bBytes = pad256(B);
  const srpId = BigInt.asIntN(64, toBig(randomBytes(8)));
  return {
    srpId,
    B: bBytes,
    check(aBytes, m1) {
      const A = toBig(aBytes);
      // A ≡ 0 would make S = 0 whatever the password: the classic SRP bypass.
      if (A <= 0n || A >= p || m1.length !== 32) return false;
      const aPadded = pad256(A);
      const u = toBig(sha256(aPadded, bBytes));
      if (u === 0n) return false;
      const S = modPow((A * modPow(verifier, u, p)) % p, b, p);
      const K = sha256(pad256(S));
      const hp = sha256(pad256(p));
      const hg = sha256(pad256(g));
      const pXorG = Buffer.from(hp.map((byte, i) => byte ^ (hg[i] ?? 0)));
      const expected = sha256(pXorG, sha256(salts.salt1), sha256(salts.salt2), aPadded, bBytes, K);
      return timingSafeEqual(expected, m1);
    },
  };
}
