/**
 * The local HTTP API on a real core logged in to the local DC: switched on and off by Settings,
 * its token file private, its auth/Host/Origin checks, the method in its HTTP forms, the app's
 * FLOOD_WAIT wait honoured, and the cached list served without the network.
 */
import { readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_API_FILE, startLocalApiSwitch } from '../../../electron/web/local-api.js';
import { loginMain, makeCore, startTestDc, type TestCore, type TestDc } from '../core/harness.js';

let dc: TestDc;
let test: TestCore;
let api: { close(): Promise<void> };

beforeAll(async () => {
  dc = await startTestDc();
  test = makeCore(dc);
  await test.core.start();
  await loginMain(test);
  await test.call('topPeers:refresh');
  api = startLocalApiSwitch({ core: test.core, dataDir: test.dataDir, port: 0 });
});
afterAll(async () => {
  await api?.close();
  await test?.stop();
  await dc?.close();
});

interface Reply {
  status: number;
  body: any;
  headers: Record<string, unknown>;
}

function send(url: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...options.headers } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined, headers: response.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const saved = () => JSON.parse(readFileSync(join(test.dataDir, LOCAL_API_FILE), 'utf8')) as { url: string; token: string };

async function waitForApi(): Promise<{ url: string; token: string }> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const file = saved();
      await send(file.url, { path: '/api/top-peers' });
      return file;
    } catch {
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  throw new Error('the local API did not come up');
}

describe('local HTTP API', { timeout: 60_000 }, () => {
  let url: string;
  let auth: Record<string, string>;

  it('is off by default and comes up when Settings turns it on, with its token in a 0600 file', async () => {
    expect((await test.call('settings:get')).localApi).toBe(false);
    await test.call('settings:set', { localApi: true });
    ({ url, token: auth } = await waitForApi().then((file) => ({ url: file.url, token: { authorization: `Bearer ${file.token}` } })));
    expect(statSync(join(test.dataDir, LOCAL_API_FILE)).mode & 0o777).toBe(0o600);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses a missing or wrong token, a foreign Host, and anything a web page sends', async () => {
    expect((await send(url, { path: '/api/top-peers' })).status).toBe(401);
    expect((await send(url, { path: '/api/top-peers', headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await send(url, { path: '/api/top-peers', headers: { ...auth, host: 'evil.example' } })).status).toBe(403);
    expect((await send(url, { path: '/api/top-peers', headers: { ...auth, origin: 'http://evil.example' } })).status).toBe(403);
    expect((await send(url, { path: '/api/top-peers', headers: { ...auth, 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    const ok = await send(url, { path: '/api/top-peers', headers: auth });
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    expect((await send(url, { path: '/api/messages.sendMessage', method: 'POST', headers: auth, body: '{}' })).body.error_message).toBe('METHOD_NOT_ALLOWED');
  });

  it('answers contacts.getTopPeers from a JSON body, form fields and a query, each JSON-encoded', async () => {
    const json = await send(url, { path: '/api/contacts.getTopPeers', method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"correspondents": true, "limit": 5}' });
    expect(json.status).toBe(200);
    expect(json.body._).toBe('contacts.topPeers');
    expect(json.body.categories[0].peers).toHaveLength(5);
    const form = await send(url, { path: '/api/contacts.getTopPeers', method: 'POST', headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, body: 'correspondents=true&limit=5' });
    expect(form.body).toEqual(json.body);
    const query = await send(url, { path: `/api/contacts.getTopPeers?correspondents=true&limit=5&hash=${encodeURIComponent(JSON.stringify(json.body.hash))}`, headers: auth });
    expect(query.body).toEqual({ _: 'contacts.topPeersNotModified', hash: json.body.hash });
    const empty = await send(url, { path: '/api/contacts.getTopPeers', method: 'POST', headers: auth, body: '{}' });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ error_message: 'TYPES_EMPTY', description: 'No top peer type was provided.' });
    expect((await send(url, { path: '/api/contacts.getTopPeers', method: 'POST', headers: auth, body: 'limit=x' })).status).toBe(400);
  });

  it('passes FLOOD_WAIT on, and while the app is told to wait, answers with the wait instead of calling', async () => {
    dc.dc.faults.inject('contacts.GetTopPeers', { kind: 'rpc-error', code: 420, message: 'FLOOD_WAIT_300' });
    const limited = await send(url, { path: '/api/contacts.getTopPeers', method: 'POST', headers: auth, body: '{"groups": true}' });
    expect(limited.status).toBe(420);
    expect(limited.body.error_message).toBe('FLOOD_WAIT_300');
    // Now the app itself is told to wait…
    dc.dc.faults.inject('contacts.GetTopPeers', { kind: 'rpc-error', code: 420, message: 'FLOOD_WAIT_600' });
    expect((await test.fail('topPeers:refresh')).code).toBe('RATE_LIMITED');
    expect((await test.call('sync:get')).state).toBe('rate-limited');
    // …and a script's call is not sent (the DC would have answered it).
    const gated = await send(url, { path: '/api/contacts.getTopPeers', method: 'POST', headers: auth, body: '{"groups": true}' });
    expect(gated.status).toBe(420);
    expect(gated.body.error_message).toMatch(/^FLOOD_WAIT_(59\d|600)$/);
  });

  it('serves GET /api/top-peers from the cache, as `top-peers --json` prints it, with the DC gone', async () => {
    const snapshot = await test.call('topPeers:get');
    await dc.dc.close();
    const cached = await send(url, { path: '/api/top-peers', headers: auth });
    expect(cached.status).toBe(200);
    expect(cached.body).toEqual({ status: 'ok', hash: test.core.api.topPeersHash(), fetchedAt: snapshot.fetchedAt, peers: snapshot.peers });
    expect(cached.body.hash).not.toBe('0');
  });

  it('stops when Settings turns it off', async () => {
    await test.call('settings:set', { localApi: false });
    await expect.poll(() => send(url, { path: '/api/top-peers', headers: auth }).then(() => 'up', (error: Error) => error.message)).toMatch(/ECONNREFUSED/);
  });
});
