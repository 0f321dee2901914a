/**
 * The first vertical slice: contract → router → bridged window.api → Svelte component → DOM,
 * in real Chromium. If the renderer stops showing the router's answer, this fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createRouter, EventBus, type Handlers } from '../../../electron/core/router.js';
import { browserUnavailableReason, launchChromium, openBridgedPage, serveRenderer } from '../browser.js';
import { allowForABusyMachine, checkScreen } from './support.js';

allowForABusyMachine();
const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`[skip] browser tests: ${unavailable}`);

describe.skipIf(unavailable !== null)('renderer shows the app version from the main process', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveRenderer>>;

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchChromium(), serveRenderer()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders the version the router returns', async () => {
    // A version no build could ship by accident, so only the bridged answer can put it on screen.
    const handlers = { 'app:version': () => ({ version: '9.8.7-e2e', demo: false }) } as Partial<Handlers> as Handlers;
    const bridged = await openBridgedPage(browser, server.url, createRouter(handlers), new EventBus());
    try {
      await expect.poll(() => bridged.page.getByTestId('version').textContent()).toBe('Version 9.8.7-e2e');
      expect(bridged.calls.map((call) => call.channel)).toContain('app:version');
    } finally {
      await bridged.close();
    }
  });

  it('shows a typed error instead of a version when the main process fails', async () => {
    const router = createRouter({} as Handlers); // no handler: the router answers INTERNAL
    const bridged = await openBridgedPage(browser, server.url, router, new EventBus());
    try {
      await expect.poll(() => bridged.page.getByRole('alert').textContent()).toMatch(/went wrong/);
      expect(await bridged.page.getByTestId('version').count()).toBe(0);
      // The startup error is a screen of its own, with a way out: Try again asks again.
      await checkScreen(bridged.page, 'startup-error');
      const asked = bridged.calls.filter((call) => call.channel === 'session:get').length;
      await bridged.page.getByRole('button', { name: 'Try again' }).click();
      await expect.poll(() => bridged.calls.filter((call) => call.channel === 'session:get').length).toBe(asked + 1);
    } finally {
      await bridged.close();
    }
  });
});
