/**
 * The secrets scan after every login path (phone + code, phone + code + cloud password, QR) and
 * after logout: the session string, its auth key, the phone code and the password appear
 * nowhere in the data dir, the logs or what the core sent over IPC (answers and pushes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../../electron/local-dc/world/index.js';
import { scanForSecrets, type Secrets } from '../../support/secrets.js';
import { makeCore, startTestDc, waitForSession, type TestCore, type TestDc } from './harness.js';

let dc: TestDc;
beforeAll(async () => {
  dc = await startTestDc();
});
afterAll(() => dc.close());

/** A core whose every answer and push is recorded, as the renderer would receive them. */
function recordedCore() {
  const t = makeCore(dc, { invokeTimeoutMs: 3_000 });
  const traffic: unknown[] = [];
  t.core.events.subscribe((event, payload) => traffic.push({ event, payload }));
  const call = async (channel: string, args: unknown = {}) => {
    const answer = await t.router.handle(channel, args);
    traffic.push(answer);
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.code}`);
    return answer.value as never;
  };
  return { t, traffic, call };
}

async function expectClean(t: TestCore, traffic: unknown[], secrets: Secrets) {
  expect(secrets.session ?? 'none').not.toBe('');
  const found = scanForSecrets(secrets, { dataDir: t.dataDir, texts: { logs: t.logs.join('\n'), ipc: JSON.stringify(traffic) } });
  expect(found).toEqual([]);
}

async function useAndLogout(t: TestCore, call: (channel: string, args?: unknown) => Promise<never>, traffic: unknown[], secrets: Omit<Secrets, 'session'>) {
  await call('topPeers:refresh');
  const session = (await t.secretStore.get())!;
  expect(session.length).toBeGreaterThan(100);
  await expectClean(t, traffic, { ...secrets, session });
  await call('session:logout');
  await expectClean(t, traffic, { ...secrets, session });
}

describe('no secret leaks', () => {
  it('phone + code, then logout', async () => {
    const { t, traffic, call } = recordedCore();
    try {
      await t.core.start();
      await call('login:submitPhone', { phone: `+${DEMO_ACCOUNTS.main.phone}` });
      await call('login:submitCode', { code: DEMO_ACCOUNTS.main.code });
      await useAndLogout(t, call, traffic, { code: DEMO_ACCOUNTS.main.code });
    } finally {
      await t.stop();
    }
  });

  it('phone + code + cloud password, then logout', async () => {
    const { t, traffic, call } = recordedCore();
    try {
      await t.core.start();
      await call('login:submitPhone', { phone: DEMO_ACCOUNTS.twoFactor.phone });
      await call('login:submitCode', { code: DEMO_ACCOUNTS.twoFactor.code });
      await call('login:submitPassword', { password: DEMO_ACCOUNTS.twoFactor.password });
      expect(t.core.api.getSession().status).toBe('ready');
      await useAndLogout(t, call, traffic, { code: DEMO_ACCOUNTS.twoFactor.code, password: DEMO_ACCOUNTS.twoFactor.password });
    } finally {
      await t.stop();
    }
  });

  it('QR, then logout', async () => {
    const { t, traffic, call } = recordedCore();
    try {
      await t.core.start();
      const qr = (await call('login:startQr')) as { login: { url: string } };
      const ready = waitForSession(t, (state) => state.status === 'ready');
      dc.world.scanLoginToken(Buffer.from(new URL(qr.login.url).searchParams.get('token')!, 'base64url'), DEMO_ACCOUNTS.main.phone);
      await ready;
      await useAndLogout(t, call, traffic, {});
    } finally {
      await t.stop();
    }
  });
});
