/**
 * First run and every way in: the demo button, phone + code, phone + code + 2FA password, and a
 * QR code scanned through the local DC's API (as a phone would). Real core, real DC, real Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserUnavailableReason, launchChromium, serveRenderer } from '../browser.js';
import { allowForABusyMachine, checkScreen, DEMO_ACCOUNTS, openApp, rowTitles, startLocalDc, type AppUnderTest, type LocalDc } from './support.js';

allowForABusyMachine();
const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`[skip] renderer login tests: ${unavailable}`);

describe.skipIf(unavailable !== null)('first run and login', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveRenderer>>;
  let local: LocalDc;
  let app: AppUnderTest | undefined;

  beforeAll(async () => {
    [browser, server, local] = await Promise.all([launchChromium(), serveRenderer(), startLocalDc()]);
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await server?.close();
    await local?.close();
  });

  async function fresh(mode: 'login' | 'first-run'): Promise<AppUnderTest> {
    await app?.close();
    app = await openApp(browser, server.url, local, { mode });
    return app;
  }

  it('first run offers credentials or the demo, and the demo lands on the switcher with the demo list', async () => {
    const { page, channels } = await fresh('first-run');
    await page.getByRole('heading', { name: 'Welcome to TopSwitch' }).waitFor();

    // Invalid credentials are explained before anything is sent.
    await page.getByLabel('api_id').fill('12ab');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByText('api_id is a number').count()).toBe(1);
    expect(channels()).not.toContain('session:setCredentials');
    await checkScreen(page, 'first-run');

    await page.getByRole('button', { name: 'Try the demo' }).click();
    await page.getByTestId('results').waitFor({ timeout: 20_000 });
    expect(channels()).toContain('session:startDemo');
    // Dana's demo list: people with Latin and Cyrillic names, bots, groups and channels.
    await expect.poll(() => rowTitles(page)).toEqual(expect.arrayContaining(['Alice Johnson', 'Иван Петров', 'TypeScript Devs']));
  });

  it('logs in with phone and code, explaining a wrong code inline', async () => {
    const { page } = await fresh('login');
    await page.getByLabel('Phone number').waitFor();
    await checkScreen(page, 'login-phone');
    // Esc hides the window from the login screens too.
    await page.keyboard.press('Escape');
    await expect.poll(() => app!.host.hidden).toBe(1);

    await page.getByLabel('Phone number').fill(`+${DEMO_ACCOUNTS.main.phone}`);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Code').waitFor();
    // The code step says where the code went and which number it is for.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(DEMO_ACCOUNTS.main.phone.slice(-4));

    // A complete code submits itself, as in Telegram's apps.
    await page.getByLabel('Code').fill('11111');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/code isn't right/);
    await checkScreen(page, 'login-code');

    // The resend offer waits for Telegram's timer, counting down.
    expect(await page.getByTestId('resend-timer').textContent()).toMatch(/new code in \d+:\d\d/);

    // "Wrong number?" goes back to the phone step; the second attempt gets in.
    await page.getByRole('button', { name: 'Wrong number?' }).click();
    await page.getByLabel('Phone number').fill(`+${DEMO_ACCOUNTS.main.phone}`);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Code').fill(DEMO_ACCOUNTS.main.code);
    await page.getByTestId('results').waitFor({ timeout: 20_000 });
    await expect.poll(() => rowTitles(page)).toContain('Alice Johnson');
  });

  it('logs in to a 2FA account with its password, after refusing a wrong one', async () => {
    const { page } = await fresh('login');
    await page.getByLabel('Phone number').fill(`+${DEMO_ACCOUNTS.twoFactor.phone}`);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Code').fill(DEMO_ACCOUNTS.twoFactor.code);
    await page.getByLabel('Password', { exact: true }).waitFor();
    await expect.poll(() => page.getByText(`Hint: ${DEMO_ACCOUNTS.twoFactor.hint}`).count()).toBe(1);

    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/password isn't right/);
    await checkScreen(page, 'login-password');

    await page.getByLabel('Password', { exact: true }).fill(DEMO_ACCOUNTS.twoFactor.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('results').waitFor({ timeout: 20_000 });
    // Tomás's own, smaller world: Dana is his top correspondent.
    await expect.poll(() => rowTitles(page)).toContain('Dana Demo');
  });

  it('logs in by QR code when a phone scans the token through the DC', async () => {
    const { page } = await fresh('login');
    await page.getByRole('button', { name: 'Log in by QR code' }).click();
    const qr = page.getByTestId('qr');
    await qr.waitFor();
    const url = await qr.getAttribute('data-url');
    expect(url).toMatch(/^tg:\/\/login\?token=/);
    // The QR is drawn (dark modules as one path), not left empty.
    expect(((await qr.locator('path').getAttribute('d')) ?? '').length).toBeGreaterThan(200);
    await checkScreen(page, 'login-qr');

    const token = Buffer.from(new URL(url!).searchParams.get('token')!, 'base64url');
    local.world.scanLoginToken(token, DEMO_ACCOUNTS.main.phone);
    await page.getByTestId('results').waitFor({ timeout: 20_000 });
    await expect.poll(() => rowTitles(page)).toContain('Alice Johnson');
  });
});
