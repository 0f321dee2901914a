/**
 * The renderer's end-to-end rig: the local DC with the demo world, the REAL app core (createAppCore)
 * pointed at it, the real router, and the built renderer in Chromium with window.api bridged to
 * that router. Only Electron's transport is swapped; the host (open a URL, hide the window) is a
 * recorder, because those are the OS's business.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { DEMO_ACCOUNTS } from '../../../electron/local-dc/world/index.js';
import { startTestDc, type TestDc } from '../../integration/core/harness.js';
import { createAppCore, type AppCore, type AppHost } from '../../../electron/core/app-core.js';
import type { HotkeyStatus } from '../../../electron/shared/ipc-contract.js';
import { createRouter, type Router } from '../../../electron/core/router.js';
import { createMemoryStore, type KeyValueStore } from '../../../electron/core/store.js';
import { createMemorySecretStore, type SecretStore } from '../../../electron/core/telegram/secret-store.js';
import { launchChromium, openBridgedPage, serveRenderer, type BridgedPage } from '../browser.js';
import { MATCH_HIGHLIGHT } from '../../../renderer/src/lib/highlight.js';

/** The switcher list's geometry, as the renderer defines it. */
export { OVERSCAN, rowsInView } from '../../../renderer/src/components/switcher/geometry.js';

export { DEMO_ACCOUNTS };

/**
 * Real Chromium, a real core and a real DC on two shared cores: waits are bounded generously, so
 * a busy CI machine makes a test slower, not red. (expect.poll's default is one second.)
 */
export function allowForABusyMachine(): void {
  vi.setConfig({ testTimeout: 90_000, expect: { poll: { timeout: 10_000 } } });
}

export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../../test-results/screenshots');

/** One DC per test file: the world is fresh, and mutations in one file never leak into another. */
export type LocalDc = TestDc;
export const startLocalDc = startTestDc;

export class RecordingHost implements AppHost {
  opened: string[] = [];
  hidden = 0;
  hotkeys: string[] = [];
  launchAtLogin: boolean[] = [];
  openExternal(url: string): void {
    this.opened.push(url);
  }
  /** Links clicked in messages (chat:openLink). */
  links: string[] = [];
  openLink(url: string): void {
    this.links.push(url);
  }
  hideWindow(): void {
    this.hidden += 1;
  }
  setHotkey(accelerator: string): boolean {
    this.hotkeys.push(accelerator);
    return true;
  }
  setLaunchAtLogin(on: boolean): void {
    this.launchAtLogin.push(on);
  }
  /** What the shell would say about its desktop shortcut (a test sets it; 'none' shows nothing). */
  hotkey: HotkeyStatus = { state: 'none', accelerator: null, message: 'No desktop shortcut in this host.', command: null, where: null, trayMissing: false };
  hotkeyStatus(): HotkeyStatus {
    return this.hotkey;
  }
}

export interface AppUnderTest extends BridgedPage {
  core: AppCore;
  router: Router;
  host: RecordingHost;
  /** Channels the renderer called, in order. */
  channels(): string[];
}

export interface OpenAppOptions {
  /**
   * 'login': the core dials the local DC (TG_DC) and starts logged out at the phone step.
   * 'first-run': no credentials and no DC override — the first-run screen; its demo button
   * starts the demo on this same local DC, so the test can still reach into the world.
   */
  mode: 'login' | 'first-run';
  colorScheme?: 'light' | 'dark';
  reducedMotion?: 'reduce' | 'no-preference';
  /** Per-call bound; short so fault tests see "offline" quickly. */
  invokeTimeoutMs?: number;
  /** Where the session secret lives: pass one app's store to the next to start logged in. */
  secretStore?: SecretStore;
  /** The core's settings and caches: pass one app's store to the next to start with its cached list. */
  store?: KeyValueStore;
  /** Runs in the page before the renderer's own scripts. */
  initScript?: string;
  /** Stands between the page and the core's router (to hold an answer back, say). */
  route?: (router: Router) => Router;
  /** Runs once the page exists, before it loads. */
  beforeLoad?: (page: Page) => Promise<void>;
  /** The desktop shortcut's status the shell reports (app:hotkeyStatus). */
  hotkeyStatus?: HotkeyStatus;
  /** The browser's language (navigator.languages); English unless given. */
  locale?: string;
  /** CSS pixels of the window (default: roomier than the switcher's). */
  viewport?: { width: number; height: number };
}

