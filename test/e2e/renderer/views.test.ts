/**
 * The shell picks a window's view by URL hash: the tray's "Settings" opens the main window on
 * '#settings', and switches an open one by changing the hash. The page must follow both, and keep
 * the hash truthful when the user moves between views inside it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserUnavailableReason, launchChromium, serveRenderer } from '../browser.js';
import { allowForABusyMachine, loginThroughUi, openApp, startLocalDc, type AppUnderTest, type LocalDc } from './support.js';

allowForABusyMachine();
const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`[skip] renderer view tests: ${unavailable}`);

describe.skipIf(unavailable !== null)('views chosen by the URL hash', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveRenderer>>;
  let local: LocalDc;
  let app: AppUnderTest;

  beforeAll(async () => {
    [browser, server, local] = await Promise.all([launchChromium(), serveRenderer(), startLocalDc()]);
    app = await openApp(browser, server.url, local, { mode: 'login' });
    await loginThroughUi(app.page);
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await server?.close();
    await local?.close();
  });

  it('a window opened on #settings shows Settings, and Back returns to the switcher as the main window', async () => {
    const { page } = app;
    await page.goto('about:blank'); // a fresh document, as a newly created main window loads
    await page.goto(`${server.url}#settings`);
    await page.getByTestId('settings').waitFor();
    await page.getByRole('button', { name: 'Back to the switcher' }).click();
    await page.getByTestId('results').waitFor();
    expect(new URL(page.url()).hash).toBe('#main');
  });

  it('a hash change from the shell switches the open page without reloading it', async () => {
    const { page } = app;
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 42));
    await page.evaluate(() => (location.hash = '#settings'));
    await page.getByTestId('settings').waitFor();
    await page.evaluate(() => (location.hash = '#main'));
    await page.getByTestId('results').waitFor();
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(42);
  });

  it('the quick switcher (no hash) opens Settings in place and clears the hash again on Back', async () => {
    const { page } = app;
    await page.goto('about:blank');
    await page.goto(server.url);
    await page.getByTestId('results').waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByTestId('settings').waitFor();
    expect(new URL(page.url()).hash).toBe('#settings');
    await page.getByRole('button', { name: 'Back to the switcher' }).click();
    await page.getByTestId('results').waitFor();
    expect(new URL(page.url()).hash).toBe('');
  });
});
