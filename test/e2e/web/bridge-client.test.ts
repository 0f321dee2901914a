/**
 * Browser mode's page side of the bridge (electron/web/client.ts, bundled as the server bundles
 * it) in Chromium, against a server that breaks the contract on purpose: the real server checks
 * what it sends, so only a stand-in can show that the page checks again. A push outside the
 * contract is dropped and logged, a good one still arrives; an answer outside the contract becomes
 * a typed INTERNAL error; a closed socket answers every call with a typed NETWORK error. A call
 * leaves as it is made, not after the work its caller goes on to queue.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { bridgeScript } from '../../../electron/web/bridge-bundle.js';
import { BRIDGE_PATH } from '../../../electron/web/bridge-protocol.js';
import { browserUnavailableReason, launchChromium } from '../browser.js';

const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`[skip] browser bridge client tests: ${unavailable}`);

/** What the stand-in server answers each invoke with, by channel; unlisted ones get a valid version. */
type Answerer = (channel: string) => unknown;

describe.skipIf(unavailable !== null)('the page side of the browser-mode bridge', () => {
  let http: Server;
  let sockets: WebSocketServer;
  let browser: Browser;
  let page: Page;
  let socket: WebSocket;
  let answer: Answerer = () => ({ ok: true, value: { version: '0.0.0', demo: false, host: 'browser' } });
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const script = await bridgeScript();
    http = createServer((request, response) => {
      if (request.url === '/bridge.js') return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bridge</title><script src="/bridge.js"></script>');
    });
    sockets = new WebSocketServer({ server: http, path: BRIDGE_PATH });
    const connected = new Promise<WebSocket>((done) => sockets.once('connection', done));
    sockets.on('connection', (client) =>
      client.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { id: number; channel: string };
        client.send(JSON.stringify({ id: frame.id, envelope: answer(frame.channel.replace(/^invoke:/, '')) }));
      }),
    );
    await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    await page.goto(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`);
    socket = await connected;
  });
  afterAll(async () => {
    await browser?.close();
    sockets?.close();
    await new Promise((done) => http?.close(done));
  });

  it('drops a push outside the contract, logs it, and still delivers the next good one', async () => {
    await page.evaluate(() => {
      const seen: unknown[] = [];
      (window as unknown as { seen: unknown[] }).seen = seen;
      (window as unknown as { api: { on(event: string, listener: (value: unknown, revision: number) => void): void } }).api.on('sync:changed', (value, revision) => seen.push({ value, revision }));
    });
    socket.send(JSON.stringify({ push: 'event:sync:changed', message: { value: { state: 'purple' }, revision: 1 } }));
    socket.send(JSON.stringify({ push: 'event:no:such', message: { value: {}, revision: 2 } }));
    socket.send(JSON.stringify({ push: 'event:sync:changed', message: { value: { state: 'idle' }, revision: 3 } }));
    await expect.poll(() => page.evaluate(() => (window as unknown as { seen: unknown[] }).seen)).toEqual([{ value: { state: 'idle' }, revision: 3 }]);
    expect(consoleErrors).toEqual(
      expect.arrayContaining([expect.stringContaining('a sync:changed push outside the contract was dropped'), expect.stringContaining('a push on an unknown channel was dropped')]),
    );
  });

  it('turns an answer outside the contract into a typed INTERNAL error, and passes a good one through', async () => {
    const call = () => page.evaluate(() => (window as unknown as { api: { settingsGet(): Promise<unknown> } }).api.settingsGet());
    answer = () => ({ ok: true, value: { theme: 'purple' } });
    expect(await call()).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'The answer to settings:get did not fit the contract.' } });
    answer = () => ({ ok: false, error: { code: 'NOT_A_CODE', message: 7 } });
    expect(await call()).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    answer = () => ({ ok: false, error: { code: 'NETWORK', message: 'Telegram is unreachable.' } });
    expect(await call()).toEqual({ ok: false, error: { code: 'NETWORK', message: 'Telegram is unreachable.' } });
  });

  it('sends a call on an open socket as it is made, not a microtask later behind the work queued after it (a render)', async () => {
    const sentAtOnce = await page.evaluate(async () => {
      const frames: string[] = [];
      // The page's WebSocket, not the ws package's.
      const socketClass = (globalThis as unknown as { WebSocket: { prototype: { send(this: unknown, data: string): void } } }).WebSocket;
      const send = socketClass.prototype.send;
      socketClass.prototype.send = function (this: unknown, data: string) {
        frames.push((JSON.parse(String(data)) as { channel: string }).channel);
        return send.call(this, data);
      };
      let call: Promise<unknown>;
      let atOnce: string[];
      try {
        call = (window as unknown as { api: { peersAvatar(args: { key: string }): Promise<unknown> } }).api.peersAvatar({ key: 'user:7' });
        atOnce = [...frames];
      } finally {
        socketClass.prototype.send = send;
      }
      await call;
      return atOnce;
    });
    expect(sentAtOnce).toEqual(['invoke:peers:avatar']);
  });

  it('answers every call with a typed NETWORK error once the server is gone', async () => {
    socket.terminate();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { api: { appVersion(): Promise<unknown> } }).api.appVersion()))
      .toMatchObject({ ok: false, error: { code: 'NETWORK', message: expect.stringContaining('has stopped running') } });
  });
});
