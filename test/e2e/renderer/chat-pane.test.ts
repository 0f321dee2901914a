/**
 * The chat pane in Chromium on the real core and local DC: Enter on a switcher row opens it, the
 * history shows, a sent message echoes, messages the DC pushes (new, edited, deleted) appear, a
 * text that looks like HTML stays text, Esc goes back with the query kept and Ctrl+Enter still
 * hands the chat to Telegram. Every state is checked with axe and pictured in both themes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserUnavailableReason } from '../browser.js';
import { DEMO_CHATS } from '../../../electron/local-dc/world/index.js';
import { activeTitle, allowForABusyMachine, checkScreen, DEMO_ACCOUNTS, loggedInSuite, openChatFromSwitcher, type AppUnderTest, type LocalDc } from './support.js';

allowForABusyMachine();
const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`[skip] renderer chat pane tests: ${unavailable}`);

const MAIN = DEMO_ACCOUNTS.main.userId;
const OLIVIA = { kind: 'user', id: DEMO_CHATS.long.id } as const;

describe.skipIf(unavailable !== null)('the chat pane', () => {
  let local: LocalDc;
  let app: AppUnderTest;
  let page: Page;
  const dialogs: string[] = [];

  const suite = loggedInSuite();
  beforeAll(() => {
    ({ local, app, page } = suite);
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  const search = () => page.getByRole('combobox', { name: 'Search your frequent chats' });
  const pane = () => page.getByTestId('chat-pane');
  const composer = () => page.getByRole('textbox', { name: 'Message' });
  const texts = () => page.getByTestId('message').locator('.text').allTextContents();
  const calls = (channel: string) => app.calls.filter((call) => call.channel === channel).map((call) => call.args as Record<string, unknown>);

  const openChat = (query: string, title: string) => openChatFromSwitcher(page, query, title);

  /** Whether the element's bottom edge is inside the message list's viewport. */
  async function bottomInView(element: Locator): Promise<boolean> {
    const [box, list] = await Promise.all([element.boundingBox(), page.getByTestId('messages').boundingBox()]);
    return !!box && !!list && box.y + box.height <= list.y + list.height + 1 && box.y + box.height > list.y;
  }

  async function back(): Promise<void> {
    await page.keyboard.press('Escape');
    await search().waitFor();
  }

  it('opens with Enter, shows the history with its header, and goes back with Esc keeping the query', async () => {
    await openChat('olivia lo', 'Olivia Long');
    expect(calls('chat:open')).toEqual([{ key: 'user:100201', use: true }]);
    expect(calls('peers:open')).toEqual([]);
    // Opening in the pane counts as use for the ranking, as opening in Telegram does (Telegram's local rule).
    // It is counted once the chat's first fetch has settled.
    await expect.poll(() => app.core.api.getTopPeers().peers.find((peer) => peer.key === 'user:100201')?.lastOpenedAt ?? 0).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('message').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('chat-about').textContent()).toBe('online');
    // The newest message is in view, and the one edited in the demo says so.
    await expect.poll(texts).toContain('This one was edited ✏️');
    const edited = page.getByTestId('message').filter({ hasText: 'This one was edited' });
    expect(await edited.locator('.edited').textContent()).toBe('edited');
    // Own messages the peer read carry the read tick; the last two own ones may not.
    expect(await page.locator('[data-testid="message"] [aria-label="Read"]').count()).toBeGreaterThan(0);
    expect(await page.getByRole('region', { name: 'Messages' }).isVisible()).toBe(true);
    await expect.poll(() => composer().evaluate((element) => element === document.activeElement)).toBe(true);
    // The composer is one row: the field takes the width, the send button sits at its end.
    const [field, send, whole] = await Promise.all([composer().boundingBox(), page.getByRole('button', { name: 'Send' }).boundingBox(), pane().boundingBox()]);
    expect(field!.width).toBeGreaterThan(whole!.width * 0.7);
    expect(send!.x).toBeGreaterThanOrEqual(field!.x + field!.width);
    expect(send!.y).toBeLessThan(field!.y + field!.height);
    await checkScreen(page, 'chat-pane');

    await back();
    expect(await search().inputValue()).toBe('olivia lo');
    expect(await activeTitle(page)).toBe('Olivia Long');
    expect(calls('chat:close')).toEqual([{ key: 'user:100201' }]);
  });

  it('Ctrl+Enter on a row still hands the chat to Telegram', async () => {
    await expect.poll(() => activeTitle(page)).toBe('Olivia Long');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => calls('peers:open')).toEqual([{ key: 'user:100201', target: 'telegram' }]);
    expect(await pane().count()).toBe(0);
    await expect.poll(() => app.host.opened.at(-1)).toBe('tg://resolve?domain=olivia_long');
  });

  it('pages older messages as the list scrolls up', async () => {
    await openChat('olivia lo', 'Olivia Long');
    await expect.poll(() => page.getByTestId('message').count()).toBeGreaterThan(3);
    const before = calls('chat:older').length;
    await page.getByTestId('messages').evaluate((element) => (element.scrollTop = 0));
    await expect.poll(() => calls('chat:older').length).toBeGreaterThan(before);
    // The list kept its place: the older page went in above the rows in view instead of showing at the top.
    await expect.poll(() => page.getByTestId('messages').evaluate((list) => list.scrollTop)).toBeGreaterThan(500);
    await expect.poll(() => page.getByTestId('to-bottom').isVisible()).toBe(true);
    await page.getByTestId('to-bottom').click();
    await expect.poll(() => page.getByTestId('to-bottom').count()).toBe(0);
  });

  it('sends with Enter and shows the echo; Shift+Enter is a new line', async () => {
    await composer().focus();
    await page.keyboard.type('Hello from the pane');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('second line');
    await page.keyboard.press('Enter');
    await expect.poll(texts).toContain('Hello from the pane\nsecond line');
    expect(await composer().inputValue()).toBe('');
    expect(calls('chat:send').at(-1)).toEqual({ key: 'user:100201', text: 'Hello from the pane\nsecond line' });
    const sent = page.getByTestId('message').filter({ hasText: 'second line' });
    await expect.poll(() => sent.locator('.tick').getAttribute('aria-label')).toBe('Sent');
    const stored = local.world.account(MAIN).dialogs.get('user:100201' as `user:${string}`)!.messages.at(-1)!;
    expect(stored.text).toBe('Hello from the pane\nsecond line');
    // The peer reads it: the tick turns to "Read".
    local.world.peerReads(MAIN, OLIVIA, stored.id);
    await expect.poll(() => sent.locator('.tick').getAttribute('aria-label')).toBe('Read');
  });

  it('Up in an empty composer edits the last own message', async () => {
    await composer().focus();
    await page.keyboard.press('ArrowUp');
    expect(await composer().inputValue()).toBe('Hello from the pane\nsecond line');
    await composer().fill('Hello, edited in the pane');
    await page.keyboard.press('Enter');
    await expect.poll(texts).toContain('Hello, edited in the pane');
    expect(calls('chat:edit').at(-1)).toMatchObject({ key: 'user:100201', text: 'Hello, edited in the pane' });
    expect(await composer().inputValue()).toBe('');
  });

  it('shows a message the DC pushes, then its edit and its deletion, and announces it', async () => {
    const pushed = local.world.addMessage(MAIN, OLIVIA, { text: 'Pushed by the DC' });
    await expect.poll(texts).toContain('Pushed by the DC');
    await expect.poll(() => page.getByTestId('chat-live').textContent()).toBe('Olivia Long: Pushed by the DC');
    // Open and at the bottom: it is read at once.
    await expect.poll(() => calls('chat:read').length).toBeGreaterThan(0);
    local.world.editMessage(MAIN, OLIVIA, pushed.id, 'Pushed, then edited');
    await expect.poll(texts).toContain('Pushed, then edited');
    expect(await texts()).not.toContain('Pushed by the DC');
    local.world.deleteMessages(MAIN, OLIVIA, [pushed.id]);
    await expect.poll(texts).not.toContain('Pushed, then edited');
    // The peer types: the header says so.
    local.world.peerTypes(MAIN, OLIVIA);
    await expect.poll(() => page.getByTestId('chat-about').textContent()).toBe('typing…');
  });

  it('marks a send that failed, and Retry posts it exactly once', async () => {
    local.dc.faults.inject('messages.SendMessage', { kind: 'rpc-error', code: 500, message: 'INTERNAL_SERVER_ERROR' });
    await composer().fill('Refused at first');
    await page.keyboard.press('Enter');
    const failed = page.getByTestId('message').filter({ hasText: 'Refused at first' });
    await expect.poll(() => failed.locator('.failure').textContent()).toMatch(/^Not sent: /);
    // The failure line and Retry are in view with the rest of the bubble.
    await expect.poll(() => bottomInView(failed)).toBe(true);
    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => failed.locator('.tick').getAttribute('aria-label')).toBe('Sent');
    expect(calls('chat:retry')).toHaveLength(1);
    expect(local.world.account(MAIN).dialogs.get('user:100201' as `user:${string}`)!.messages.filter((m) => m.text === 'Refused at first')).toHaveLength(1);
  });

  it('queues a message while the connection drops, shows the clock, and the sent tick once Telegram is back', async () => {
    // Every try of this send loses its connection: the call times out, and the message waits.
    local.dc.faults.inject('messages.SendMessage', { kind: 'drop', times: Infinity });
    await composer().fill('Written while offline');
    await page.keyboard.press('Enter');
    const bubble = page.getByTestId('message').filter({ hasText: 'Written while offline' });
    await expect.poll(() => bubble.locator('.tick').getAttribute('aria-label'), { timeout: 30_000 }).toBe('Queued: sends once Telegram is back');
    expect(await bubble.locator('.queue-note').textContent()).toMatch(/No connection: it goes by itself once Telegram is back\./);
    // The note made the newest bubble taller after it was first laid out: the list still shows all of it.
    await expect.poll(() => bottomInView(bubble)).toBe(true);
    await checkScreen(page, 'chat-pane-queued');
    local.dc.faults.clear();
    // A refresh that reaches Telegram tells the queue the connection is back; the chat shows the sent message.
    await back();
    await search().press('F5');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('chat-title').textContent()).toBe('Olivia Long');
    await expect.poll(() => bubble.locator('.tick').getAttribute('aria-label'), { timeout: 30_000 }).toMatch(/^(Sent|Read)$/);
    expect(local.world.account(MAIN).dialogs.get('user:100201' as `user:${string}`)!.messages.filter((m) => m.text === 'Written while offline')).toHaveLength(1);
  });

  it('keeps a send Telegram asks to wait for queued with its countdown, and Delete drops it before it reaches Telegram', async () => {
    // Longer than the session sleeps through by itself (call-gate.ts, SHORT_WAIT_MS).
    local.dc.faults.inject('messages.SendMessage', { kind: 'rpc-error', code: 420, message: 'FLOOD_WAIT_90' });
    await composer().fill('Too fast');
    await page.keyboard.press('Enter');
    const queued = page.getByTestId('message').filter({ hasText: 'Too fast' });
    await expect.poll(() => queued.locator('.queue-note').textContent()).toMatch(/Telegram asks to wait: it goes by itself in 1:[23]\d\./);
    expect(await queued.locator('.tick').getAttribute('aria-label')).toBe('Queued: sends once Telegram is back');
    await expect.poll(() => bottomInView(queued)).toBe(true);
    await checkScreen(page, 'chat-pane-rate-limited');
    const sends = local.dc.faults.callsTo('messages.SendMessage');
    await queued.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => queued.count()).toBe(0);
    expect(calls('chat:cancel')).toHaveLength(1);
    expect(local.dc.faults.callsTo('messages.SendMessage')).toBe(sends);
    expect(local.world.account(MAIN).dialogs.get('user:100201' as `user:${string}`)!.messages.filter((m) => m.text === 'Too fast')).toHaveLength(0);
  });

  it('opens "Open in Telegram" from a message with the keyboard', async () => {
    const before = calls('peers:open').length;
    await page.getByTestId('messages').focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Shift+F10');
    await page.getByRole('menu', { name: 'Message actions' }).waitFor();
    await checkScreen(page, 'chat-pane-menu');
    await page.getByRole('menuitem', { name: /Open in Telegram/ }).click();
    await expect.poll(() => calls('peers:open').slice(before)).toEqual([{ key: 'user:100201', target: 'telegram' }]);
  });

  it('keeps a draft per chat', async () => {
    await composer().fill('half a thought');
    await page.waitForTimeout(700);
    await back();
    await expect.poll(() => calls('chat:draft').at(-1)).toEqual({ key: 'user:100201', text: 'half a thought' });
    await openChat('olivia lo', 'Olivia Long');
    await expect.poll(() => composer().inputValue()).toBe('half a thought');
    await composer().fill('');
    await back();
  });

  it('keeps the newest message in view when the window gets shorter, or narrower and the messages wrap taller', async () => {
    await openChat('olivia lo', 'Olivia Long');
    const messages = page.getByTestId('message');
    const belowView = () => page.getByTestId('messages').evaluate((list) => list.scrollHeight - list.scrollTop - list.clientHeight);
    await expect.poll(() => bottomInView(messages.last())).toBe(true);
    const size = page.viewportSize()!;
    try {
      await page.setViewportSize({ width: size.width, height: size.height - 80 });
      await expect.poll(belowView).toBeLessThan(2);
      await page.setViewportSize({ width: 380, height: size.height - 80 });
      // Rows wrapped onto more lines: measured again, the list still ends at the newest.
      await expect.poll(belowView).toBeLessThan(2);
      expect(await bottomInView(messages.last())).toBe(true);
    } finally {
      await page.setViewportSize(size);
      await back();
    }
  });

  it('keeps its bottom when the window gets shorter just as a chat opens, its refreshed view arriving meanwhile', async () => {
    const belowView = () => page.getByTestId('messages').evaluate((list) => list.scrollHeight - list.scrollTop - list.clientHeight);
    const size = page.viewportSize()!;
    // Opened before: the core answers from its cache, and its newest page lands a moment later.
    for (let round = 0; round < 8; round++) {
      await openChat('olivia lo', 'Olivia Long');
      try {
        await page.setViewportSize({ width: size.width, height: size.height - 80 });
        await expect.poll(belowView).toBeLessThan(2);
      } finally {
        await page.setViewportSize(size);
        await back();
      }
    }
  });

  it('renders a message that looks like HTML as text', async () => {
    await openChat('mallory', 'Mallory Markup');
    await expect.poll(texts).toContain('<img src=x onerror=alert(1)>');
    expect(await pane().locator('img').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await back();
  });

  it('lands on the first unread message, reads once scrolled to the newest, and shows the empty chat', async () => {
    const reads = calls('chat:read').length;
    await openChat('xavier', 'Xavier Unread');
    await page.getByTestId('unread-line').waitFor();
    await expect.poll(() => page.getByTestId('to-bottom').getAttribute('aria-label')).toBe('Scroll to the newest messages, 30 unread');
    expect(calls('chat:read').length).toBe(reads);
    await checkScreen(page, 'chat-pane-unread');
    await page.getByTestId('to-bottom').click();
    await expect.poll(() => calls('chat:read').length).toBe(reads + 1);
    await back();

    await openChat('quinn', 'Quinn Quiet');
    await page.getByTestId('chat-empty').waitFor();
    expect(await page.getByTestId('chat-about').textContent()).toBe('last seen recently');
    await checkScreen(page, 'chat-pane-empty');
    await back();
  });

  it('shows a group with member count, sender names, replies and service messages', async () => {
    await openChat('release crew', 'Release Crew');
    await expect.poll(texts).toContain('Yes, tagging now');
    expect(await page.getByTestId('chat-about').textContent()).toMatch(/^\d+ members$/);
    expect(await page.locator('.service').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('added members')]));
    const reply = page.getByTestId('message').filter({ hasText: 'Yes, tagging now' }).locator('.reply-text');
    expect(await reply.textContent()).toBe('Is 1.0 ready to ship?');
    expect(await page.locator('.sender').count()).toBeGreaterThan(0);
    await checkScreen(page, 'chat-pane-group');
    await page.keyboard.press('Control+k');
    await search().waitFor();
  });

  it('shows a photo in its bubble, scaled to fit 320×320, and loads it from the core', async () => {
    const asked = calls('chat:photo').length;
    await openChat('photo club', 'Photo Club 📷');
    const photo = pane().getByTestId('message-photo').last();
    await photo.waitFor();
    await expect.poll(() => photo.getAttribute('data-state'), { timeout: 30_000 }).toBe('shown');
    expect(calls('chat:photo').length).toBeGreaterThan(asked);
    const box = (await photo.boundingBox())!;
    expect(box.width).toBeGreaterThan(0);
    expect(Math.max(box.width, box.height)).toBeLessThanOrEqual(320.5);
    expect(await pane().getByTestId('media-label').count()).toBe(0);
    await back();
  });

  it('says so when the chat no longer exists, and offers Telegram instead', async () => {
    // Telegram forgets the user; the switcher still lists them from its cache.
    local.world.removePeer({ kind: 'user', id: DEMO_CHATS.empty.id });
    await openChat('quinn', 'Quinn Quiet');
    await page.getByTestId('chat-gone').waitFor();
    expect(await composer().count()).toBe(0);
    await checkScreen(page, 'chat-pane-gone');
    await page.getByTestId('chat-gone').getByRole('button', { name: 'Open in Telegram' }).click();
    await expect.poll(() => calls('peers:open').at(-1)).toEqual({ key: 'user:100203', target: 'telegram' });
    await back();
  });

  it('keeps showing the cached history offline and says so', async () => {
    await openChat('olivia lo', 'Olivia Long');
    await expect.poll(texts).toContain('Hello, edited in the pane');
    await back();
    local.dc.faults.inject('*', { kind: 'drop', times: Infinity });
    local.dc.faults.silencePings(true);
    await openChat('olivia lo', 'Olivia Long');
    // From the cache at once, whatever the network does.
    await expect.poll(texts).toContain('Hello, edited in the pane');
    await composer().fill('Sent while offline');
    await page.keyboard.press('Enter');
    // Queued, not failed: it goes by itself (the reason is the lost connection, or the FLOOD_WAIT above if it still runs).
    const queued = page.getByTestId('message').filter({ hasText: 'Sent while offline' });
    await expect.poll(() => queued.locator('.tick').getAttribute('aria-label'), { timeout: 30_000 }).toBe('Queued: sends once Telegram is back');
    expect(await queued.locator('.queue-note').textContent()).toMatch(/goes by itself/);
    expect(await queued.getByRole('button', { name: 'Delete' }).isVisible()).toBe(true);
    local.dc.faults.clear();
  });
});
