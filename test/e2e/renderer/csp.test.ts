/**
 * The page runs under its CSP without 'unsafe-inline' for styles: Svelte sets `style:` directives
 * through the CSSOM (element.style), which CSP does not restrict, and ships its component CSS
 * as a file. Every screen is walked with a securitypolicyviolation listener installed before the
 * renderer loads; a probe inline style proves the listener and the policy are live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserUnavailableReason, launchChromium, serveRenderer } from '../browser.js';
import { allowForABusyMachine, loginThroughUi, openApp, startLocalDc, type AppUnderTest, type LocalDc } from './support.js';

allowForABusyMachine();
const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`[skip] renderer CSP tests: ${unavailable}`);

const RECORD_VIOLATIONS = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(event.violatedDirective + ' ' + (event.blockedURI || '') + ' ' + (event.sample || ''));
  });
`;

describe.skipIf(unavailable !== null)('the content security policy', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveRenderer>>;
  let local: LocalDc;
  let app: AppUnderTest;

  beforeAll(async () => {
    [browser, server, local] = await Promise.all([launchChromium(), serveRenderer(), startLocalDc()]);
    app = await openApp(browser, server.url, local, { mode: 'login', initScript: RECORD_VIOLATIONS });
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await server?.close();
    await local?.close();
  });

  const violations = () => app.page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

  it("forbids inline styles (no 'unsafe-inline') and every screen works without them", async () => {
    const { page } = app;
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(policy).toMatch(/style-src 'self';/);
    // Login, QR, back, phone + code.
    await page.getByRole('button', { name: 'Log in by QR code' }).click();
    await page.getByTestId('qr').waitFor();
    await page.getByRole('button', { name: 'Log in by phone number' }).click();
    await page.getByLabel('Phone number').waitFor();
    await loginThroughUi(page);
    // The list: avatars (style:--size), the virtual list's spacer and rows (style:height/top).
    await expect.poll(() => page.locator('[role="option"]').count()).toBeGreaterThan(3);
    const rowTop = await page.locator('[role="option"]').nth(1).evaluate((row) => getComputedStyle(row).top);
    expect(rowTop).not.toBe('auto');
    // The context menu, placed with style:left/top.
    await page.locator('[role="option"]').first().click({ button: 'right' });
    const menu = page.getByRole('menu');
    await menu.waitFor();
    expect(await menu.evaluate((element) => (element as HTMLElement).style.left)).toMatch(/px$/);
    await page.keyboard.press('Escape');
    // Settings.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByTestId('settings').waitFor();
    expect(await violations()).toEqual([]);

    // The probe: an inline style attribute is refused and reported, so an empty list above means something.
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<div id="csp-probe" style="color: rgb(255, 0, 0)">probe</div>'));
    await expect.poll(violations).toEqual([expect.stringMatching(/^style-src/)]);
    expect(await page.locator('#csp-probe').evaluate((element) => getComputedStyle(element).color)).not.toBe('rgb(255, 0, 0)');
  });
});
