/**
 * The server side of auth-key creation (https://core.telegram.org/mtproto/auth_key), one per
 * connection: req_pq_multi -> resPQ -> req_DH_params -> server_DH_params_ok ->
 * set_client_DH_params -> dh_gen_ok. Messages are gramjs's own Api objects.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Api } from 'telegram';
import { AuthKey } from 'telegram/crypto/AuthKey.js';
import { IGE } from 'telegram/crypto/IGE.js';
import { BinaryReader } from 'telegram/extensions/BinaryReader.js';
import { generateKeyDataFromNonce, readBigIntFromBuffer, returnBigInt, toSignedLittleBuffer } from 'telegram/Helpers.js';
import { bigintToBytes, bytesToBigint, generatePq, ServerDh, TELEGRAM_DH_G, TELEGRAM_DH_PRIME } from './dh.js';
import { decryptInnerData, type DcRsaKey } from './rsa.js';

type BigInteger = ReturnType<typeof returnBigInt>;

export class HandshakeError extends Error {}

/** What a finished handshake produced. */
export interface NewAuthKey {
  key: Buffer;
  /** Initial server salt: new_nonce[0:8] XOR server_nonce[0:8], as the spec derives it. */
  salt: bigint;
}

function sha1(data: Buffer): Buffer {
  return createHash('sha1').update(data).digest();
}

function isPQInnerData(value: unknown): value is
  | Api.PQInnerData
  | Api.PQInnerDataDc
  | Api.PQInnerDataTemp
  | Api.PQInnerDataTempDc {
  return (
    value instanceof Api.PQInnerData ||
    value instanceof Api.PQInnerDataDc ||
    value instanceof Api.PQInnerDataTemp ||
    value instanceof Api.PQInnerDataTempDc
  );
}

export class ServerHandshake {
  private nonce: BigInteger | undefined;
  private serverNonce: BigInteger | undefined;
  private pq: { p: bigint; q: bigint; pq: bigint } | undefined;
  private newNonce: BigInteger | undefined;
  private dh: ServerDh | undefined;
  private tmpAes: { key: Buffer; iv: Buffer } | undefined;

  constructor(
    private readonly rsaKey: DcRsaKey,
    private readonly onAuthKey: (created: NewAuthKey) => void,
  ) {}

  /** Answers one plain (unencrypted) handshake message. */
  async answer(request: unknown): Promise<{ getBytes(): Buffer }> {
    if (request instanceof Api.ReqPqMulti || request instanceof Api.ReqPq) return this.resPq(request.nonce);
    if (request instanceof Api.ReqDHParams) return this.serverDhParams(request);
    if (request instanceof Api.SetClientDHParams) return this.dhGen(request);
    throw new HandshakeError(`unexpected plain message ${describe(request)}`);
  }

  private resPq(nonce: BigInteger): Api.ResPQ {
    this.nonce = nonce;
    this.serverNonce = readBigIntFromBuffer(randomBytes(16), true, true);
    this.pq = generatePq();
    return new Api.ResPQ({
      nonce,
      serverNonce: this.serverNonce,
      pq: bigintToBytes(this.pq.pq),
      serverPublicKeyFingerprints: [returnBigInt(this.rsaKey.fingerprint)],
    });
  }

