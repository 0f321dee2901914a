import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import 'telegram';
import { _serverKeys } from 'telegram/crypto/RSA.js';
import { ConnectionTCPFull } from 'telegram/network/connection/TCPFull.js';
import { connectionTo, dcOverrideFromEnv, PinnedPortSession, rsaFingerprint, trustServerKey } from '../../../../electron/core/telegram/dc-override.js';
import { rsaFingerprint as fakeDcFingerprint, rsaPublicNumbers } from '../../../../electron/local-dc/trust.js';

const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('DC override', () => {
  it('computes the same key fingerprint as the local DC (two independent implementations)', () => {
    expect(rsaFingerprint(pem).fingerprint).toBe(fakeDcFingerprint(rsaPublicNumbers(pem)));
  });

  it("registers the key in gramjs's own _serverKeys map (guards an internal gramjs detail)", () => {
    const fingerprint = trustServerKey(pem);
    const entry = _serverKeys.get(fingerprint);
    expect(entry).toBeDefined();
    expect(entry!.e).toBe(65537);
    expect(entry!.n.toString(16)).toBe(rsaPublicNumbers(pem).n.toString('hex').replace(/^0+/, ''));
  });

  it('reads TG_DC and TG_DC_PUBLIC_KEY together, refusing half a configuration or a bad address', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dc-override-'));
    const keyFile = join(dir, 'key.pem');
    writeFileSync(keyFile, pem);
    expect(dcOverrideFromEnv({})).toBeUndefined();
    expect(dcOverrideFromEnv({ TG_DC: '127.0.0.1:44300', TG_DC_PUBLIC_KEY: keyFile })).toEqual({ host: '127.0.0.1', port: 44300, publicKeyPem: pem });
    expect(() => dcOverrideFromEnv({ TG_DC: '127.0.0.1:44300' })).toThrow(/together/);
    expect(() => dcOverrideFromEnv({ TG_DC: 'nohost', TG_DC_PUBLIC_KEY: keyFile })).toThrow(/host:port/);
    expect(() => dcOverrideFromEnv({ TG_DC: 'h:70000', TG_DC_PUBLIC_KEY: keyFile })).toThrow(/host:port/);
    expect(() => dcOverrideFromEnv({ TG_DC: 'h:1', TG_DC_PUBLIC_KEY: join(dir, 'missing.pem') })).toThrow(/cannot read/);
  });

  it('pins host and port whatever gramjs passes (its reconnect rebuilds the connection from the old fields)', () => {
    const Pinned = connectionTo('127.0.0.1', 44300);
    const connection = new Pinned({ ip: '149.154.167.51', port: 443, dcId: 2, loggers: undefined as never, socket: class {} as never, testServers: false }) as unknown as ConnectionTCPFull & { _ip: string; _port: number };
    expect(connection).toBeInstanceOf(ConnectionTCPFull);
    expect([connection._ip, connection._port]).toEqual(['127.0.0.1', 44300]);
  });

  it('keeps 443 in the session whatever port gramjs records, so save() never overflows its int16', async () => {
    const { StringSession } = await import('telegram/sessions/StringSession.js');
    const { AuthKey } = await import('telegram/crypto/AuthKey.js');
    const plain = new StringSession('');
    plain.setDC(2, '127.0.0.1', 45_000);
    const key = new AuthKey();
    await key.setKey(Buffer.alloc(256, 7));
    plain.setAuthKey(key);
    expect(() => plain.save()).toThrow(); // the gramjs behaviour this class exists for
    const pinned = new PinnedPortSession('');
    pinned.setDC(2, '127.0.0.1', 45_000);
    pinned.setAuthKey(key);
    const saved = pinned.save();
    expect(new StringSession(saved).port).toBe(443);
  });
});
