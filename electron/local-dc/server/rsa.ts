/**
 * The DC's RSA key: the server half of the handshake's step 2 (gramjs only ever encrypts).
 */
import { constants, createHash, generateKeyPair, privateDecrypt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IGE } from 'telegram/crypto/IGE.js';
import { rsaFingerprint, rsaPublicNumbers } from '../trust.js';

export interface DcRsaKey {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
  /** Signed decimal, as gramjs keys `_serverKeys` and as resPQ carries it. */
  readonly fingerprint: string;
}

function fromPrivatePem(privateKeyPem: string, publicKeyPem: string): DcRsaKey {
  return { privateKeyPem, publicKeyPem, fingerprint: rsaFingerprint(rsaPublicNumbers(publicKeyPem)) };
}

interface PemPair {
  privateKey: string;
  publicKey: string;
}

function makeKeyPair(): Promise<PemPair> {
  return new Promise((resolve, reject) =>
    generateKeyPair(
      'rsa',
      {
        modulusLength: 2048,
        publicExponent: 65537,
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
        publicKeyEncoding: { type: 'spki', format: 'pem' },
      },
      (error, publicKey, privateKey) => (error ? reject(error) : resolve({ privateKey, publicKey })),
    ),
  );
}

/**
 * Whether every client can find this key by its fingerprint. mtcute files the keys it trusts
 * under the fingerprint in 16 hex digits but looks the server's up in hex without leading zeros:
 * a key whose fingerprint's top four bits are zero (one key in 16) it never finds, so it retries
 * the handshake for ever and no call of it is ever answered.
 */
export function fingerprintFindable(fingerprint: string): boolean {
  return BigInt.asUintN(64, BigInt(fingerprint)) >= 1n << 60n;
}

/** A new key; one no client can be kept from finding (`makePair` is for tests). */
export async function generateRsaKey(makePair: () => Promise<PemPair> = makeKeyPair): Promise<DcRsaKey> {
  for (;;) {
    const { privateKey, publicKey } = await makePair();
    const key = fromPrivatePem(privateKey, publicKey);
    if (fingerprintFindable(key.fingerprint)) return key;
  }
}

let processKey: Promise<DcRsaKey> | undefined;

/**
 * The key of every DC in this process that has no state dir. A 2048-bit key takes ~0.4 s to
 * make, and suites start many short-lived DCs; nothing about a DC depends on its key being unique.
 */
export function inMemoryRsaKey(): Promise<DcRsaKey> {
  processKey ??= generateRsaKey();
  return processKey;
}

/** Loads the key from `stateDir`, or creates and saves one, so saved sessions keep trusting the DC. */
export async function loadOrCreateRsaKey(stateDir: string): Promise<DcRsaKey & { publicKeyPath: string }> {
  mkdirSync(stateDir, { recursive: true });
  const privatePath = join(stateDir, 'rsa-private.pem');
  const publicKeyPath = join(stateDir, 'rsa-public.pem');
  if (existsSync(privatePath) && existsSync(publicKeyPath)) {
    return { ...fromPrivatePem(readFileSync(privatePath, 'utf8'), readFileSync(publicKeyPath, 'utf8')), publicKeyPath };
  }
  const key = await generateRsaKey();
  writeFileSync(privatePath, key.privateKeyPem, { mode: 0o600 });
  writeFileSync(publicKeyPath, key.publicKeyPem);
  return { ...key, publicKeyPath };
}

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

function sha1(data: Buffer): Buffer {
  return createHash('sha1').update(data).digest();
}

/** Textbook RSA decryption (c^d mod n), which is what MTProto's own padding schemes sit on. */
function rawDecrypt(key: DcRsaKey, encrypted: Buffer): Buffer | undefined {
  if (encrypted.length !== 256) return undefined;
  try {
    return privateDecrypt({ key: key.privateKeyPem, padding: constants.RSA_NO_PADDING }, encrypted);
  } catch {
    return undefined; // e.g. the number is >= n
  }
}

/**
 * Recovers the TL bytes of p_q_inner_data (with trailing random padding) from req_DH_params's
 * encrypted_data. Returns undefined when neither padding scheme checks out.
 */
export function decryptInnerData(key: DcRsaKey, encrypted: Buffer): Buffer | undefined {
  const plain = rawDecrypt(key, encrypted);
  if (!plain) return undefined;
  return unpadRsaPad(plain) ?? unpadLegacy(plain);
}

/**
 * RSA_PAD (current clients): temp_key_xor(32) | AES-IGE(temp_key, zero iv,
 * reverse(data_with_padding) | SHA256(temp_key | data_with_padding)), temp_key = temp_key_xor ^ SHA256(aes part).
 */
function unpadRsaPad(plain: Buffer): Buffer | undefined {
  const tempKeyXor = plain.subarray(0, 32);
  const aesEncrypted = plain.subarray(32);
  const aesHash = sha256(aesEncrypted);
  const tempKey = Buffer.alloc(32);
  for (let i = 0; i < 32; i++) tempKey[i] = tempKeyXor[i]! ^ aesHash[i]!;
  const dataWithHash = new IGE(tempKey, Buffer.alloc(32)).decryptIge(aesEncrypted);
  const dataWithPadding = Buffer.from(dataWithHash.subarray(0, 192)).reverse();
  const hash = dataWithHash.subarray(192, 224);
  return sha256(Buffer.concat([tempKey, dataWithPadding])).equals(hash) ? dataWithPadding : undefined;
}

/** The older scheme (gramjs's `RSA.encrypt`): 0x00 | SHA1(data) | data | random, 255 significant bytes. */
function unpadLegacy(plain: Buffer): Buffer | undefined {
  if (plain[0] !== 0) return undefined;
  const hash = plain.subarray(1, 21);
  const rest = plain.subarray(21);
  // The data length is not transmitted: try every length a p_q_inner_data can have.
  for (let length = 4; length <= rest.length; length += 4) {
    if (sha1(rest.subarray(0, length)).equals(hash)) return Buffer.from(rest.subarray(0, length));
  }
  return undefined;
}