export async function openApp(browser: Browser, url: string, local: LocalDc, options: OpenAppOptions): Promise<AppUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), 'topswitch-e2e-core-'));
  const host = new RecordingHost();
  if (options.hotkeyStatus) host.hotkey = options.hotkeyStatus;
  const core = createAppCore({
    dataDir,
    store: options.store ?? createMemoryStore(),
    secretStore: options.secretStore ?? createMemorySecretStore(),
    env: options.mode === 'login' ? local.env : {},
    host,
    version: '0.1.0-e2e',
    invokeTimeoutMs: options.invokeTimeoutMs ?? 4_000,
    backoffBaseMs: 60_000,
    log: () => {},
    // The demo's DC is this test's DC, so the test can mutate the world the demo shows.
    loadFakeDc: async () => ({
      startFakeDc: async () => ({ host: local.dc.host, port: local.dc.port, publicKeyPem: local.dc.publicKeyPem, close: async () => {} }),
    }),
  });
  await core.start();
  const router = createRouter(core.handlers);
  const bridged = await openBridgedPage(browser, url, options.route?.(router) ?? router, core.events, {
    ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
    ...(options.reducedMotion ? { reducedMotion: options.reducedMotion } : {}),
    ...(options.initScript ? { initScript: options.initScript } : {}),
    ...(options.beforeLoad ? { beforeLoad: options.beforeLoad } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.viewport ? { viewport: options.viewport } : {}),
  });
  return {
    ...bridged,
    core,
    router,
    host,
    channels: () => bridged.calls.map((call) => call.channel),
    close: async () => {
      await bridged.close();
      await core.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A gate a test opens once: `opened` resolves when `open()` is called. */
export function latch(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Logs in as the demo's main account through the UI's phone and code steps. */
export async function loginThroughUi(page: Page, account: { phone: string; code: string } = DEMO_ACCOUNTS.main): Promise<void> {
  await page.getByLabel('Phone number').fill(`+${account.phone}`);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Code').fill(account.code);
  await page.getByTestId('results').waitFor();
}

/** What a describe block's tests share: set before its first test, closed after its last. */
export interface LoggedInSuite {
  readonly local: LocalDc;
  readonly app: AppUnderTest;
  readonly page: Page;
}

/**
 * One Chromium, the built renderer served and a local DC for a describe block, with an app on
 * them logged in through the UI as the demo's main account; all closed after the block. Call it
 * in the block's body and read the fields in its hooks and tests.
 */
export function loggedInSuite(options: Omit<OpenAppOptions, 'mode'> = {}): LoggedInSuite {
  const state: { browser?: Browser; server?: Awaited<ReturnType<typeof serveRenderer>>; local?: LocalDc; app?: AppUnderTest } = {};
  beforeAll(async () => {
    [state.browser, state.server, state.local] = await Promise.all([launchChromium(), serveRenderer(), startLocalDc()]);
    state.app = await openApp(state.browser, state.server.url, state.local, { mode: 'login', ...options });
    state.app.page.setDefaultTimeout(20_000);
    await loginThroughUi(state.app.page);
  });
  afterAll(async () => {
    await state.app?.close();
    await state.browser?.close();
    await state.server?.close();
    await state.local?.close();
  });
  return {
    get local() {
      return state.local!;
    },
    get app() {
      return state.app!;
    },
    get page() {
      return state.app!.page;
    },
  };
}

/** Titles of every row in the list, top to bottom, including those a long list keeps out of the DOM. */
export async function rowTitles(page: Page): Promise<string[]> {
  // A long list keeps only the rows on screen in the DOM: scroll it through, a screen at a time,
  // collecting rows by their index, then put the scroll position back.
  return page.evaluate(async () => {
    const frames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    const titles = new Map<number, string>();
    const read = () =>
      document.querySelectorAll<HTMLElement>('[role="option"]').forEach((option) => {
        titles.set(Number(option.dataset.index), option.querySelector('.title')?.textContent ?? '');
      });
    const scroller = document.querySelector('[data-testid="results"]')?.parentElement;
    if (!scroller || scroller.hidden || scroller.scrollHeight <= scroller.clientHeight) read();
    else {
      const start = scroller.scrollTop;
      scroller.scrollTop = 0;
      await frames();
      read();
      for (let step = 0; step < 1_000 && scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight; step++) {
        scroller.scrollTop += scroller.clientHeight;
        await frames();
        read();
      }
      scroller.scrollTop = start;
      await frames();
    }
    return [...titles].sort((a, b) => a[0] - b[0]).map(([, title]) => title);
  });
}

/**
 * The letters highlighted inside `element`, in order: the ranges of the page's CSS highlight
 * (renderer/src/lib/highlight.ts) that lie in its text.
 */
export async function highlightedIn(element: Locator): Promise<string[]> {
  return element.evaluate((root, name) => {
    const highlight = CSS.highlights.get(name);
    return [...(highlight ?? [])]
      .filter((range) => root.contains(range.startContainer))
      .sort((a, b) => a.startOffset - b.startOffset)
      .map((range) => (range.startContainer.textContent ?? '').slice(range.startOffset, range.endOffset));
  }, MATCH_HIGHLIGHT);
}

/** What each row's avatar canvas shows: the RGBA of its centre and of a point near its top, and how many pixels are white. */
export interface DrawnAvatar {
  title: string;
  /** The canvas's width in device pixels. */
  side: number;
  centre: number[];
  top: number[];
  white: number;
}

/** Reads the avatars the rows on screen have drawn (renderer/src/lib/avatar.ts, drawAvatar). */
export async function drawnAvatars(page: Page): Promise<DrawnAvatar[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[role="option"]')].flatMap((row) => {
      const title = row.querySelector('.title')?.textContent ?? '';
      const canvas = row.querySelector('canvas');
      const context = canvas?.getContext('2d');
      if (!canvas || !context) return [];
      const side = canvas.width;
      const pixels = context.getImageData(0, 0, side, side).data;
      const at = (x: number, y: number) => [...pixels.slice((y * side + x) * 4, (y * side + x) * 4 + 4)];
      let white = 0;
      for (let index = 0; index < pixels.length; index += 4) if (pixels[index]! > 240 && pixels[index + 1]! > 240 && pixels[index + 2]! > 240) white++;
      return [{ title, side, centre: at(Math.floor(side / 2), Math.floor(side / 2)), top: at(Math.floor(side / 2), Math.round(side * 0.04)), white }];
    }),
  );
}

