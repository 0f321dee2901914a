/**
 * The chat pane while its history is on its way, in Chromium on the real core and local DC: the
 * pane says it is loading from the first frame, and its placeholder rows follow only once the
 * load has taken a moment (a cache that answers at once never flashes them). A chat the renderer
 * kept opens with its messages and no loading state at all.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserUnavailableReason } from '../browser.js';
import { allowForABusyMachine, checkScreen, loggedInSuite, openChatFromSwitcher, type LocalDc } from './support.js';

allowForABusyMachine();
const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`[skip] renderer chat loading tests: ${unavailable}`);

/** What the page has shown of loading: each loading region, whether it had rows when it first appeared, and every set of rows. */
interface Noted {
  bareAtFirst: boolean[];
  skeletons: number;
}

describe.skipIf(unavailable !== null)('the chat pane while the history loads', () => {
  let local: LocalDc;
  let page: Page;
  // A history held back outlives a busy machine's checks: the core must not give up on it first.
  const suite = loggedInSuite({ invokeTimeoutMs: 60_000 });
  beforeAll(() => {
    ({ local, page } = suite);
  });

  const search = () => page.getByRole('combobox', { name: 'Search your frequent chats' });
  const noted = () => page.evaluate(() => (window as unknown as { noted(): Noted }).noted());

  const openChat = (query: string, title: string) => openChatFromSwitcher(page, query, title);

  it('says it is loading at once, shows placeholder rows only after a moment, and none for a chat the renderer kept', async () => {
    // Every loading region and placeholder the page adds is noted from the moment it exists.
    await page.evaluate(() => {
      const regions = new WeakSet<Element>();
      const skeletons = new Set<Element>();
      const bareAtFirst: boolean[] = [];
      new MutationObserver(() => {
        const loading = document.querySelector('[data-testid="chat-loading"]');
        const skeleton = loading?.querySelector('[data-testid="skeleton"]');
        if (loading && !regions.has(loading)) (regions.add(loading), bareAtFirst.push(!skeleton));
        if (skeleton) skeletons.add(skeleton);
      }).observe(document.body, { childList: true, subtree: true });
      (window as unknown as { noted(): Noted }).noted = () => ({ bareAtFirst: [...bareAtFirst], skeletons: skeletons.size });
    });
    let release = () => {};
    local.dc.faults.inject('messages.GetHistory', { kind: 'hold', until: new Promise<void>((done) => (release = done)) });
    try {
      await openChat('hugo er', 'Hugo Eriksen');
      expect(await page.getByTestId('chat-loading').getAttribute('aria-busy')).toBe('true');
      await page.getByTestId('chat-loading').getByTestId('skeleton').waitFor();
      // The region came first, without rows; the rows followed it.
      expect(await noted()).toEqual({ bareAtFirst: [true], skeletons: 1 });
      await checkScreen(page, 'chat-loading');
    } finally {
      release();
    }
    await page.getByTestId('message').first().waitFor();
    expect(await page.getByTestId('chat-loading').count()).toBe(0);
    await page.keyboard.press('Escape');
    await search().waitFor();

    // Kept by the renderer: its messages are there before the core answers, with no loading region at all.
    await openChat('hugo er', 'Hugo Eriksen');
    await page.getByTestId('message').first().waitFor();
    expect(await noted()).toEqual({ bareAtFirst: [true], skeletons: 1 });
  });
});
