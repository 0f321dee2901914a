/**
 * QR login when Telegram answers loginTokenMigrateTo (the account lives on another DC): the
 * client switches DC — a new auth key, here on the same pinned local DC — and imports the token.
 * The demo world never migrates, so this test wraps its method table to answer like Telegram does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Api } from 'telegram';
import { startFakeDc, type DcWorld, type FakeDc } from '../../../../electron/local-dc/index.js';
import type { MethodHandler } from '../../../../electron/local-dc/types.js';
import { createDemoWorld, DEMO_ACCOUNTS } from '../../../../electron/local-dc/world/index.js';
import { makeCore, waitForSession, type TestDc } from '../harness.js';

let fakeDc: FakeDc;
let testDc: TestDc;
let migrations = 0;

beforeAll(async () => {
  const world = createDemoWorld();
  const methods = new Map<string, MethodHandler>(world.methods);
  const exportToken = methods.get('auth.ExportLoginToken')!;
  methods.set('auth.ExportLoginToken', (request, ctx) => {
    for (const entry of world.state.loginTokens.values()) {
      if (entry.authKeyId === ctx.authKeyId && entry.acceptedBy !== undefined) {
        migrations += 1;
        return new Api.auth.LoginTokenMigrateTo({ dcId: 2, token: entry.token });
      }
    }
    return exportToken(request, ctx);
  });
  const wrapped: DcWorld = { methods, attach: (host) => world.attach(host) };
  fakeDc = await startFakeDc({ world: wrapped, log: () => {} });
  const dir = mkdtempSync(join(tmpdir(), 'topswitch-dc-'));
  const keyFile = join(dir, 'dc.pem');
  writeFileSync(keyFile, fakeDc.publicKeyPem);
  testDc = {
    dc: fakeDc,
    world,
    keyFile,
    dir,
    env: { TG_DC: `${fakeDc.host}:${fakeDc.port}`, TG_DC_PUBLIC_KEY: keyFile },
    close: async () => {
      await fakeDc.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
afterAll(() => testDc.close());

it('follows loginTokenMigrateTo: switches DC, imports the token, and stores a session that works', async () => {
  const t = makeCore(testDc);
  try {
    await t.core.start();
    const qr = await t.call('login:startQr');
    const keysBefore = fakeDc.stats().authKeysCreated;
    const ready = waitForSession(t, (state) => state.status === 'ready');
    testDc.world.scanLoginToken(Buffer.from(new URL(qr.login.url).searchParams.get('token')!, 'base64url'), DEMO_ACCOUNTS.main.phone);
    expect(await ready).toMatchObject({ status: 'ready', user: { key: 'user:100001' } });
    expect(migrations).toBe(1);
    expect(fakeDc.stats().authKeysCreated).toBeGreaterThan(keysBefore); // the switch made a new auth key
    // The stored session is the migrated one: a restart is logged in on it.
    await t.core.stop();
    const again = makeCore(testDc, { dataDir: t.dataDir });
    try {
      await again.core.start();
      expect(again.core.api.getSession()).toMatchObject({ status: 'ready', user: { key: 'user:100001' } });
      expect((await again.call('topPeers:refresh')).snapshot.peers.length).toBeGreaterThan(0);
    } finally {
      await again.stop();
    }
  } finally {
    await t.stop();
  }
});