/**
 * The centre pixel a photo should show at `side` device pixels: decoded by an <img> and drawn by
 * the page itself, independently of the app's decoding, cropped to its centred square.
 */
export async function expectedCentre(page: Page, dataUrl: string, side: number): Promise<number[]> {
  return page.evaluate(
    async ([url, size]) => {
      const image = new Image();
      image.src = url;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = size;
      const context = canvas.getContext('2d')!;
      const square = Math.min(image.naturalWidth, image.naturalHeight);
      context.drawImage(image, (image.naturalWidth - square) / 2, (image.naturalHeight - square) / 2, square, square, 0, 0, size, size);
      return [...context.getImageData(size / 2, size / 2, 1, 1).data];
    },
    [dataUrl, side] as const,
  );
}

/** From the switcher: type `query`, wait until `title` is the active row, press Enter, and wait for its chat pane. */
export async function openChatFromSwitcher(page: Page, query: string, title: string): Promise<void> {
  const search = page.getByRole('combobox', { name: 'Search your frequent chats' });
  // Playwright's fill('') presses Delete, which on an empty query removes the selected peer.
  if ((await search.inputValue()) !== '') await search.fill('');
  await search.pressSequentially(query);
  await expect.poll(() => activeTitle(page)).toBe(title);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('chat-title').textContent()).toBe(title);
}

