/**
 * The switcher itself, logged in as the demo's main account on the real core and local DC:
 * searching (translit and wrong layout included), every key of the keyboard map, the mouse and
 * its context menu, remove with undo, disable/enable, a change in the DC reaching the screen, a
 * NotModified refresh leaving the DOM untouched, and Settings' theme override.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserUnavailableReason } from '../browser.js';
import { AVATAR_COLORS, avatarColorIndex } from '../../../renderer/src/lib/avatar.js';
import {
  activeTitle,
  allowForABusyMachine,
  checkScreen,
  DEMO_ACCOUNTS,
  drawnAvatars,
  expectedCentre,
  highlightedIn,
  loggedInSuite,
  nextFrames,
  OVERSCAN,
  rowsInView,
  rowTitles,
  type AppUnderTest,
  type LocalDc,
} from './support.js';

allowForABusyMachine();
const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`[skip] renderer switcher tests: ${unavailable}`);

const MAIN = DEMO_ACCOUNTS.main.userId;
// Demo people are numbered from 100101 in the demo world's order.
const ALICE = { kind: 'user', id: 100_101n } as const;
const DIANA = { kind: 'user', id: 100_104n } as const;

describe.skipIf(unavailable !== null)('the switcher', () => {
  let local: LocalDc;
  let app: AppUnderTest;
  let page: Page;

  const suite = loggedInSuite();
  beforeAll(async () => {
    ({ local, app, page } = suite);
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  });

  const search = () => page.getByRole('combobox', { name: 'Search your frequent chats' });
  const selectedTab = () => page.locator('[role="tab"][aria-selected="true"]').innerText();
  /** Titles on screen listed as top peers: the All tab lists every other chat too, below them (chats.test.ts). */
  const topTitles = () => page.locator('[role="option"][data-section="top"] .title').allTextContents();
  const paneOpens = () => app.calls.filter((call) => call.channel === 'chat:open').map((call) => (call.args as { key: string }).key);
  const openCalls = () => app.calls.filter((call) => call.channel === 'peers:open').map((call) => call.args as { key: string; target: string });

  /**
   * Empties the field. Playwright's fill('') presses Delete, and Delete on an empty query is the
   * switcher's "remove this peer": only clear what is there.
   */
  async function clearQuery(): Promise<void> {
    if ((await search().inputValue()) !== '') await search().fill('');
    await search().focus();
  }

  async function typeQuery(text: string): Promise<void> {
    await clearQuery();
    await search().pressSequentially(text);
  }

  /** Waits until a refresh the UI started has come back (the refresh button stops spinning). */
  async function refreshThroughUi(): Promise<void> {
    const before = app.calls.filter((call) => call.channel === 'topPeers:refresh').length;
    await page.keyboard.press('Control+r');
    await expect.poll(() => app.calls.filter((call) => call.channel === 'topPeers:refresh').length).toBe(before + 1);
    await expect.poll(() => page.getByTestId('refresh').getAttribute('aria-busy'), { timeout: 10_000 }).toBe('false');
  }

  it('lists the account’s top peers with avatars, tabs with counts, and an accessible combobox', async () => {
    await expect.poll(async () => (await rowTitles(page)).length).toBeGreaterThan(40);
    const titles = await rowTitles(page);
    expect(titles).toEqual(expect.arrayContaining(['Alice Johnson', 'Иван Петров', 'Weather', 'TypeScript Devs', 'Telegram Tips']));
    // Photos arrive as data: URLs through peers:avatar and are drawn into each row's canvas;
    // peers without one get their initials on their colour. (Only the rows on screen exist: the
    // list is longer than the window.)
    expect(await page.locator('[role="option"]').count()).toBeLessThan(titles.length);
    const listed = (await app.router.handle('topPeers:get', {})) as { ok: true; value: { peers: Array<{ key: string; title: string; photoId?: string }> } };
    const onScreen = await drawnAvatars(page);
    const peerOf = (title: string) => listed.value.peers.find((peer) => peer.title === title)!;
    expect(onScreen.filter((avatar) => peerOf(avatar.title).photoId !== undefined).length).toBeGreaterThan(3);
    expect(onScreen.filter((avatar) => peerOf(avatar.title).photoId === undefined).length).toBeGreaterThan(0);
    const close = (actual: number[], expected: number[]) => actual.every((channel, index) => Math.abs(channel - expected[index]!) <= 12);
    for (const { title, side } of onScreen) {
      const peer = peerOf(title);
      const drawn = async () => (await drawnAvatars(page)).find((avatar) => avatar.title === title)!;
      if (peer.photoId !== undefined) {
        // Its own photo: the centre matches that photo decoded independently.
        const photo = (await app.router.handle('peers:avatar', { key: peer.key })) as { ok: true; value: { dataUrl: string } };
        const expected = await expectedCentre(page, photo.value.dataUrl, side);
        await expect.poll(async () => close((await drawn()).centre, expected), { message: title, timeout: 10_000 }).toBe(true);
      } else {
        // Its colour at the top of the circle, and white letters in it.
        const { top } = AVATAR_COLORS[avatarColorIndex(peer.key)]!;
        const rgb = [1, 3, 5].map((at) => parseInt(top.slice(at, at + 2), 16));
        const avatar = await drawn();
        expect(close(avatar.top.slice(0, 3), rgb), `${title}: ${avatar.top} against ${top}`).toBe(true);
        expect(avatar.white, title).toBeGreaterThan(side);
      }
    }
    // Tabs exist only for categories with peers, and count them.
    const tabs = await page.getByRole('tab').allInnerTexts();
    expect(tabs.map((tab) => tab.split('\n')[0]?.trim())).toEqual(['All', 'People', 'Bots', 'Apps', 'Inline', 'Groups', 'Channels', 'Calls']);
    expect(await page.getByRole('tab', { name: /^All/ }).innerText()).toContain(String(titles.length));
    // The combobox names its listbox and points at the selected option.
    await expect.poll(() => search().evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await search().getAttribute('aria-controls')).toBe('peer-list');
    expect(await activeTitle(page)).toBe(titles[0]);
    await expect.poll(() => page.getByTestId('live').textContent()).toBe(`${titles.length} results`);
    await checkScreen(page, 'switcher');
  });

  it('filters as you type: prefixes, @usernames, transliteration and the wrong keyboard layout', async () => {
    await typeQuery('ali');
    await expect.poll(() => rowTitles(page).then((titles) => titles[0])).toBe('Alice Johnson');
    // The matched letters are painted as a CSS highlight over the title's text.
    expect(await highlightedIn(page.locator('[role="option"]').first())).toEqual(['Ali']);
    // The tabs count the matches and the live region announces them, a moment after the rows show them.
    const aliMatches = (await rowTitles(page)).length;
    const aliAnnounced = aliMatches === 1 ? '1 result' : `${aliMatches} results`;
    await expect.poll(() => page.getByTestId('live').textContent()).toBe(aliAnnounced);
    await expect.poll(() => page.getByRole('tab', { name: /^All/ }).innerText()).toContain(String(aliMatches));
    // The live region speaks when typing pauses, not on every key.
    const heard = await page.evaluate(async () => {
      const live = document.querySelector('[data-testid="live"]')!;
      const before = live.textContent;
      const field = document.querySelector<HTMLInputElement>('[role="combobox"]')!;
      for (const text of ['al', 'a']) {
        field.value = text;
        field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
        await new Promise((done) => setTimeout(done, 50));
      }
      return { before, during: live.textContent };
    });
    expect(heard.before).toBe(aliAnnounced);
    expect(heard.during).toBe(heard.before);
    const aMatches = await page.getByRole('option').first().getAttribute('aria-setsize');
    expect(Number(aMatches)).toBeGreaterThan(aliMatches);
    await expect.poll(() => page.getByTestId('live').textContent()).toBe(`${aMatches} results`);

    await typeQuery('@wonder');
    await expect.poll(() => rowTitles(page).then((titles) => titles[0])).toBe('Diana Prince');

    await typeQuery('ivan');
    await expect.poll(() => rowTitles(page)).toContain('Иван Петров');

    await typeQuery('gfdtk'); // "павел" typed on a US layout
    await expect.poll(() => rowTitles(page).then((titles) => titles[0])).toBe('Павел');

    await typeQuery('ылнзу'); // "skype" typed on a Russian layout
    await expect.poll(() => rowTitles(page)).toEqual(expect.arrayContaining(['Skype Updates', 'Skype Bridge']));
    await checkScreen(page, 'switcher-search');

    await typeQuery('qqqzzzxxx');
    await expect.poll(() => page.getByTestId('state-no-results').count()).toBe(1);
    await expect.poll(() => page.getByTestId('live').textContent()).toBe('No results');
    await checkScreen(page, 'switcher-no-results');
    await clearQuery();
  });

  it('moves with ↑ ↓ PageUp PageDown Home End and opens with Enter, Ctrl+Enter and Alt+N', async () => {
    await clearQuery();
    await search().focus();
    await expect.poll(async () => (await rowTitles(page)).length).toBeGreaterThan(40);
    const titles = await rowTitles(page);
    expect(await activeTitle(page)).toBe(titles[0]);

    await page.keyboard.press('ArrowDown');
    expect(await activeTitle(page)).toBe(titles[1]);
    await page.keyboard.press('ArrowUp');
    expect(await activeTitle(page)).toBe(titles[0]);
    await page.keyboard.press('ArrowUp'); // stays on the first row
    expect(await activeTitle(page)).toBe(titles[0]);

    await page.keyboard.press('End');
    expect(await activeTitle(page)).toBe(titles.at(-1));
    // The selected row is scrolled into view.
    await expect.poll(() => page.locator('[role="option"][aria-selected="true"]').isVisible()).toBe(true);
    const lastBox = await page.locator('[role="option"][aria-selected="true"]').boundingBox();
    expect(lastBox!.y + lastBox!.height).toBeLessThanOrEqual(560);
    await page.keyboard.press('Home');
    expect(await activeTitle(page)).toBe(titles[0]);

    await page.keyboard.press('PageDown');
    const afterPage = titles.indexOf((await activeTitle(page))!);
    expect(afterPage).toBeGreaterThan(3);
    await page.keyboard.press('PageUp');
    expect(await activeTitle(page)).toBe(titles[0]);

    await page.keyboard.press('ArrowDown');
    // Enter opens the chat in TopSwitch's own pane; Esc comes back to the same row.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('chat-title').textContent()).toBe(titles[1]);
    expect(openCalls()).toEqual([]);
    const second = paneOpens().at(-1)!;
    await page.keyboard.press('Escape');
    await search().waitFor();
    expect(await activeTitle(page)).toBe(titles[1]);

    // Ctrl+Enter hands the chat to Telegram through the host.
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => openCalls().length).toBe(1);
    expect(openCalls()[0]).toEqual({ key: second, target: 'telegram' });
    await expect.poll(() => app.host.opened.length).toBe(1);

    await page.keyboard.press('Alt+3');
    await expect.poll(() => page.getByTestId('chat-title').textContent()).toBe(titles[2]);
    await page.keyboard.press('Escape');
    await search().waitFor();

    // Holding Alt shows which digit opens which row.
    await page.keyboard.down('Alt');
    await expect.poll(() => page.locator('[role="option"] .hint').allTextContents()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    await page.keyboard.up('Alt');
    await expect.poll(() => page.locator('[role="option"] .hint').count()).toBe(0);

    // Shift+F10 opens the selected row's menu from the keyboard; arrows walk it, Esc returns to the field.
    await page.keyboard.press('Shift+F10');
    await page.getByRole('menu').waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Open');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Open in Telegram');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('menu').count()).toBe(0);
    expect(await search().evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('switches categories with Tab, Shift+Tab and Ctrl+←/→, ranking each tab by its own category', async () => {
    await search().focus();
    expect(await selectedTab()).toMatch(/^All/);
    await page.keyboard.press('Tab');
    expect(await selectedTab()).toMatch(/^People/);
    // Focus stays in the search field: Tab switches tabs, it does not walk away.
    expect(await search().evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await selectedTab()).toMatch(/^Bots/);
    await expect.poll(() => rowTitles(page)).toEqual(expect.arrayContaining(['Weather', 'Reminders']));
    expect(await rowTitles(page)).not.toContain('Alice Johnson');
    await page.keyboard.press('Shift+Tab');
    expect(await selectedTab()).toMatch(/^People/);
    await page.keyboard.press('Control+ArrowRight');
    expect(await selectedTab()).toMatch(/^Bots/);
    await page.keyboard.press('Control+ArrowLeft');
    await page.keyboard.press('Control+ArrowLeft');
    expect(await selectedTab()).toMatch(/^All/);
    await page.keyboard.press('Shift+Tab'); // wraps around to the last tab
    expect(await selectedTab()).toMatch(/^Calls/);
    await checkScreen(page, 'switcher-calls-tab');
    await page.getByRole('tab', { name: /^All/ }).click();
    expect(await selectedTab()).toMatch(/^All/);
  });

  it('Esc clears the query first, then asks the main process to hide the window; window:shown focuses and selects', async () => {
    await typeQuery('ali');
    await page.keyboard.press('Escape');
    expect(await search().inputValue()).toBe('');
    expect(app.host.hidden).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => app.host.hidden).toBe(1);
    expect(app.channels()).toContain('window:hide');

    await typeQuery('bob');
    await page.getByRole('button', { name: 'Settings' }).focus();
    // The window goes away (hidden windows lose focus), then the hotkey brings it back.
    await page.evaluate(() => window.dispatchEvent(new Event('blur')));
    app.core.events.emit('window:shown', {});
    await expect.poll(() => search().evaluate((element) => element === document.activeElement)).toBe(true);
    const selection = await search().evaluate((element: HTMLInputElement) => [element.selectionStart, element.selectionEnd]);
    expect(selection).toEqual([0, 3]);
    await clearQuery();
  });

  it('letters typed before window:shown arrives (Wayland focuses the window first) are kept, and replace the old query', async () => {
    await typeQuery('bob');
    await page.evaluate(() => window.dispatchEvent(new Event('blur')));
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.keyboard.type('al');
    // Focus elsewhere first, so the field taking focus back proves the push was handled.
    await page.getByRole('button', { name: 'Settings' }).focus();
    app.core.events.emit('window:shown', {});
    await expect.poll(() => search().evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await search().inputValue()).toBe('al');
    expect(await search().evaluate((element: HTMLInputElement) => [element.selectionStart, element.selectionEnd])).toEqual([2, 2]);
    await clearQuery();
  });

  it('mouse: hover selects, click opens, the context menu opens in Telegram and copies the link', async () => {
    await clearQuery();
    const rows = page.locator('[role="option"]');
    await rows.nth(2).hover();
    expect(await activeTitle(page)).toBe((await rowTitles(page))[2]);
    await rows.nth(1).hover();
    expect(await activeTitle(page)).toBe((await rowTitles(page))[1]);

    const title = (await rowTitles(page))[1];
    await rows.nth(1).click();
    // A click opens the chat in the pane, as Enter does; Esc comes back to the field.
    await expect.poll(() => page.getByTestId('chat-title').textContent()).toBe(title);
    await page.keyboard.press('Escape');
    await expect.poll(() => search().evaluate((element) => element === document.activeElement)).toBe(true);

    await typeQuery('Diana');
    await page.locator('[role="option"]').first().click({ button: 'right' });
    const menu = page.getByRole('menu');
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allInnerTexts()).toEqual([
      expect.stringContaining('Open'),
      expect.stringContaining('Open in Telegram'),
      'Copy link',
      expect.stringContaining('Pin'),
      expect.stringContaining('Set alias'),
      expect.stringContaining('Hide from TopSwitch'),
      expect.stringContaining('Remove from suggestions'),
    ]);
    await checkScreen(page, 'switcher-context-menu');
    await menu.getByRole('menuitem', { name: /Open in Telegram/ }).click();
    await expect.poll(() => openCalls().at(-1)).toEqual({ key: `user:${DIANA.id}`, target: 'telegram' });

    await page.locator('[role="option"]').first().click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Copy link' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('Link copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('https://t.me/wonder_d');

    // "Remove from suggestions" in the menu is the same undoable removal as Delete.
    await page.locator('[role="option"]').first().click({ button: 'right' });
    await page.getByRole('menuitem', { name: /Remove from suggestions/ }).click();
    await page.getByTestId('undo-toast').waitFor();
    await expect.poll(topTitles).not.toContain('Diana Prince');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(topTitles).toContain('Diana Prince');

    // Esc closes the menu without clearing the query.
    await page.locator('[role="option"]').first().click({ button: 'right' });
    await page.getByRole('menu').waitFor();
    await page.keyboard.press('Escape');
    expect(await page.getByRole('menu').count()).toBe(0);
    expect(await search().inputValue()).toBe('Diana');
    await clearQuery();
  });

  it('Delete removes the selected peer with undo; only a removal left alone reaches Telegram', async () => {
    await typeQuery('Alice');
    await expect.poll(() => rowTitles(page).then((titles) => titles[0])).toBe('Alice Johnson');
    await page.keyboard.press('Delete');
    await expect.poll(topTitles).not.toContain('Alice Johnson');
    await page.getByTestId('undo-toast').waitFor();
    await checkScreen(page, 'switcher-undo');
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(topTitles).toContain('Alice Johnson');
    expect(app.channels()).not.toContain('topPeers:remove');

    // Ctrl+Z undoes too, while the toast is up.
    await page.keyboard.press('Delete');
    await expect.poll(topTitles).not.toContain('Alice Johnson');
    await page.keyboard.press('Control+z');
    await expect.poll(topTitles).toContain('Alice Johnson');

    // Left alone, the removal is sent when the undo window closes, and Telegram forgets her.
    await page.keyboard.press('Delete');
    await expect.poll(() => app.channels().includes('topPeers:remove'), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => local.world.rating(MAIN, ALICE, 'correspondents') ?? 0).toBe(0);
    await clearQuery();
    await refreshThroughUi();
    // She is no top peer any more; she stays findable among the chats.
    await typeQuery('Alice');
    await expect.poll(() => page.locator('[role="option"]').first().getAttribute('data-section')).toBe('chats');
    expect(await topTitles()).not.toContain('Alice Johnson');
    await clearQuery();
  });

  it('a NotModified refresh changes nothing in the list; a changed world does, after refresh', async () => {
    await clearQuery();
    await expect.poll(async () => (await rowTitles(page)).length).toBeGreaterThan(40);
    // (Photos arriving are drawn into canvases: no DOM changes of their own to wait for.)
    await page.evaluate(() => {
      const list = document.querySelector('[data-testid="results"]')!;
      const records: string[] = [];
      (window as unknown as { __mutations: string[] }).__mutations = records;
      new MutationObserver((batch) => batch.forEach((record) => records.push(`${record.type} ${(record.target as Element).nodeName}`))).observe(list, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    });
    const mutations = () => page.evaluate(() => (window as unknown as { __mutations: string[] }).__mutations.length);

    await refreshThroughUi();
    // Wait two frames so anything the refresh scheduled has been painted before counting.
    await nextFrames(page);
    expect(await page.evaluate(() => (window as unknown as { __mutations: string[] }).__mutations)).toEqual([]);

    // The same observer sees a real change: Diana renamed on Telegram's side.
    local.world.renamePeer(DIANA, { firstName: 'Diane', lastName: 'Prince-Wayne' });
    await refreshThroughUi();
    await expect.poll(() => rowTitles(page)).toContain('Diane Prince-Wayne');
    expect(await rowTitles(page)).not.toContain('Diana Prince');
    expect(await mutations()).toBeGreaterThan(0);
  });

  it('turning suggestions off shows the disabled state, and Enable brings the list back', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByTestId('settings').waitFor();
    await checkScreen(page, 'settings');
    await page.getByRole('switch', { name: /Suggest frequent contacts/ }).click();
    await expect.poll(() => local.world.account(MAIN).topPeersEnabled).toBe(false);
    await page.getByRole('button', { name: 'Back to the switcher' }).click();
    await page.getByTestId('state-disabled').waitFor();
    await checkScreen(page, 'switcher-disabled');

    await page.getByRole('button', { name: 'Turn on suggestions' }).click();
    await expect.poll(async () => (await rowTitles(page)).length, { timeout: 10_000 }).toBeGreaterThan(40);
    expect(local.world.account(MAIN).topPeersEnabled).toBe(true);
  });

  it('Settings pins a theme over the OS preference and follows the OS again on System', async () => {
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await page.keyboard.press('Control+,');
    await page.getByTestId('settings').waitFor();
    await page.getByLabel('Dark').check();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await background()).not.toBe(light);
    await page.getByLabel('System').check();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme ?? 'none')).toBe('none');
    expect(await background()).toBe(light);
    // Esc leaves Settings for the switcher.
    await page.keyboard.press('Escape');
    await page.getByTestId('results').waitFor();
  });

  it('virtualises a list of hundreds of peers and keeps the selection reachable', async () => {
    // The core asks for 50 per category: 50 new people in each of four categories (rated above
    // everyone else) make a list of well over 200 once deduplicated.
    const categories = ['correspondents', 'phoneCalls', 'botsPm', 'botsInline'] as const;
    categories.forEach((category, group) => {
      for (let index = 0; index < 50; index++) {
        const id = 900_000n + BigInt(group * 100 + index);
        local.world.addUser({ id, firstName: `Member ${group * 100 + index}`, lastName: 'Virtual' });
        local.world.setRating(MAIN, { kind: 'user', id }, category, 100 + index);
      }
    });
    await refreshThroughUi();
    await expect.poll(() => page.locator('[role="option"]').first().getAttribute('aria-setsize'), { timeout: 10_000 }).not.toBe(null);
    const total = Number(await page.locator('[role="option"]').first().getAttribute('aria-setsize'));
    expect(total).toBeGreaterThan(200);
    expect(await page.locator('[role="option"]').count()).toBeLessThan(40);

    // A keystroke's frame renders only the rows in view; the overscan below follows when idle.
    const typed = await page.evaluate(async () => {
      const field = document.querySelector<HTMLInputElement>('[role="combobox"]')!;
      field.value = 'virtual';
      field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
      // Svelte applies the change in a microtask: these run after it and before any task,
      // rendering step or idle callback.
      for (let turn = 0; turn < 5; turn++) await Promise.resolve();
      const rows = document.querySelectorAll('[role="option"]').length;
      const viewport = document.querySelector('[data-testid="results"]')!.parentElement!.clientHeight;
      return { rows, viewport };
    });
    const inView = rowsInView(typed.viewport);
    expect(typed.rows).toBe(inView);
    await expect.poll(() => page.locator('[role="option"]').count()).toBe(inView + OVERSCAN);
    expect(await page.locator('[role="option"]').first().getAttribute('aria-setsize')).toBe('200');
    await clearQuery();
    await page.keyboard.press('End');
    expect(await page.locator('[role="option"][aria-selected="true"]').getAttribute('aria-posinset')).toBe(String(total));
    expect(await activeTitle(page)).not.toBe(null);
    expect(await page.locator('[role="option"]').count()).toBeLessThan(40);
    await checkScreen(page, 'switcher-long-list');
  });

  it('Settings saves through the core: hotkey, refresh interval, launch at login and categories', async () => {
    await page.keyboard.press('Control+,');
    await page.getByTestId('settings').waitFor();
    const hotkey = page.getByLabel('Shortcut to open TopSwitch');
    await hotkey.focus();
    expect(await hotkey.inputValue()).toBe('Press the new shortcut…');
    await page.keyboard.press('Control+Shift+J');
    await expect.poll(() => app.host.hotkeys).toEqual(['CommandOrControl+Shift+J']);
    expect(await hotkey.inputValue()).toBe('Ctrl+Shift+J');

    await page.getByLabel('Refresh the list').selectOption('60');
    await page.getByRole('switch', { name: 'Open at login' }).click();
    await expect.poll(() => app.host.launchAtLogin).toEqual([true]);
    await page.getByRole('checkbox', { name: 'People you forward to' }).check();
    const settings = await app.router.handle('settings:get', {});
    expect(settings).toMatchObject({ ok: true, value: { hotkey: 'CommandOrControl+Shift+J', refreshIntervalMinutes: 60, launchAtLogin: true } });
    expect((settings as { value: { categories: string[] } }).value.categories).toContain('forward_users');

    // The new category is fetched (hash 0) and gets its tab.
    await page.getByRole('button', { name: 'Back to the switcher' }).click();
    await expect.poll(() => page.getByRole('tab', { name: /^Forwarded/ }).count(), { timeout: 10_000 }).toBe(1);
  });

  it('logs out from Settings after a confirmation, back to the login screen', async () => {
    await page.keyboard.press('Control+,');
    await page.getByTestId('settings').waitFor();
    expect(await page.getByTestId('version').textContent()).toBe('Version 0.1.0-e2e');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('group', { name: 'Confirm log out' }).getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Phone number').waitFor();
    expect(app.channels()).toContain('session:logout');
  });
});
