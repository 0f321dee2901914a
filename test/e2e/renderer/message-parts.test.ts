/**
 * The chat pane's message parts in real Chromium, mounted on their own page (message-parts/,
 * built here with the app's Svelte config, stylesheet and CSP) with window.api bridged to the REAL
 * core logged in to the local DC: messages come from the demo world's histories, and the parts call
 * the core back (chat:photo, chat:openLink). Entities render as elements, markup in a message stays
 * text, a link whose text shows another address asks first, spoilers open by click and by key,
 * and a photo shows its stripped thumbnail until the downloaded photo replaces it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build } from 'vite';
import { DEMO_CHATS } from '../../../electron/local-dc/world/index.js';
import type { ChatMessage, ChatView } from '../../../electron/shared/ipc-contract.js';
import type { ChatEntity } from '../../../renderer/src/lib/chat/entities.js';
import { browserUnavailableReason, launchChromium, serveRenderer } from '../browser.js';
import { allowForABusyMachine, DEMO_ACCOUNTS, expectNoAxeViolations, latch, openApp, screenshot, startLocalDc, type AppUnderTest, type LocalDc } from './support.js';

allowForABusyMachine();
const ROOT = resolve(import.meta.dirname, '../../..');
const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`[skip] message parts browser tests: ${unavailable}`);

const RECORD = `
  window.__cspViolations = [];
  window.__alerts = 0;
  document.addEventListener('securitypolicyviolation', (event) => window.__cspViolations.push(event.violatedDirective + ' ' + (event.sample || '')));
  window.alert = () => { window.__alerts += 1; };
`;

const OLIVIA = `user:${DEMO_CHATS.long.id}`;
const MALLORY = `user:${DEMO_CHATS.xss.id}`;
const CLUB = `channel:${DEMO_CHATS.photos.id}`;

describe.skipIf(unavailable !== null)('message text and media parts', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveRenderer>>;
  let local: LocalDc;
  let app: AppUnderTest;
  let outDir: string;
  /** chat:photo answers wait for this, so the test sees the thumbnail before the photo. */
  const photoGate = latch();
  const histories = new Map<string, ChatMessage[]>();

  async function history(key: string): Promise<ChatMessage[]> {
    const known = histories.get(key);
    if (known) return known;
    const views: ChatView[] = [];
    const unsubscribe = app.core.events.subscribe((event, payload) => {
      if (event === 'chat:view') views.push(payload as ChatView);
    });
    const opened = await app.router.handle('chat:open', { key });
    if (!opened.ok) throw new Error(`chat:open ${key}: ${opened.error.message}`);
    await expect.poll(() => views.some((view) => view.key === key && !view.loading), { timeout: 30_000 }).toBe(true);
    unsubscribe();
    let view = views.filter((candidate) => candidate.key === key && !candidate.loading).at(-1)!;
    if (view.error) throw new Error(`chat:open ${key}: ${view.error.message}`);
    // The whole history, paged as the pane pages it.
    while (view.hasOlder) {
      const older = await app.router.handle('chat:older', { key });
      if (!older.ok) throw new Error(`chat:older ${key}: ${older.error.message}`);
      if ((older.value as ChatView).messages.length === view.messages.length) break;
      view = older.value as ChatView;
    }
    const messages = view.messages;
    histories.set(key, messages);
    return messages;
  }

  const mountText = (page: Page, testId: string, text: string, entities: ChatEntity[]) =>
    page.evaluate(([id, body, list]) => (window as unknown as { parts: { text(...args: unknown[]): void } }).parts.text(id, body, list), [testId, text, entities] as const);
  const mountMedia = (page: Page, testId: string, key: string, message: ChatMessage) =>
    page.evaluate(([id, chat, messageId, media]) => (window as unknown as { parts: { media(...args: unknown[]): void } }).parts.media(id, chat, messageId, media), [testId, key, message.id, message.media] as const);

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'topswitch-parts-'));
    await build({
      configFile: false,
      logLevel: 'warn',
      root: resolve(import.meta.dirname, 'message-parts'),
      plugins: [svelte({ configFile: resolve(ROOT, 'svelte.config.js') })],
      build: { outDir, emptyOutDir: true, minify: false },
    });
    [browser, server, local] = await Promise.all([launchChromium(), serveRenderer(outDir), startLocalDc()]);
    app = await openApp(browser, server.url, local, {
      mode: 'login',
      initScript: RECORD,
      // Rendering the photo chat's first page encodes its JPEGs in the DC: generous on a busy machine.
      invokeTimeoutMs: 30_000,
      route: (router) => ({
        handle: async (channel, args) => {
          if (channel === 'chat:photo') await photoGate.opened;
          return router.handle(channel, args);
        },
      }),
    });
    for (const [channel, args] of [
      ['login:submitPhone', { phone: `+${DEMO_ACCOUNTS.main.phone}` }],
      ['login:submitCode', { code: DEMO_ACCOUNTS.main.code }],
      ['topPeers:refresh', {}],
    ] as const) {
      const envelope = await app.router.handle(channel, args);
      if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
    }
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await server?.close();
    await local?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('renders entities as elements, from the real history, with the text exactly as sent', async () => {
    const { page } = app;
    const formatted = (await history(OLIVIA)).find((message) => message.text.startsWith('Formatting:'))!;
    await mountText(page, 'formatted', formatted.text, formatted.entities);
    const bubble = page.getByTestId('formatted');
    expect(await bubble.locator('.message-text').textContent()).toBe(formatted.text);
    expect(await bubble.locator('.bold').textContent()).toBe('bold');
    expect(await bubble.locator('.italic').textContent()).toBe('italic');
    expect(await bubble.locator('.underline').textContent()).toBe('underline');
    expect(await bubble.locator('.strike').textContent()).toBe('strike');
    expect(await bubble.locator('code').textContent()).toBe('code');
    expect(await bubble.locator('.bold').evaluate((element) => getComputedStyle(element).fontWeight)).toBe('600');
    expect(await bubble.locator('.strike').evaluate((element) => getComputedStyle(element).textDecorationLine)).toBe('line-through');

    // Nested and overlapping entities and an emoji before them, mounted with the same component.
    const text = '😀 bold italic tail #tag @dana';
    await mountText(page, 'nested', text, [
      { type: 'bold', offset: 3, length: 11 },
      { type: 'italic', offset: 8, length: 11 },
      { type: 'hashtag', offset: 20, length: 4 },
      { type: 'mention', offset: 25, length: 5 },
    ]);
    const nested = page.getByTestId('nested');
    expect(await nested.locator('.message-text').textContent()).toBe(text);
    expect(await nested.locator('.bold.italic').textContent()).toBe('italic');
    expect(await nested.locator('.hashtag').textContent()).toBe('#tag');
    expect(await nested.locator('.mention').textContent()).toBe('@dana');
  });

  it('keeps a message that looks like HTML as text: no element, no script, no alert', async () => {
    const { page } = app;
    const markup = (await history(MALLORY)).find((message) => message.text.includes('onerror'))!;
    expect(markup.text).toBe('<img src=x onerror=alert(1)>');
    await mountText(page, 'markup', markup.text, markup.entities);
    const bubble = page.getByTestId('markup');
    expect(await bubble.textContent()).toBe('<img src=x onerror=alert(1)>');
    expect(await bubble.locator('img').count()).toBe(0);
    expect(await bubble.evaluate((element) => element.querySelector('.message-text')!.children.length)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __alerts: number }).__alerts)).toBe(0);
  });

  it('hides a spoiler until it is clicked or activated from the keyboard', async () => {
    const { page } = app;
    const formatted = (await history(OLIVIA)).find((message) => message.text.startsWith('Formatting:'))!;
    const spoiler = page.getByTestId('formatted').getByRole('button', { name: /spoiler/i });
    expect(await spoiler.locator('.veil').evaluate((element) => getComputedStyle(element).color)).toBe('rgba(0, 0, 0, 0)');
    await spoiler.click();
    await expect.poll(() => page.getByTestId('formatted').locator('.spoiler.revealed').textContent()).toBe('spoiler');

    await mountText(page, 'keyboard-spoiler', formatted.text, formatted.entities);
    const hidden = page.getByTestId('keyboard-spoiler').getByRole('button', { name: /spoiler/i });
    await hidden.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('keyboard-spoiler').locator('.spoiler.revealed').count()).toBe(1);
  });

  it('asks before opening a link whose text shows another address, and opens a plain one at once', async () => {
    const { page, host } = app;
    const link = page.getByTestId('formatted').getByRole('link', { name: 'here' });
    await link.click();
    const dialog = page.getByRole('dialog', { name: 'Open this link?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('https://example.org/docs');
    // Focus is in the dialog, on Cancel: Enter by habit does not open it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await expectNoAxeViolations(page, 'link confirmation');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(host.links).toEqual([]);

    await link.click();
    await page.getByRole('dialog', { name: 'Open this link?' }).getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => host.links).toEqual(['https://example.org/docs']);

    await mountText(page, 'plain-link', 'see example.org now', [{ type: 'url', offset: 4, length: 11 }]);
    await page.getByTestId('plain-link').getByRole('link', { name: 'example.org' }).click();
    await expect.poll(() => host.links).toEqual(['https://example.org/docs', 'https://example.org/']);
    expect(await page.getByRole('dialog').count()).toBe(0);
    // The page itself never navigated.
    expect(new URL(page.url()).origin).toBe(new URL(server.url).origin);
  });

  it('shows the stripped thumbnail at once, then the downloaded photo', async () => {
    const { page } = app;
    const photo = (await history(CLUB)).find((message) => message.media?.kind === 'photo')!;
    await mountMedia(page, 'photo', CLUB, photo);
    const figure = page.getByTestId('photo');
    const thumb = figure.getByTestId('photo-thumb');
    await thumb.waitFor();
    // Decoded from the 3-byte-header thumbnail: a 40×30 JPEG, blurred, while the photo is held back.
    await expect.poll(() => thumb.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(40);
    expect(await thumb.evaluate((image) => getComputedStyle(image).filter)).toMatch(/blur/);
    expect(await figure.getByTestId('photo-full').count()).toBe(0);
    expect(await figure.getByTestId('message-photo').getAttribute('data-state')).toBe('loading');

    photoGate.open();
    const full = figure.getByTestId('photo-full');
    await expect.poll(() => full.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth).catch(() => 0)).toBe(320);
    await expect.poll(() => figure.getByTestId('message-photo').getAttribute('data-state')).toBe('shown');
    expect(await figure.getByTestId('photo-thumb').count()).toBe(0);
    expect(await full.getAttribute('alt')).toBe('Photo');
  });

  it('labels other media with their kind, size and duration', async () => {
    const { page } = app;
    const messages = [...(await history(OLIVIA)), ...(await history(CLUB))];
    const expected: Record<string, [RegExp, RegExp | null]> = {
      video: [/^Video$/, /^\d{1,2}:\d\d · [\d.]+ (KB|MB)$/],
      voice: [/^Voice message$/, /^\d{1,2}:\d\d · [\d.]+ (B|KB)$/],
      file: [/^report-\d+\.pdf$/, /^File · [\d.]+ (KB|MB)$/],
      sticker: [/^Sticker$/, null],
      location: [/^Location$/, null],
      poll: [/^Poll$/, /^Next theme\?$/],
    };
    for (const [kind, [label, meta]] of Object.entries(expected)) {
      const message = messages.find((candidate) => candidate.media?.kind === kind);
      expect(message, `a ${kind} in the demo histories`).toBeDefined();
      await mountMedia(page, `media-${kind}`, OLIVIA, message!);
      const placeholder = page.getByTestId(`media-${kind}`).getByTestId('media-placeholder');
      expect(await placeholder.getAttribute('data-kind')).toBe(kind);
      expect(await placeholder.locator('.label').textContent()).toMatch(label);
      if (meta) expect(await placeholder.locator('.meta').textContent()).toMatch(meta);
      // Drawn icons, not emoji that a desktop without an emoji font shows as empty boxes.
      if (kind !== 'sticker') {
        expect(await placeholder.locator('.icon svg').count()).toBe(1);
        expect(await placeholder.locator('.icon').textContent()).toBe('');
      }
    }
    await expectNoAxeViolations(page, 'message parts');
    await screenshot(page, 'message-parts');
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
  });
});