/** The selected row's title, read through aria-activedescendant as assistive technology would. */
export async function activeTitle(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const field = document.querySelector('[role="combobox"]');
    const id = field?.getAttribute('aria-activedescendant');
    const option = id ? document.getElementById(id) : null;
    if (!option || option.getAttribute('aria-selected') !== 'true') return null;
    return option.querySelector('.title')?.textContent ?? null;
  });
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

/** Runs axe-core in the page (WCAG A/AA and best practices) and fails the test on any violation. */
export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the debugging protocol, not a <script> tag: the renderer's CSP (rightly)
  // refuses inline scripts, and the test should not weaken it to run a checker.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.slice(0, 3).map((node) => ({ target: JSON.stringify(node.target), summary: node.failureSummary })),
    }));
  });
  expect(violations, `axe violations on ${screen}`).toEqual([]);
}

/** A full-window screenshot under test-results/screenshots/<name>-<scheme>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const scheme = await page.evaluate(() => (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
  const path = join(SCREENSHOT_DIR, `${name}-${scheme}.png`);
  // Caret blink and animations would make the pictures differ run to run for no reason.
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  return path;
}

/**
 * Waits for entrance animations (menus, toasts, state views) to end: axe would otherwise measure
 * the contrast of half-faded text. Endless ones (skeleton shimmer, spinners) are not waited for.
 */
export async function settleAnimations(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().iterations !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

/**
 * Resolves after the page has painted two frames: a media change (theme, motion) is then applied
 * to every element's style, not only to those a script has already asked about.
 */
export async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

/**
 * One screen, checked and pictured in both themes: axe must find nothing in light or in dark
 * (contrast differs), and each theme leaves a screenshot behind. The page returns to light.
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await nextFrames(page);
    await settleAnimations(page);
    await expectNoAxeViolations(page, `${name} (${colorScheme})`);
    await screenshot(page, name);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * Text the window cuts off: every visible element that holds words of its own and is wider or
 * taller than its box, or sticks out of the box that clips it (or the window). Peer names and
 * commands are data that may be ellipsised on purpose; visually hidden text is for screen
 * readers. Content of a scrolling box (the tab strip) may be scrolled out of sight, not cut.
 */
export async function clippedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const data = '.title, .subtitle, code, .visually-hidden, [data-testid="hotkey-command"]';
    for (const element of document.querySelectorAll<HTMLElement>('body *')) {
      const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '');
      if (!ownText || element.closest(data) || !element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const name = `<${element.tagName.toLowerCase()}> “${(element.textContent ?? '').trim().slice(0, 50)}”`;
      const style = getComputedStyle(element);
      if (style.display !== 'inline' && element.clientWidth > 0) {
        if (element.scrollWidth > element.clientWidth + 1) found.push(`wider than its box: ${name}`);
        if (element.scrollHeight > element.clientHeight + 1 && style.overflowY !== 'auto' && style.overflowY !== 'scroll') found.push(`taller than its box: ${name}`);
      }
      let clip: HTMLElement | null = element.parentElement;
      while (clip && clip !== document.body && getComputedStyle(clip).overflowX === 'visible') clip = clip.parentElement;
      const clipStyle = clip && clip !== document.body ? getComputedStyle(clip) : null;
      if (clipStyle && (clipStyle.overflowX === 'auto' || clipStyle.overflowX === 'scroll')) continue;
      const box = clip && clip !== document.body ? clip.getBoundingClientRect() : { left: 0, right: innerWidth, top: 0, bottom: innerHeight };
      const rect = element.getBoundingClientRect();
      if (rect.left < box.left - 1 || rect.right > box.right + 1) found.push(`cut off at the side: ${name}`);
    }
    if (document.documentElement.scrollWidth > innerWidth + 1) found.push(`the page is wider than the window (${document.documentElement.scrollWidth} > ${innerWidth})`);
    return found;
  });
}
