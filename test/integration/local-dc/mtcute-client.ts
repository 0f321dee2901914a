// An mtcute client for the local DC: the conformance tests' independent MTProto client.
import { createHash, createPublicKey } from 'node:crypto';
import { MemoryStorage, TelegramClient } from '@mtcute/node';
import { addPublicKey } from '@mtcute/core/utils.js';
import type { FakeDc } from '../../../electron/local-dc/index.js';

/** mtcute looks server keys up by fingerprint in its own table, and wants them as PKCS#1 PEM. */
export function mtcuteTrusts(publicKeyPem: string): void {
  const pkcs1 = createPublicKey(publicKeyPem).export({ type: 'pkcs1', format: 'pem' }).toString();
  addPublicKey({ sha1: (data: Uint8Array) => new Uint8Array(createHash('sha1').update(data).digest()) } as never, pkcs1);
}

/** A client that trusts `dc`'s key and finds every DC it wants (main and media) at `dc`'s address. */
export function mtcuteClient(dc: FakeDc, logLevel: number): TelegramClient {
  mtcuteTrusts(dc.publicKeyPem);
  const address = { id: dc.dcId, ipAddress: dc.host, port: dc.port };
  return new TelegramClient({ apiId: 1, apiHash: 'local-dc', storage: new MemoryStorage(), defaultDcs: { main: address, media: address } as never, logLevel });
}
