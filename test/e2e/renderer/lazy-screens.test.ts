/**
 * Screens the switcher's start does not show (the chat pane, Settings, the login steps) come as
 * code of their own, loaded when needed or while the page is idle. One that cannot be loaded says
 * so (Esc goes back, and the chat opened for it is closed), and Try again reloads the page (the
 * browser keeps a failed module's failure until then): the app comes back logged in, and the
 * chat then opens.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { browserUnavailableReason } from '../browser.js';
import { activeTitle, allowForABusyMachine, checkScreen, loggedInSuite, type AppUnderTest } from './support.js';

allowForABusyMachine();
const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`[skip] renderer lazy screen tests: ${unavailable}`);

describe.skipIf(unavailable !== null)('screens loaded on demand', () => {
  /** Requests for the chat pane's code, and whether they are refused (a file missing from the install). */
  const paneRequests: string[] = [];
  let refuse = true;
  const suite = loggedInSuite({
    beforeLoad: async (opened) => {
      await opened.route(/\/assets\/ChatPane-[^/]+\.js$/, (route: Route) => {
        paneRequests.push(route.request().url());
        return refuse ? route.fulfill({ status: 404, body: '' }) : route.continue();
      });
    },
  });
  let app: AppUnderTest;
  let page: Page;
  beforeAll(() => {
    ({ app, page } = suite);
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