  private async serverDhParams(request: Api.ReqDHParams): Promise<Api.ServerDHParamsOk> {
    const { nonce, serverNonce, pq } = this.expectNonces(request);
    if (!pq) throw new HandshakeError('req_DH_params before resPQ');
    if (request.publicKeyFingerprint.toString() !== this.rsaKey.fingerprint) {
      throw new HandshakeError(`unknown key fingerprint ${request.publicKeyFingerprint.toString()}`);
    }
    if (bytesToBigint(request.p) !== pq.p || bytesToBigint(request.q) !== pq.q) {
      throw new HandshakeError('p and q do not factor pq');
    }
    const innerBytes = decryptInnerData(this.rsaKey, request.encryptedData);
    if (!innerBytes) throw new HandshakeError('encrypted_data does not decrypt (wrong key or padding)');
    const inner: unknown = new BinaryReader(innerBytes).tgReadObject();
    if (!isPQInnerData(inner)) throw new HandshakeError(`encrypted_data holds ${describe(inner)}`);
    if (!inner.nonce.eq(nonce) || !inner.serverNonce.eq(serverNonce)) {
      throw new HandshakeError('p_q_inner_data nonces differ');
    }
    if (bytesToBigint(inner.pq) !== pq.pq) throw new HandshakeError('p_q_inner_data pq differs');

    this.newNonce = inner.newNonce;
    this.dh = new ServerDh();
    this.tmpAes = await generateKeyDataFromNonce(serverNonce, inner.newNonce);
    const answer = new Api.ServerDHInnerData({
      nonce,
      serverNonce,
      g: TELEGRAM_DH_G,
      dhPrime: TELEGRAM_DH_PRIME,
      gA: this.dh.gA,
      serverTime: Math.floor(Date.now() / 1000),
    }).getBytes();
    const withHash = Buffer.concat([sha1(answer), answer]);
    const padded = Buffer.concat([withHash, randomBytes((16 - (withHash.length % 16)) % 16)]);
    return new Api.ServerDHParamsOk({
      nonce,
      serverNonce,
      encryptedAnswer: new IGE(this.tmpAes.key, this.tmpAes.iv).encryptIge(padded),
    });
  }

  private async dhGen(request: Api.SetClientDHParams): Promise<Api.DhGenOk> {
    const { nonce, serverNonce } = this.expectNonces(request);
    const { dh, tmpAes, newNonce } = this;
    if (!dh || !tmpAes || !newNonce) throw new HandshakeError('set_client_DH_params before req_DH_params');
    if (request.encryptedData.length % 16 !== 0) throw new HandshakeError('encrypted_data not in AES blocks');
    const plain = new IGE(tmpAes.key, tmpAes.iv).decryptIge(request.encryptedData);
    const reader = new BinaryReader(plain.subarray(20));
    const inner: unknown = reader.tgReadObject();
    if (!(inner instanceof Api.ClientDHInnerData)) throw new HandshakeError(`client DH data is ${describe(inner)}`);
    if (!sha1(plain.subarray(20, 20 + reader.tellPosition())).equals(plain.subarray(0, 20))) {
      throw new HandshakeError('client_DH_inner_data hash mismatch');
    }
    if (!inner.nonce.eq(nonce) || !inner.serverNonce.eq(serverNonce)) {
      throw new HandshakeError('client_DH_inner_data nonces differ');
    }
    let key: Buffer;
    try {
      key = dh.sharedKey(inner.gB);
    } catch (error) {
      throw new HandshakeError(`bad g_b: ${String(error)}`);
    }
    // gramjs's AuthKey gives us aux_hash and new_nonce_hash1 exactly as the client computes them.
    const authKey = new AuthKey();
    await authKey.setKey(key);
    const newNonceHash1 = await authKey.calcNewNonceHash(newNonce, 1);
    const newNonceBytes = toSignedLittleBuffer(newNonce, 32);
    const serverNonceBytes = toSignedLittleBuffer(serverNonce, 16);
    const saltBytes = Buffer.alloc(8);
    for (let i = 0; i < 8; i++) saltBytes[i] = newNonceBytes[i]! ^ serverNonceBytes[i]!;
    this.onAuthKey({ key, salt: saltBytes.readBigInt64LE(0) });
    return new Api.DhGenOk({ nonce, serverNonce, newNonceHash1 });
  }

  private expectNonces(request: { nonce: BigInteger; serverNonce: BigInteger }) {
    const { nonce, serverNonce } = this;
    if (!nonce || !serverNonce) throw new HandshakeError('handshake message before req_pq');
    if (!request.nonce.eq(nonce) || !request.serverNonce.eq(serverNonce)) {
      throw new HandshakeError('nonce or server_nonce differs');
    }
    return { nonce, serverNonce, pq: this.pq };
  }
}

function describe(value: unknown): string {
  if (value && typeof value === 'object' && 'className' in value) return String(value.className);
  return typeof value;
}
