/**
 * The browser test bridge: the built renderer, served over http on 127.0.0.1, in Debian's
 * Chromium driven by playwright-core, with `window.api` bridged to a real router. Only Electron's
 * transport is swapped: the method set comes from the same contract the preload uses, requests
 * go through the same router (validation included), push events come from the same EventBus.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { eventChannel, type PushMessage } from '../../electron/shared/ipc-contract.js';
import { apiTable, buildExposedApi } from '../../electron/shared/expose.js';
import type { EventBus, Router } from '../../electron/core/router.js';

export const RENDERER_DIR = resolve(import.meta.dirname, '../../out/renderer');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or null when they can. Printed by suites that skip. */
export function browserUnavailableReason(): string | null {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) return `renderer not built at ${RENDERER_DIR}`;
  return null;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Serves the built renderer read-only; anything outside it is a 404. */
export async function serveRenderer(dir = RENDERER_DIR): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    const file = join(dir, path === '/' ? 'index.html' : path);
    try {
      if (!file.startsWith(dir) || !(await stat(file)).isFile()) throw new Error('not found');
      // Read before the headers go: a file replaced meanwhile (a rebuild) is then a 404, not a crash.
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** `extraArgs` lets a benchmark lift the 60 Hz frame cap (--disable-frame-rate-limit, --disable-gpu-vsync). */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

export interface BridgedPage {
  page: Page;
  context: BrowserContext;
  /** Calls the page received, in order: what the renderer really asked of the main process. */
  calls: Array<{ channel: string; args: unknown }>;
  close(): Promise<void>;
}

/**
 * Page source that defines `window.api` with the preload's own builder (its source: the builder is
 * self-contained), over page-side `invoke` and `subscribe` expressions: every browser test and
 * bench runs on the same object, early reads included, that the app exposes.
 */
export function exposeApiSource(invoke: string, subscribe: string): string {
  // tsx (the bench's runner) keeps function names by wrapping them in a __name helper that only
  // exists in Node: the builder's source gets a stand-in.
  const build = `(() => { const __name = (fn) => fn; return ${buildExposedApi.toString()}; })()`;
  return `Object.defineProperty(globalThis, 'api', { value: ${build}(${invoke}, ${subscribe}, ${JSON.stringify(apiTable())}) });`;
}

/**
 * Opens the renderer with `window.api` wired to `router` and `events`, built by the preload's own
 * builder: one method per contract channel, plus `on`, and the same early reads.
 */
export async function openBridgedPage(
  browser: Browser,
  url: string,
  router: Router,
  events: EventBus,
  options: {
    colorScheme?: 'light' | 'dark';
    reducedMotion?: 'reduce' | 'no-preference';
    /**
     * The browser's language (navigator.languages), which the app follows unless Settings names
     * one. English unless a test asks otherwise, so text assertions do not depend on the machine.
     */
    locale?: string;
    /** CSS pixels; the default fits every screen's content with room to spare. */
    viewport?: { width: number; height: number };
    /** Script source run in the page before its own scripts (after window.api is defined). */
    initScript?: string;
    /** Runs once the page exists, before it loads (to route its requests, say). */
    beforeLoad?: (page: Page) => Promise<void>;
  } = {},
): Promise<BridgedPage> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ?? 'no-preference',
    locale: options.locale ?? 'en-US',
    viewport: options.viewport ?? { width: 720, height: 560 },
  });
  const page = await context.newPage();
  const calls: BridgedPage['calls'] = [];
  const prefix = 'invoke:';
  await page.exposeBinding('__topswitchInvoke', async (_source, transportChannel: string, args: unknown) => {
    const channel = transportChannel.startsWith(prefix) ? transportChannel.slice(prefix.length) : transportChannel;
    calls.push({ channel, args });
    return router.handle(channel, args);
  });
  await page.addInitScript({
    content: `(() => {
      const listeners = new Map();
      const subscribe = (channel, listener) => {
        const set = listeners.get(channel) ?? new Set();
        set.add(listener);
        listeners.set(channel, set);
        return () => set.delete(listener);
      };
      ${exposeApiSource('globalThis.__topswitchInvoke', 'subscribe')}
      Object.defineProperty(globalThis, '__topswitchDeliver', {
        value: (channel, message) => listeners.get(channel)?.forEach((listener) => listener(message)),
      });
    })();`,
  });
  if (options.initScript) await page.addInitScript({ content: options.initScript });
  const unsubscribe = events.subscribe((event, payload, revision) => {
    const message: PushMessage = { value: payload, revision };
    void page
      .evaluate(([channel, body]) => (globalThis as unknown as { __topswitchDeliver(c: string, p: unknown): void }).__topswitchDeliver(channel, body), [
        eventChannel(event),
        message,
      ] as const)
      .catch(() => {}); // the page may be closing; an event to a closed page has nobody to reach
  });
  await options.beforeLoad?.(page);
  await page.goto(url);
  return {
    page,
    context,
    calls,
    close: async () => {
      unsubscribe();
      await context.close();
    },
  };
}
