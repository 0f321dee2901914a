/**
 * The switcher's rows carry each chat's live badge, in Chromium on the real core and local DC:
 * a message that arrives raises the unread count, a mute quiets it, a read clears it, and a
 * peer coming online lights its avatar's dot. Telegram tells the core; the core pushes
 * `chat:badges`; the row follows without a refresh of the list.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserUnavailableReason } from '../browser.js';
import { allowForABusyMachine, DEMO_ACCOUNTS, loggedInSuite, type AppUnderTest, type LocalDc } from './support.js';

allowForABusyMachine();
const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`[skip] renderer badge tests: ${unavailable}`);

describe.skipIf(unavailable !== null)("the switcher's live badges", () => {
  let local: LocalDc;
  let app: AppUnderTest;
  let page: Page;

  const suite = loggedInSuite();
  beforeAll(() => {
    ({ local, app, page } = suite);
  });

  /** The first user among the top peers that is offline with nothing unread (as Telegram says now): its row is on screen. */
  async function quietUser(): Promise<{ key: string; id: bigint; title: string; row: Locator }> {
    const snapshot = (await app.router.handle('topPeers:get', {})) as { value: { peers: { key: string; title: string; online?: boolean }[] } };
    const first = snapshot.value.peers.slice(0, 5).filter((candidate) => candidate.key.startsWith('user:') && !candidate.online);
    const told = (await app.router.handle('chat:badges', { keys: first.map((peer) => peer.key) })) as { value: { key: string; unreadCount: number; online?: boolean }[] };
    const quiet = new Set(told.value.filter((badge) => badge.unreadCount === 0 && !badge.online).map((badge) => badge.key));
    const peer = first.find((candidate) => quiet.has(candidate.key));
    if (!peer) throw new Error('the demo world has no quiet user among its first top peers');
    return { key: peer.key, id: BigInt(peer.key.slice('user:'.length)), title: peer.title, row: page.locator('[role="option"]').filter({ hasText: peer.title }) };
  }

  it('asks for the top peers’ badges once the list is there', async () => {
    await expect.poll(() => app.calls.filter((call) => call.channel === 'chat:badges').length).toBeGreaterThan(0);
    const asked = app.calls.find((call) => call.channel === 'chat:badges')!.args as { keys: string[] };
    const snapshot = (await app.router.handle('topPeers:get', {})) as { value: { peers: { key: string }[] } };
    expect(asked.keys).toEqual(snapshot.value.peers.slice(0, 200).map((peer) => peer.key));
  });

  it('a message raises the count, a mute quiets it, reading the chat clears it', async () => {
    const peer = await quietUser();
    expect(await peer.row.count()).toBe(1);
    await expect.poll(() => peer.row.locator('.unread').count()).toBe(0);
    const account = DEMO_ACCOUNTS.main.userId;
    local.world.addMessage(account, { kind: 'user', id: peer.id }, { text: 'are you there?' });
    local.world.addMessage(account, { kind: 'user', id: peer.id }, { text: 'hello?' });
    await expect.poll(() => peer.row.locator('.unread').getAttribute('aria-label')).toBe('2 unread');
    expect(await peer.row.locator('.unread').textContent()).toBe('2');

    local.world.muteDialog(account, { kind: 'user', id: peer.id }, Math.floor(Date.now() / 1000) + 3_600);
    await expect.poll(() => peer.row.locator('.unread').getAttribute('aria-label')).toBe('2 unread, muted');
    expect(await peer.row.locator('.unread').evaluate((badge) => badge.classList.contains('muted'))).toBe(true);

    // Read in the chat (as the pane does): the badge goes.
    expect(await app.router.handle('chat:read', { key: peer.key })).toMatchObject({ ok: true });
    await expect.poll(() => peer.row.locator('.unread').count()).toBe(0);
  });

  it("a peer coming online lights the avatar's dot, and going offline puts it out", async () => {
    const peer = await quietUser();
    expect(await peer.row.locator('.online').count()).toBe(0);
    local.world.setOnline(peer.id, true);
    await expect.poll(() => peer.row.locator('.online').count()).toBe(1);
    local.world.setOnline(peer.id, false);
    await expect.poll(() => peer.row.locator('.online').count()).toBe(0);
  });
});
