/**
 * Screens the switcher's start does not show (the chat pane, Settings, the login steps) come as
 * code of their own, loaded when needed or while the page is idle. One that cannot be loaded says
 * so (Esc goes back, and the chat opened for it is closed), and Try again reloads the page (the
 * browser keeps a failed module's failure until then): the app comes back logged in, and the
 * chat then opens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import { browserUnavailableReason, launchChromium, serveRenderer } from '../browser.js';
import { activeTitle, allowForABusyMachine, checkScreen, loginThroughUi, openApp, startLocalDc, type AppUnderTest, type LocalDc } from './support.js';

allowForABusyMachine();
const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`[skip] renderer lazy screen tests: ${unavailable}`);

describe.skipIf(unavailable !== null)('screens loaded on demand', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveRenderer>>;
  let local: LocalDc;
  let app: AppUnderTest;
  let page: Page;
  /** Requests for the chat pane's code, and whether they are refused (a file missing from the install). */
  const paneRequests: string[] = [];
  let refuse = true;

  beforeAll(async () => {
    [browser, server, local] = await Promise.all([launchChromium(), serveRenderer(), startLocalDc()]);
    app = await openApp(browser, server.url, local, {
      mode: 'login',
      beforeLoad: async (opened) => {
        await opened.route(/\/assets\/ChatPane-[^/]+\.js$/, (route: Route) => {
          paneRequests.push(route.request().url());
          return refuse ? route.fulfill({ status: 404, body: '' }) : route.continue();
        });
      },
    });
    page = app.page;
    page.setDefaultTimeout(20_000);
    await loginThroughUi(page);
  });
  afterAll(async () => {
    await app?.close();
    await browser?.close();
    await server?.close();
    await local?.close();
  });

  it('fetches the chat pane once the list is up, says so when it cannot, and Try again brings it', async () => {
    // Asked for while idle after the list showed, before any Enter.
    await expect.poll(() => paneRequests.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const search = page.getByRole('combobox', { name: 'Search your frequent chats' });
    await search.pressSequentially('olivia lo');
    await expect.poll(() => activeTitle(page)).toBe('Olivia Long');
    await page.keyboard.press('Enter');
    await page.getByTestId('screen-error').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain("This screen couldn't be opened");
    await checkScreen(page, 'screen-error');
    // Try again has the focus; Esc goes back to the switcher, and the core hears the chat closed.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Try again');
    await page.keyboard.press('Escape');
    await search.waitFor();
    await expect.poll(() => app.calls.filter((call) => call.channel === 'chat:close').map((call) => call.args)).toEqual([{ key: 'user:100201' }]);

    await page.keyboard.press('Enter');
    await page.getByTestId('screen-error').waitFor();
    refuse = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    // The reload lands on the switcher, logged in (the session is the main process's).
    await search.waitFor();
    await search.pressSequentially('olivia lo');
    await expect.poll(() => activeTitle(page)).toBe('Olivia Long');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('chat-title').textContent()).toBe('Olivia Long');
    await expect.poll(() => page.getByTestId('message').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('screen-error').count()).toBe(0);
  });
});
