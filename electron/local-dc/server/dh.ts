/**
 * Diffie-Hellman parameters for the auth-key handshake.
 *
 * We use Telegram's own 2048-bit safe prime with g = 3: clients that check the prime (gramjs's
 * SRP code does, byte for byte) accept it. The arithmetic is native BigInt: node:crypto's
 * createDiffieHellman would first re-prove the prime (~0.4 s per handshake).
 */
import { randomBytes, randomInt } from 'node:crypto';

export const TELEGRAM_DH_PRIME = Buffer.from(
  'c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f48198a0aa7c14058229493d22530f4db' +
    'fa336f6e0ac925139543aed44cce7c3720fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f64' +
    '2477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4a4a695811051907e162753b56b0f6b41' +
    '0dba74d8a84b2a14b3144e0ef1284754fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4' +
    'e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f0d8115f635b105ee2e4e15d04b2454bf' +
    '6f4fadf034b10403119cd8e3b92fcc5b',
  'hex',
);
export const TELEGRAM_DH_G = 3;

const PRIME = bytesToBigint(TELEGRAM_DH_PRIME);

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let square = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * square) % modulus;
    square = (square * square) % modulus;
  }
  return result;
}

/** The server's half of one exchange: g_a to send, and g_ab once g_b arrives. */
export class ServerDh {
  // A 256-bit secret exponent: secrecy is not what a test DC is for, and 2048 bits costs ~60 ms more per exponentiation.
  private readonly a = bytesToBigint(randomBytes(32));
  readonly gA = bigintToBytes(modPow(BigInt(TELEGRAM_DH_G), this.a, PRIME));

  /**
   * g_b^a mod p in minimal big-endian: the auth key as gramjs builds it (sometimes 255 bytes).
   * Throws unless 1 < g_b < p - 1 (the spec's range check).
   */
  sharedKey(gB: Buffer): Buffer {
    const value = bytesToBigint(gB);
    if (value <= 1n || value >= PRIME - 1n) throw new Error('g_b out of range');
    return bigintToBytes(modPow(value, this.a, PRIME));
  }
}

function isPrime(n: number): boolean {
  if (n < 2 || n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

function randomPrime(min: number, max: number): number {
  for (;;) {
    const candidate = randomInt(min, max) | 1;
    if (isPrime(candidate)) return candidate;
  }
}

/**
 * A fresh pq for resPQ: two distinct 23-bit primes, so pq < 2^46 and its top bit is clear.
 * Telegram uses ~31-bit primes, but the client must factor pq (gramjs: Pollard rho on
 * big-integer, ~270 ms for 31-bit primes, ~10 ms for these), and nothing checks the size.
 */
export function generatePq(): { p: bigint; q: bigint; pq: bigint } {
  const a = randomPrime(2 ** 22, 2 ** 23 - 1);
  let b = a;
  while (b === a) b = randomPrime(2 ** 22, 2 ** 23 - 1);
  const [p, q] = a < b ? [a, b] : [b, a];
  return { p: BigInt(p), q: BigInt(q), pq: BigInt(p) * BigInt(q) };
}

export function bigintToBytes(value: bigint): Buffer {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

export function bytesToBigint(bytes: Buffer): bigint {
  return bytes.length ? BigInt(`0x${bytes.toString('hex')}`) : 0n;
}
