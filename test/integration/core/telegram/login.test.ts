/**
 * Every login path through the router, against the local DC over TCP: phone → code (→ resend)
 * → ready; 2FA password; QR (scan, refresh before expiry, 2FA after scan); refusals (bot token,
 * unregistered number, wrong code/password, wrong step); logout; and the session surviving a restart.
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BOT_TOKEN } from '../../../../electron/local-dc/world/index.js';
import { BOT_REFUSAL } from '../../../../electron/core/telegram/session.js';
import { DEMO_ACCOUNTS, FakeHost, filesUnder, loginMain, makeCore, startTestDc, waitForSession, type TestCore, type TestDc } from '../harness.js';
import { FakeClock } from '../../../unit/core/fake-clock.js';
import { createAppCore } from '../../../../electron/core/app-core.js';
import { createMemoryStore } from '../../../../electron/core/store.js';
import { createMemorySecretStore } from '../../../../electron/core/telegram/secret-store.js';
import { AppError } from '../../../../electron/core/errors.js';
import { createRouter } from '../../../../electron/core/router.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let dc: TestDc;
const cores: TestCore[] = [];
const core = (options: Parameters<typeof makeCore>[1] = {}) => {
  const made = makeCore(dc, options);
  cores.push(made);
  return made;
};

beforeAll(async () => {
  dc = await startTestDc();
});
afterEach(async () => {
  for (const made of cores.splice(0)) await made.stop();
});
afterAll(() => dc.close());

const tokenOf = (url: string) => Buffer.from(new URL(url).searchParams.get('token')!, 'base64url');

describe('phone login', () => {
  it('goes connecting → phone → code (with delivery) → ready, and stores the session', async () => {
    const t = core();
    await t.core.start();
    const code = await t.call('login:submitPhone', { phone: `+${DEMO_ACCOUNTS.main.phone}` });
    expect(code).toMatchObject({ status: 'logged-out', login: { step: 'code', delivery: 'app', codeLength: 5, nextDelivery: 'sms' } });
    expect(code.login.resendAt).toBeGreaterThan(Date.now());
    const ready = await t.call('login:submitCode', { code: DEMO_ACCOUNTS.main.code });
    expect(ready).toEqual({ status: 'ready', demo: false, user: { key: 'user:100001', title: 'Dana Demo', username: 'dana_demo' } });
    expect(t.eventsOf('session:changed').map((state) => (state.status === 'logged-out' ? state.login.step : state.status))).toEqual([
      'connecting',
      'phone',
      'code',
      'ready',
    ]);
    expect(await t.secretStore.get()).toMatch(/^1/);
  });

  it('resends the code by the next delivery kind', async () => {
    const t = core();
    await t.core.start();
    await t.call('login:submitPhone', { phone: DEMO_ACCOUNTS.main.phone });
    const resent = await t.call('login:resendCode');
    expect(resent.login).toMatchObject({ step: 'code', delivery: 'sms' });
    expect((await t.call('login:submitCode', { code: DEMO_ACCOUNTS.main.code })).status).toBe('ready');
  });

  it('keeps the code step after a wrong code, then accepts the right one', async () => {
    const t = core();
    await t.core.start();
    await t.call('login:submitPhone', { phone: DEMO_ACCOUNTS.main.phone });
    expect(await t.fail('login:submitCode', { code: '00000' })).toMatchObject({ code: 'PHONE_CODE_INVALID' });
    expect(t.core.api.getSession()).toMatchObject({ status: 'logged-out', login: { step: 'code' } });
    expect((await t.call('login:submitCode', { code: DEMO_ACCOUNTS.main.code })).status).toBe('ready');
  });

  it('asks for the 2FA password (with hint), refuses a wrong one, accepts the right one via SRP', async () => {
    const t = core();
    await t.core.start();
    await t.call('login:submitPhone', { phone: DEMO_ACCOUNTS.twoFactor.phone });
    const password = await t.call('login:submitCode', { code: DEMO_ACCOUNTS.twoFactor.code });
    expect(password).toEqual({ status: 'logged-out', demo: false, login: { step: 'password', hint: DEMO_ACCOUNTS.twoFactor.hint } });
    expect(await t.fail('login:submitPassword', { password: 'wrong' })).toMatchObject({ code: 'PASSWORD_INVALID' });
    expect(t.core.api.getSession()).toMatchObject({ login: { step: 'password' } });
    const ready = await t.call('login:submitPassword', { password: DEMO_ACCOUNTS.twoFactor.password });
    expect(ready).toMatchObject({ status: 'ready', user: { key: 'user:100002', title: 'Tomás Segundo' } });
  });

  it('refuses an unregistered number and goes back to the phone step', async () => {
    const t = core();
    await t.core.start();
    await t.call('login:submitPhone', { phone: DEMO_ACCOUNTS.unregisteredPhone });
    expect(await t.fail('login:submitCode', { code: '22222' })).toMatchObject({ code: 'PHONE_NUMBER_UNOCCUPIED' });
    expect(t.core.api.getSession()).toMatchObject({ login: { step: 'phone' } });
  });

  it('refuses a bot token with the exact message, before anything reaches Telegram', async () => {
    const t = core();
    await t.core.start();
    await expect(t.core.api.submitPhone(DEMO_BOT_TOKEN)).rejects.toMatchObject({ code: 'BOT_ACCOUNT', message: BOT_REFUSAL });
    expect(BOT_REFUSAL).toBe('TopSwitch needs a user account: Telegram does not give top peers to bots');
    expect(t.core.api.getSession()).toMatchObject({ login: { step: 'phone' } });
  });

  it('refuses calls that do not fit the step, and restarts from any step', async () => {
    const t = core();
    await t.core.start();
    expect(await t.fail('login:submitCode', { code: '22222' })).toMatchObject({ code: 'WRONG_STEP' });
    expect(await t.fail('login:resendCode')).toMatchObject({ code: 'WRONG_STEP' });
    await t.call('login:submitPhone', { phone: DEMO_ACCOUNTS.main.phone });
    expect(await t.fail('login:submitPassword', { password: 'x' })).toMatchObject({ code: 'WRONG_STEP' });
    expect(await t.call('login:restart')).toMatchObject({ login: { step: 'phone' } });
    await loginMain(t);
    expect(await t.fail('login:submitPhone', { phone: DEMO_ACCOUNTS.main.phone })).toMatchObject({ code: 'WRONG_STEP' });
  });
});

describe('QR login', () => {
  it('shows a tg://login URL and logs in when a logged-in device scans it', async () => {
    const t = core();
    await t.core.start();
    const qr = await t.call('login:startQr');
    expect(qr.login.step).toBe('qr');
    expect(qr.login.url).toMatch(/^tg:\/\/login\?token=[A-Za-z0-9_-]+$/);
    expect(qr.login.expiresAt).toBeGreaterThan(Date.now());
    const ready = waitForSession(t, (state) => state.status === 'ready');
    dc.world.scanLoginToken(tokenOf(qr.login.url), DEMO_ACCOUNTS.main.phone);
    expect(await ready).toMatchObject({ status: 'ready', user: { key: 'user:100001' } });
    expect(await t.secretStore.get()).toBeTruthy();
  });

  it('replaces the token before it expires', async () => {
    const clock = new FakeClock(Date.now());
    const t = core({ clock });
    await t.core.start();
    const first = await t.call('login:startQr');
    const next = waitForSession(t, (state) => state.status === 'logged-out' && state.login.step === 'qr' && state.login.url !== first.login.url);
    await clock.fireAll(); // the refresh timer, due 5 s before expiry
    const refreshed = await next;
    expect(refreshed.status === 'logged-out' && refreshed.login.step === 'qr' && refreshed.login.expiresAt).toBeGreaterThanOrEqual(first.login.expiresAt);
    // The new token works; the replaced one is no longer what the app shows.
    const ready = waitForSession(t, (state) => state.status === 'ready');
    dc.world.scanLoginToken(tokenOf((refreshed as { login: { url: string } }).login.url), DEMO_ACCOUNTS.main.phone);
    await ready;
  });

  it('continues at the password step when a 2FA account scans it', async () => {
    const t = core();
    await t.core.start();
    const qr = await t.call('login:startQr');
    const password = waitForSession(t, (state) => state.status === 'logged-out' && state.login.step === 'password');
    dc.world.scanLoginToken(tokenOf(qr.login.url), DEMO_ACCOUNTS.twoFactor.phone);
    await password;
    expect((await t.call('login:submitPassword', { password: DEMO_ACCOUNTS.twoFactor.password })).status).toBe('ready');
  });

  it('goes back to the phone step on restart and stops refreshing', async () => {
    const clock = new FakeClock(Date.now());
    const t = core({ clock });
    await t.core.start();
    await t.call('login:startQr');
    expect(clock.pendingTimers()).toBe(1);
    await t.call('login:restart');
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('secret storage that cannot protect the session', () => {
  const unavailable = () => new AppError('SECRET_STORAGE_UNAVAILABLE', 'no keyring');

  it('refuses to start a login when the store says it would refuse (plaintext-only safeStorage)', async () => {
    const secretStore = { ...createMemorySecretStore(), assertWritable: async () => Promise.reject(unavailable()) };
    const probe = createAppCore({ dataDir: mkdtempSync(join(tmpdir(), 'nosecret-')), store: createMemoryStore(), secretStore, env: dc.env, host: new FakeHost() });
    const router = createRouter(probe.handlers);
    try {
      await probe.start();
      expect(await router.handle('login:submitPhone', { phone: DEMO_ACCOUNTS.main.phone })).toMatchObject({ ok: false, error: { code: 'SECRET_STORAGE_UNAVAILABLE' } });
      expect(await router.handle('login:startQr', {})).toMatchObject({ ok: false, error: { code: 'SECRET_STORAGE_UNAVAILABLE' } });
      expect(probe.api.getSession()).toMatchObject({ status: 'logged-out', login: { step: 'phone' } });
    } finally {
      await probe.stop();
    }
  });

  it('logs the new session out again rather than keep it unprotected when storing fails', async () => {
    const secretStore = { ...createMemorySecretStore(), set: async () => Promise.reject(unavailable()) };
    const probe = createAppCore({ dataDir: mkdtempSync(join(tmpdir(), 'nosecret-')), store: createMemoryStore(), secretStore, env: dc.env, host: new FakeHost() });
    const router = createRouter(probe.handlers);
    try {
      await probe.start();
      await router.handle('login:submitPhone', { phone: DEMO_ACCOUNTS.main.phone });
      expect(await router.handle('login:submitCode', { code: DEMO_ACCOUNTS.main.code })).toMatchObject({ ok: false, error: { code: 'SECRET_STORAGE_UNAVAILABLE' } });
      expect(probe.api.getSession()).toMatchObject({ status: 'logged-out', login: { step: 'phone' } });
    } finally {
      await probe.stop();
    }
  });
});

describe('session lifecycle', () => {
  it('logout tells Telegram, wipes the session and the cache, and returns to the phone step', async () => {
    const t = core();
    await t.core.start();
    await loginMain(t);
    await t.call('topPeers:refresh');
    expect((await t.call('topPeers:get')).peers.length).toBeGreaterThan(0);
    const session = await t.secretStore.get();
    const state = await t.call('session:logout');
    expect(state).toEqual({ status: 'logged-out', demo: false, login: { step: 'phone' } });
    expect(await t.secretStore.get()).toBeUndefined();
    expect(await t.call('topPeers:get')).toMatchObject({ status: 'empty', peers: [] });
    expect(t.store.get('topPeers')).toBeUndefined();
    expect(t.store.get('self')).toBeUndefined();
    // The old auth key is no longer signed in on the DC: a core resuming it finds itself logged out.
    const resumed = createMemorySecretStore();
    await resumed.set(session!);
    const probe = createAppCore({ dataDir: t.dataDir, store: createMemoryStore(), secretStore: resumed, env: dc.env, host: t.host, invokeTimeoutMs: 5_000 });
    await probe.start();
    expect(probe.api.getSession()).toMatchObject({ status: 'logged-out' });
    expect(await resumed.get()).toBeUndefined();
    await probe.stop();
  });

  it('survives a restart: a second core on the same data dir is logged in without asking', async () => {
    const first = core();
    await first.core.start();
    await loginMain(first);
    await first.stop();
    const second = core({ dataDir: first.dataDir });
    await second.core.start();
    expect(second.core.api.getSession()).toMatchObject({ status: 'ready', user: { key: 'user:100001' } });
  });

  it('never writes the session string (or its auth key) in plain text, nor logs or pushes it', async () => {
    const t = core();
    await t.core.start();
    await loginMain(t);
    await t.call('topPeers:refresh');
    await t.call('peers:avatar', { key: (await t.call('topPeers:get')).peers.find((peer: { photoId?: string }) => peer.photoId).key });
    const session = (await t.secretStore.get())!;
    const authKey = Buffer.from(session.slice(1), 'base64').subarray(-256);
    expect(authKey.length).toBe(256);
    const needles = [Buffer.from(session), Buffer.from(session.slice(1, 60)), authKey, Buffer.from(authKey.toString('hex')), Buffer.from(authKey.toString('base64').slice(0, 40))];
    const files = filesUnder(t.dataDir);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const needle of needles) expect(bytes.includes(needle), `${file} contains the session`).toBe(false);
    }
    const said = JSON.stringify([t.logs, t.events]);
    expect(said.includes(session.slice(1, 60))).toBe(false);
    expect(said.includes(authKey.toString('hex'))).toBe(false);
  });
});
