/**
 * Two accounts in one switcher, in real Chromium against the real core and one local DC: Dana
 * signs in, Tomás is added from Settings through the same login screens, the list merges both
 * with each row marked by its account, Alt+A narrows it to one account, Enter opens a chat as the
 * account it came from, and logging out of Tomás leaves Dana's list as a single account's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserUnavailableReason, launchChromium, serveRenderer } from '../browser.js';
import { allowForABusyMachine, checkScreen, DEMO_ACCOUNTS, loginThroughUi, openApp, startLocalDc, type AppUnderTest, type LocalDc } from './support.js';

allowForABusyMachine();
const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`[skip] renderer accounts tests: ${unavailable}`);

/** The account of every row in the DOM: its mark's number, or 0 for a row with no mark. */
const rowAccounts = (page: Page): Promise<number[]> =>
  page.$$eval('[data-testid="results"] [role="option"]', (rows) => rows.map((row) => Number(row.querySelector('.account-mark')?.getAttribute('data-account') ?? 0)));


describe.skipIf(unavailable !== null)('several accounts in the switcher', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveRenderer>>;
  let local: LocalDc;
  let app: AppUnderTest;

  beforeAll(async () => {
    [browser, server, local] = await Promise.all([launchChromium(), serveRenderer(), startLocalDc()]);
    app = await openApp(browser, server.url, local, { mode: 'login' });
    await app.page.getByLabel('Phone number').waitFor();
    await loginThroughUi(app.page);
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await server?.close();
    await local?.close();
  });

  it('one account: rows carry no account mark and there is no account filter', async () => {
    const { page } = app;
    await expect.poll(async () => (await rowAccounts(page)).length).toBeGreaterThan(5);
    expect(new Set(await rowAccounts(page))).toEqual(new Set([0]));
    expect(await page.getByTestId('account-filter').count()).toBe(0);
  });

  it('adds a second account from Settings through the login screens, and merges both lists', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByTestId('add-account').click();
    await page.getByTestId('adding-account').waitFor();
    await page.getByLabel('Phone number').fill(`+${DEMO_ACCOUNTS.twoFactor.phone}`);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Code').fill(DEMO_ACCOUNTS.twoFactor.code);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_ACCOUNTS.twoFactor.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('results').waitFor({ timeout: 20_000 });
    await expect.poll(async () => new Set(await rowAccounts(page)), { timeout: 20_000 }).toEqual(new Set([1, 2]));
    // Dana is Tomás's top correspondent: her chat from his account is a row of its own, marked "T".
    const danaFromTomas = page.locator(`[id="option-user-${DEMO_ACCOUNTS.main.userId}@2"]`);
    await danaFromTomas.scrollIntoViewIfNeeded().catch(() => undefined);
    await page.getByRole('combobox').fill('Dana');
    await expect.poll(() => danaFromTomas.locator('.account-mark').textContent()).toBe('T');
    expect(await danaFromTomas.locator('.account-mark').getAttribute('aria-label')).toBe('Account: Tomás Segundo');
    await page.getByRole('combobox').fill('');
    await checkScreen(page, 'switcher-two-accounts');
  });

  it('Alt+A narrows the list to one account at a time, then back to all', async () => {
    const { page } = app;
    await page.getByRole('combobox').focus();
    await page.keyboard.press('Alt+KeyA');
    await expect.poll(async () => new Set(await rowAccounts(page))).toEqual(new Set([1]));
    await expect.poll(() => page.getByTestId('account-filter').textContent()).toContain('Dana Demo');
    await page.keyboard.press('Alt+KeyA');
    await expect.poll(async () => new Set(await rowAccounts(page))).toEqual(new Set([2]));
    await checkScreen(page, 'switcher-one-of-two-accounts');
    // Enter opens the first row in the pane as the account it came from: its key names account 2,
    // and the pane says who is writing.
    await page.keyboard.press('Enter');
    await expect.poll(() => app.calls.filter((call) => call.channel === 'chat:open').length).toBe(1);
    const inPane = app.calls.find((call) => call.channel === 'chat:open')!.args as { key: string };
    expect(inPane.key).toMatch(/@2$/);
    const writingAs = page.getByTestId('writing-as');
    await writingAs.waitFor();
    expect(await writingAs.getAttribute('data-account')).toBe('2');
    expect(await writingAs.textContent()).toMatch(/Writing as \S/);
    expect(await writingAs.textContent()).not.toContain('Dana Demo');
    await checkScreen(page, 'chat-pane-second-account');
    // Ctrl+Enter hands it to Telegram, still as account 2.
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => app.calls.filter((call) => call.channel === 'peers:open').length).toBe(1);
    const opened = app.calls.find((call) => call.channel === 'peers:open')!.args as { key: string };
    expect(opened.key).toMatch(/@2$/);
    await expect.poll(() => app.host.opened.length).toBe(1);
    await page.keyboard.press('Escape');
    await page.getByRole('combobox').waitFor();
    await page.keyboard.press('Alt+KeyA');
    await expect.poll(async () => new Set(await rowAccounts(page))).toEqual(new Set([1, 2]));
  });

  it('logs out of one account from Settings; the other keeps its list, unmarked again', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => page.getByTestId('account-row').count()).toBe(2);
    await checkScreen(page, 'settings-two-accounts');
    await page.getByRole('button', { name: 'Log out of Tomás Segundo' }).click();
    await page.getByRole('group', { name: 'Confirm log out of Tomás Segundo' }).getByRole('button', { name: 'Log out' }).click();
    await expect.poll(() => page.getByTestId('account-row').count()).toBe(0);
    expect(app.core.api.listAccounts().accounts.map((account) => account.id)).toEqual([1]);
    await page.getByRole('button', { name: 'Back to the switcher' }).click();
    await expect.poll(async () => new Set(await rowAccounts(page))).toEqual(new Set([0]));
    expect(await page.getByTestId('account-filter').count()).toBe(0);
  });
});
