/**
 * Browser mode as a user starts it: `node build/run-app.mjs --browser --no-open` (what
 * `npm start -- --browser --no-open` runs, minus the build the suite has already done), its
 * printed URL opened in Chromium, and window.api reaching the core over the real WebSocket
 * bridge — no Playwright binding anywhere. The refusals are driven from Node at the same server.
 *
 * The Playwright-bound suites (test/e2e/renderer/) stay: they reach into the core and the local
 * DC's world from the test (faults, held answers, fresh worlds) to cover every screen and
 * state; this suite covers the transport, the lock-down and the first-run → demo → open flow.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { browserUnavailableReason, launchChromium } from '../browser.js';
import { allowForABusyMachine, rowTitles } from '../renderer/support.js';

allowForABusyMachine();
const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`[skip] browser mode tests: ${unavailable}`);

const ROOT = resolve(import.meta.dirname, '../../..');

interface Running {
  child: ChildProcess;
  url: string;
  origin: string;
  port: number;
  output(): string;
  exited: Promise<number | null>;
}

/**
 * Starts browser mode the way `npm start -- --browser --no-open` does (or, with other launcher
 * arguments, the way `npm start` falls into it), and reads the URL it prints.
 */
async function startBrowserMode(dir: string, env: Record<string, string> = {}, launcherArgs: string[] = ['--browser']): Promise<Running> {
  const child = spawn(process.execPath, [join(ROOT, 'build/run-app.mjs'), ...launcherArgs, '--no-open', '--no-build'], {
    cwd: ROOT,
    env: { ...process.env, TG_DATA_DIR: dir, TG_API_ID: '', TG_API_HASH: '', TG_DC: '', TG_DC_PUBLIC_KEY: '', TOPSWITCH_DEMO: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const url = await new Promise<string>((done, fail) => {
    const timer = setInterval(() => {
      const found = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/.exec(output)?.[0];
      if (found) {
        clearInterval(timer);
        done(found);
      }
    }, 100);
    void exited.then(() => {
      clearInterval(timer);
      fail(new Error(`browser mode exited before printing a URL:\n${output}`));
    });
  });
  const origin = new URL(url).origin;
  return { child, url, origin, port: Number(new URL(url).port), output: () => output, exited };
}

/** A raw HTTP GET with exactly the headers given (fetch would not let a test forge Host). */
function get(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers, method: 'GET' }, (response) => {
      response.resume();
      response.on('end', () => done({ status: response.statusCode ?? 0, headers: response.headers }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** Opens the bridge socket from Node: resolves with it open, or with the HTTP status that refused it. */
function openSocket(port: number, headers: Record<string, string>): Promise<WebSocket | number> {
  return new Promise((done) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/__topswitch/bridge`, { headers });
    socket.once('open', () => done(socket));
    socket.once('unexpected-response', (_request, response) => done(response.statusCode ?? 0));
    socket.once('error', () => done(0));
  });
}

function nextFrame(socket: WebSocket): Promise<{ id: number | null; envelope: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }> {
  return new Promise((done) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString()) as { id?: number | null; push?: string };
      if (frame.push !== undefined) return; // pushes interleave; these tests read answers
      socket.off('message', onMessage);
      done(frame as never);
    };
    socket.on('message', onMessage);
  });
}

describe.skipIf(unavailable !== null)('browser mode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'topswitch-web-'));
  const opened = join(dir, 'opened.txt');
  let running: Running;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cookie: string;
  const sockets: WebSocket[] = [];

  beforeAll(async () => {
    // What "open in Telegram" hands to the system lands in a file instead (TOPSWITCH_OPENER).
    const opener = join(dir, 'opener.sh');
    writeFileSync(opener, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${opened}'\n`);
    chmodSync(opener, 0o755);
    [running, browser] = await Promise.all([startBrowserMode(join(dir, 'data'), { TOPSWITCH_OPENER: opener, TOPSWITCH_IDLE_EXIT_SECONDS: '3' }), launchChromium()]);
    context = await browser.newContext({ viewport: { width: 720, height: 560 }, locale: 'en-US' });
    page = await context.newPage();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.terminate();
    await browser?.close();
    if (running && running.child.exitCode === null) running.child.kill('SIGINT');
    await running?.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it('first run → demo → type → Enter, with window.api over the WebSocket', async () => {
    const frames: string[] = [];
    page.on('websocket', (socket) => socket.on('framesent', (frame) => frames.push(String(frame.payload))));
    await page.goto(running.url);
    // The token was traded for a cookie and is gone from the address bar.
    expect(page.url()).toBe(`${running.origin}/`);
    const cookies = await context.cookies(running.origin);
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    cookie = `${cookies[0]!.name}=${cookies[0]!.value}`;

    await page.getByRole('heading', { name: 'Welcome to TopSwitch' }).waitFor();
    await page.getByRole('button', { name: 'Try the demo' }).click();
    await page.getByTestId('results').waitFor({ timeout: 30_000 });
    await expect.poll(() => rowTitles(page)).toEqual(expect.arrayContaining(['Alice Johnson', 'Иван Петров', 'TypeScript Devs']));
    // Every call went over the bridge socket, early reads and the demo's start included.
    expect(frames.some((frame) => frame.includes('"invoke:session:startDemo"'))).toBe(true);
    expect(frames.some((frame) => frame.includes('"invoke:app:version"'))).toBe(true);
    // …and nothing else: no test binding in the page.
    expect(await page.evaluate(() => ['__topswitchInvoke', '__topswitchDeliver'].filter((key) => key in window))).toEqual([]);

    // The page checks the contract on its side too: a bad argument never leaves it.
    const sent = frames.length;
    const refused = await page.evaluate(() => (window as unknown as { api: { settingsSet(args: unknown): Promise<unknown> } }).api.settingsSet({ theme: 'purple' }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    // The page's own background calls (badges, lists) may go meanwhile; the refused one never does.
    expect(frames.slice(sent).filter((frame) => frame.includes('settings:set'))).toEqual([]);

    await page.getByRole('combobox').fill('alice');
    await expect.poll(async () => (await rowTitles(page))[0]).toBe('Alice Johnson');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => (existsSync(opened) ? readFileSync(opened, 'utf8') : '')).toMatch(/^(tg:\/\/|https:\/\/t\.me\/)\S+\n$/);
  });

  it('a second tab with the cookie shares the one core', async () => {
    const second = await context.newPage();
    await second.goto(`${running.origin}/`);
    // Straight to the demo's list: the same core, already in the demo.
    await second.getByTestId('results').waitFor({ timeout: 20_000 });
    await expect.poll(() => rowTitles(second)).toEqual(expect.arrayContaining(['Alice Johnson']));
    // Settings says what a browser tab cannot do, and does not offer it.
    await second.goto(`${running.origin}/#settings`);
    await expect.poll(() => second.getByTestId('browser-limits').textContent()).toMatch(/global shortcut, the tray icon and opening at login need the desktop app/);
    expect(await second.locator('#hotkey').isDisabled()).toBe(true);
    expect(await second.locator('#launch').isDisabled()).toBe(true);
    await second.close();
  });

  it('refuses requests without the cookie, with a wrong or reused token, or from a foreign Host or Origin', async () => {
    const host = `127.0.0.1:${running.port}`;
    const token = new URL(running.url).searchParams.get('token')!;
    expect((await get(running.port, '/', { host })).status).toBe(401);
    expect((await get(running.port, '/assets/', { host })).status).toBe(401);
    expect((await get(running.port, `/?token=${token}`, { host })).status).toBe(403); // used already
    expect((await get(running.port, `/?token=${token.slice(1)}x`, { host })).status).toBe(403);
    // With the cookie: the page, unless Host or Origin names someone else.
    expect((await get(running.port, '/', { host, cookie })).status).toBe(200);
    expect((await get(running.port, '/', { host: `evil.example:${running.port}`, cookie })).status).toBe(403);
    expect((await get(running.port, '/', { host, cookie, origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(running.port, '/', { host, cookie, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // No CORS, and the app's CSP with connect-src for this server's socket only.
    const page200 = await get(running.port, '/', { host, cookie, origin: running.origin });
    expect(page200.headers['access-control-allow-origin']).toBeUndefined();
    expect(page200.headers['content-security-policy']).toContain(`connect-src ws://127.0.0.1:${running.port} ws://localhost:${running.port};`);
    expect(page200.headers['content-security-policy']).toContain("script-src 'self'");

    // The WebSocket upgrade: cookie, Origin and Host all required.
    expect(await openSocket(running.port, { origin: running.origin })).toBe(403);
    expect(await openSocket(running.port, { cookie })).toBe(403);
    expect(await openSocket(running.port, { cookie, origin: 'http://evil.example' })).toBe(403);
    expect(await openSocket(running.port, { cookie, origin: running.origin, host: `evil.example:${running.port}` })).toBe(403);
    const socket = await openSocket(running.port, { cookie, origin: running.origin });
    expect(socket).toBeInstanceOf(WebSocket);
    sockets.push(socket as WebSocket);
  });

  it('answers a malformed or oversized frame with a typed error and keeps serving', async () => {
    const socket = sockets[0]!;
    const answer = async (frame: string | Buffer) => {
      const next = nextFrame(socket);
      socket.send(frame);
      return next;
    };
    expect(await answer('not json')).toEqual({ id: null, envelope: { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'A request frame must be JSON.' } } });
    expect((await answer(JSON.stringify({ id: 7, channel: 'invoke:app:version' }))).envelope.error?.code).toBe('INVALID_ARGUMENT');
    expect((await answer(JSON.stringify({ id: 8, channel: 'invoke:nope', args: {} }))).envelope.error?.code).toBe('UNKNOWN_CHANNEL');
    expect((await answer(JSON.stringify({ id: 9, channel: 'invoke:settings:set', args: { theme: 'purple' } }))).envelope.error?.code).toBe('INVALID_ARGUMENT');
    const big = await answer(JSON.stringify({ id: 10, channel: 'invoke:app:version', args: { pad: 'x'.repeat(200_000) } }));
    expect(big.envelope.error?.code).toBe('INVALID_ARGUMENT');
    expect(big.envelope.error?.message).toMatch(/at most 65536 bytes/);
    expect(await answer(Buffer.from([1, 2, 3]))).toMatchObject({ envelope: { error: { code: 'INVALID_ARGUMENT' } } });
    // Still serving, on this socket and in the page.
    expect(await answer(JSON.stringify({ id: 11, channel: 'invoke:app:version', args: {} }))).toMatchObject({ id: 11, envelope: { ok: true, value: { demo: true, host: 'browser' } } });

    // Past the hard limit the socket is closed (1009) rather than read; the server carries on.
    const closed = new Promise<number>((done) => socket.once('close', (code) => done(code)));
    socket.send('x'.repeat(2 * 1024 * 1024));
    expect(await closed).toBe(1009);
    await page.getByRole('combobox').fill('ivan');
    await expect.poll(async () => (await rowTitles(page))[0]).toBe('Иван Петров');
  });

  it('stops by itself once the last page has been gone for a while', async () => {
    await context.close();
    for (const socket of sockets) socket.terminate();
    expect(await running.exited).toBe(0);
    expect(running.output()).toContain('no page has been open for a while');
  });
});

describe.skipIf(unavailable !== null)('browser mode on Ctrl+C', () => {
  it('stops when asked, and the URL it printed is refused afterwards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'topswitch-web-'));
    const running = await startBrowserMode(dir);
    running.child.kill('SIGINT');
    expect(await running.exited).toBe(0);
    expect(running.output()).toContain('TopSwitch is stopping (SIGINT)');
    await expect(get(running.port, '/', { host: `127.0.0.1:${running.port}` })).rejects.toThrow(/ECONNREFUSED/);
    rmSync(dir, { recursive: true, force: true });
  });
});

/** Trades the printed URL's one-time token for the session cookie, as a browser does. */
async function signIn(running: Running): Promise<string> {
  const token = new URL(running.url).searchParams.get('token')!;
  const answer = await get(running.port, `/?token=${token}`, { host: `127.0.0.1:${running.port}` });
  const setCookie = answer.headers['set-cookie'];
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!first) throw new Error(`no cookie for the token (HTTP ${answer.status})`);
  return first.split(';')[0]!;
}

/**
 * `npm start`, `npm run demo` and `npm run dev` where Electron's binary cannot be had: none is
 * installed where the launcher looks (ELECTRON_OVERRIDE_DIST_PATH names an empty folder), and its
 * installer's download fails at once (its mirror is a closed loopback port, its cache empty). Only
 * Node is needed, so this runs with or without Chromium.
 */
describe.skipIf(process.platform === 'win32')('npm start without an Electron binary', () => {
  const root = mkdtempSync(join(tmpdir(), 'topswitch-no-electron-'));
  const noElectron = {
    ELECTRON_OVERRIDE_DIST_PATH: join(root, 'empty-dist'),
    // Both spellings: an npm setting (npm_config_*) wins over the plain variable in Electron's installer.
    ELECTRON_MIRROR: 'http://127.0.0.1:9/',
    npm_config_electron_mirror: 'http://127.0.0.1:9/',
    electron_config_cache: join(root, 'empty-cache'),
  };
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each([
    { script: 'npm start', args: [], demo: false },
    { script: 'npm run demo', args: ['--demo'], demo: true },
    { script: 'npm run dev', args: ['--dev'], demo: false },
  ])('$script says why in one line and serves the app in browser mode', async ({ args, demo }) => {
    const dir = mkdtempSync(join(root, 'data-'));
    const running = await startBrowserMode(dir, noElectron, args);
    try {
      const said = running.output().split('\n').filter((line) => line.includes('could not be downloaded'));
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(/^Electron \d+\.\d+\.\d+ could not be downloaded.*: starting TopSwitch in browser mode instead/);
      if (args.includes('--dev')) expect(running.output()).toContain('Browser mode has no hot reload');
      // The page's bridge answers, from a core started with (or without) the demo.
      const cookie = await signIn(running);
      const socket = await openSocket(running.port, { cookie, origin: running.origin });
      if (!(socket instanceof WebSocket)) throw new Error(`the bridge refused the signed-in socket (HTTP ${socket})`);
      let id = 0;
      const version = async () => {
        const answer = nextFrame(socket);
        socket.send(JSON.stringify({ id: ++id, channel: 'invoke:app:version', args: {} }));
        return (await answer).envelope;
      };
      // The core starts (and enters the demo) just after the URL is printed.
      if (demo) await expect.poll(async () => (await version()).value, { timeout: 30_000 }).toMatchObject({ demo: true });
      expect(await version()).toMatchObject({ ok: true, value: { demo, host: 'browser' } });
      socket.terminate();
    } finally {
      running.child.kill('SIGINT');
    }
    expect(await running.exited).toBe(0);
    expect(existsSync(join(noElectron.ELECTRON_OVERRIDE_DIST_PATH, 'electron'))).toBe(false);
  });
});
