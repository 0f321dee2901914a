/**
 * The switcher's one list beyond top peers, in Chromium on the real core and local DC: sections
 * (Top, then Chats), Telegram's global search after a pause (and never for short queries), opening
 * a chat that is not a top peer, and the user's own pins (Ctrl+1..9), aliases and hidden chats.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserUnavailableReason } from '../browser.js';
import { allowForABusyMachine, loggedInSuite, rowTitles, type AppUnderTest } from './support.js';

allowForABusyMachine();
const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`[skip] renderer chat-list tests: ${unavailable}`);

describe.skipIf(unavailable !== null)('the switcher beyond top peers', () => {
  let app: AppUnderTest;
  let page: Page;

  const suite = loggedInSuite();
  beforeAll(() => {
    ({ app, page } = suite);
  });

  const search = () => page.getByRole('combobox', { name: 'Search your frequent chats' });
  /** Chats opened in the pane (Enter, Ctrl+1..9); each visit ends back in the switcher. */
  const opened = () => app.calls.filter((call) => call.channel === 'chat:open').map((call) => (call.args as { key: string }).key);
  async function backToSwitcher(): Promise<void> {
    await page.getByTestId('chat-pane').waitFor();
    await page.keyboard.press('Escape');
    await search().waitFor();
  }
  const searches = () => app.calls.filter((call) => call.channel === 'chats:search').map((call) => (call.args as { query: string }).query);
  /** [section, title] of the rows on screen, in order. */
  const rows = () =>
    page.locator('[role="option"]').evaluateAll((options) =>
      options
        .sort((a, b) => Number((a as HTMLElement).dataset.index) - Number((b as HTMLElement).dataset.index))
        .map((option) => [(option as HTMLElement).dataset.section ?? '', option.querySelector('.title')?.textContent ?? '']),
    );

  async function typeQuery(text: string): Promise<void> {
    if ((await search().inputValue()) !== '') await search().fill('');
    await search().focus();
    await search().pressSequentially(text);
  }

  it('lists top peers first, then the rest of the chats, each section labelled', async () => {
    await expect.poll(async () => (await rowTitles(page)).length).toBeGreaterThan(100);
    const titles = await rowTitles(page);
    expect(titles).toEqual(expect.arrayContaining(['Alice Johnson', 'Oscar Lindgren', 'Rust Weekly']));
    expect(titles.indexOf('Oscar Lindgren')).toBeGreaterThan(titles.indexOf('Alice Johnson'));
    const onScreen = await rows();
    expect(onScreen[0]![0]).toBe('top');
    expect(await page.getByTestId('section-start').first().textContent()).toBe('Top');
    // Each chat once: a top peer is not listed again under Chats.
    expect(new Set(titles.filter((title) => title)).size).toBe(titles.filter((title) => title).length);
  });

  it('finds and opens a chat that is not a top peer', async () => {
    await typeQuery('oscar lind');
    await expect.poll(rows).toEqual([['chats', 'Oscar Lindgren']]);
    expect(await page.locator('[data-section="chats"] [data-testid="section-start"]').textContent()).toBe('Chats');
    await page.keyboard.press('Enter');
    await expect.poll(opened).toContain('user:100401');
    await backToSwitcher();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => app.host.opened.at(-1)).toBe('tg://resolve?domain=oscar_0');
  });

  it('asks Telegram only from three letters, after a pause, and lists its results last as Global', async () => {
    // Only this test's queries: the query kept from the last visit may still be asked for once its pause ends.
    const mine = () => searches().filter((query) => query.startsWith('an'));
    expect(mine()).toEqual([]);
    await typeQuery('an');
    await page.waitForTimeout(800);
    expect(mine()).toEqual([]);
    await search().pressSequentially('na');
    await expect.poll(async () => (await rows()).filter(([section]) => section === 'global').map(([, title]) => title)).toEqual(
      expect.arrayContaining(['Anna Global', 'Annapurna Trekking']),
    );
    // One call for the query as it stood when typing paused, not one per key.
    expect(mine()).toEqual(['anna']);
    const sections = (await rows()).map(([section]) => section);
    expect(sections.indexOf('global')).toBeGreaterThan(Math.max(sections.lastIndexOf('top'), sections.lastIndexOf('chats')));
    // A changed query drops the old answer at once: Global rows are only ever for what is typed.
    await search().pressSequentially('purna');
    await expect.poll(rows).toEqual([['global', 'Annapurna Trekking']]);
    await page.keyboard.press('Enter');
    await expect.poll(opened).toContain('channel:1000009003');
    await backToSwitcher();
  });

  it('pins chats (menu and key): pins come first and Ctrl+1..9 opens them', async () => {
    await typeQuery('oscar lind');
    await expect.poll(rows).toEqual([['chats', 'Oscar Lindgren']]);
    await page.locator('[role="option"]').first().click({ button: 'right' });
    await page.getByRole('menuitem', { name: /^Pin/ }).click();
    await typeQuery('rust weekly');
    await expect.poll(async () => (await rows())[0]).toEqual(['chats', 'Rust Weekly']);
    await page.keyboard.press('Control+p');
    await search().fill('');
    await expect.poll(async () => (await rows()).slice(0, 2)).toEqual([
      ['pinned', 'Oscar Lindgren'],
      ['pinned', 'Rust Weekly'],
    ]);
    expect(await page.getByTestId('section-start').first().textContent()).toBe('Pinned');
    const before = opened().length;
    await page.keyboard.press('Control+2');
    await expect.poll(() => opened().slice(before)).toEqual(['channel:1000004001']);
    await backToSwitcher();
    await page.keyboard.press('Control+1');
    await expect.poll(() => opened().slice(before)).toEqual(['channel:1000004001', 'user:100401']);
    await backToSwitcher();
    // Pins survive a reload: they are kept on this device.
    await page.reload();
    await expect.poll(async () => (await rows()).slice(0, 2).map(([, title]) => title)).toEqual(['Oscar Lindgren', 'Rust Weekly']);
  });

  it('matches an alias first, and hides a chat from TopSwitch with undo', async () => {
    await typeQuery('rust weekly');
    await expect.poll(async () => (await rows())[0]?.[1]).toBe('Rust Weekly');
    await page.keyboard.press('F2');
    const dialog = page.getByTestId('alias-dialog');
    await dialog.getByRole('textbox', { name: 'Alias' }).fill('crab');
    await dialog.getByRole('textbox', { name: 'Alias' }).press('Enter');
    await typeQuery('crab');
    await expect.poll(async () => (await rows())[0]).toEqual(['alias', 'Rust Weekly']);

    // Pinned in the test before: hiding takes it out of the pins' section too.
    await typeQuery('oscar lind');
    await expect.poll(rows).toEqual([['pinned', 'Oscar Lindgren']]);
    await page.keyboard.press('Shift+Delete');
    await expect.poll(rows).toEqual([]);
    await expect.poll(() => page.getByTestId('hide-undo-toast').textContent()).toContain('Oscar Lindgren');
    await page.keyboard.press('Control+z');
    await expect.poll(rows).toEqual([['pinned', 'Oscar Lindgren']]);
    // Hiding is TopSwitch's alone: Telegram was not asked to do anything.
    expect(app.calls.some((call) => call.channel === 'topPeers:remove')).toBe(false);
  });

  it('lists the hidden chats in Settings, where the keyboard unhides them', async () => {
    await typeQuery('oscar lind');
    await expect.poll(rows).toEqual([['pinned', 'Oscar Lindgren']]);
    await page.keyboard.press('Shift+Delete');
    await expect.poll(rows).toEqual([]);
    await page.getByRole('button', { name: 'Settings' }).click();
    const hidden = page.getByTestId('hidden-chats');
    await expect.poll(() => hidden.getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('Oscar Lindgren')]);
    // Reached with Tab from the Settings controls before it, and pressed with Enter.
    const unhide = hidden.getByRole('button', { name: 'Unhide Oscar Lindgren' });
    for (let tabs = 0; tabs < 30 && !(await unhide.evaluate((button) => button === document.activeElement)); tabs++) await page.keyboard.press('Tab');
    await expect.poll(() => unhide.evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => hidden.getByRole('listitem').count()).toBe(0);
    // The keyboard stays in the section, and the unhide is kept on this device.
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="hidden-chats"]') !== null)).toBe(true);
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('topswitch.yours.v1') ?? '{}').hidden)).toEqual([]);
    await page.keyboard.press('Escape');
    await typeQuery('oscar lind');
    await expect.poll(rows).toEqual([['pinned', 'Oscar Lindgren']]);
  });

  it('undoes wrong-layout typing for the keyboard layouts Chromium reports', async () => {
    // Headless Chromium has a real layout map: a Latin one, which tells nothing, so both Russian
    // and Ukrainian slips are undone. "'dutysz" is "євгенія" on the Ukrainian layout's keys.
    const map = await page.evaluate(async () => {
      const keyboard = (navigator as Navigator & { keyboard?: { getLayoutMap(): Promise<Map<string, string>> } }).keyboard;
      return keyboard ? (await keyboard.getLayoutMap()).get('KeyS') : null;
    });
    expect(map).toBe('s');
    const evgenia = async () => (await rows()).some(([, title]) => (title ?? '').startsWith('Євгенія'));
    await typeQuery("'dutysz");
    await expect.poll(evgenia).toBe(true);
    // The OS layout cannot be switched from here: a page script stands in for a machine whose
    // only Cyrillic layout is Russian (its s key types ы). There, the same keys spell "эвгеныя".
    await page.addInitScript(() => {
      const russian = new Map([['KeyQ', 'й'], ['KeyS', 'ы'], ['Quote', 'э']]);
      Object.defineProperty(Navigator.prototype, 'keyboard', { configurable: true, get: () => ({ getLayoutMap: async () => russian }) });
    });
    await page.reload();
    await expect.poll(async () => (await rowTitles(page)).length).toBeGreaterThan(100);
    await typeQuery("'dutysz");
    await expect.poll(async () => (await rows()).length).toBe(0);
    expect(await evgenia()).toBe(false);
    // A Russian slip is still undone: "jktrc" is "олекс".
    await typeQuery('jktrc');
    await expect.poll(async () => (await rows()).some(([, title]) => (title ?? '').startsWith('Олександр'))).toBe(true);
  });
});
