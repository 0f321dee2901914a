/**
 * Every state the switcher can be in, each caused for real through the local DC: a slow first
 * fetch (skeleton), an account with no top peers (empty), one with suggestions off (disabled),
 * a DC that stops answering (offline), FLOOD_WAIT (rate-limited countdown), a Telegram error
 * (error with retry) and a revoked session (logged out). Each screen is checked by axe and
 * pictured in light and dark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Router } from '../../../electron/core/router.js';
import { createMemoryStore } from '../../../electron/core/store.js';
import { createMemorySecretStore } from '../../../electron/core/telegram/secret-store.js';
import { browserUnavailableReason, launchChromium, serveRenderer } from '../browser.js';
import {
  allowForABusyMachine,
  checkScreen,
  DEMO_ACCOUNTS,
  latch,
  loginThroughUi,
  openApp,
  OVERSCAN,
  rowsInView,
  rowTitles,
  startLocalDc,
  type AppUnderTest,
  type LocalDc,
  type OpenAppOptions,
} from './support.js';

allowForABusyMachine();
const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`[skip] renderer state tests: ${unavailable}`);

const GET_TOP_PEERS = 'contacts.GetTopPeers';

/**
 * Watches the page from before its first script: whether the switcher ever shows its skeleton,
 * and the rows in the list's first render (counted in the mutation callback that sees them
 * appear, before any task or idle callback can add more).
 */
const FIRST_LIST_PROBE = `(() => {
  const seen = { skeleton: false };
  new MutationObserver(() => {
    if (document.querySelector('main.switcher [data-testid="skeleton"]')) seen.skeleton = true;
    const rows = document.querySelectorAll('[role="option"]');
    if (rows.length > 0 && globalThis.__firstList === undefined) {
      const list = document.querySelector('[data-testid="results"]');
      globalThis.__firstList = Object.assign(seen, {
        rows: rows.length,
        total: Number(rows[0].getAttribute('aria-setsize') ?? rows.length),
        viewport: list.parentElement.clientHeight,
      });
    }
  }).observe(document, { childList: true, subtree: true });
})();`;

describe.skipIf(unavailable !== null)('switcher states', () => {
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

  /** A new app on the local DC; `faults` are injected before it starts (the rest are cleared). */
  async function fresh(options: Omit<OpenAppOptions, 'mode'> & { faults?: () => void } = {}): Promise<Page> {
    const { faults, ...appOptions } = options;
    await app?.close();
    app = undefined;
    local.dc.faults.clear();
    faults?.();
    app = await openApp(browser, server.url, local, { mode: 'login', invokeTimeoutMs: 2_500, ...appOptions });
    app.page.setDefaultTimeout(10_000);
    return app.page;
  }

  async function loginTo(page: Page, phone: string): Promise<void> {
    await page.getByLabel('Phone number').fill(`+${phone}`);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Code').fill(DEMO_ACCOUNTS.main.code);
  }

  async function refresh(page: Page): Promise<void> {
    await page.getByTestId('refresh').click();
  }

  it('shows a skeleton while the first list loads, without motion when the OS asks for less', async () => {
    const page = await fresh({ reducedMotion: 'reduce', invokeTimeoutMs: 60_000 });
    // The first list is held at the DC until the skeleton has been looked at.
    let release = (): void => {};
    local.dc.faults.inject(GET_TOP_PEERS, { kind: 'hold', until: new Promise<void>((done) => (release = done)), times: 2 });
    try {
      await loginTo(page, DEMO_ACCOUNTS.main.phone);
      await page.getByTestId('skeleton').waitFor();
      // Reduced motion: the shimmer is reduced to nothing (app.css), so nothing moves on screen.
      const duration = await page.locator('[data-testid="skeleton"] .circle').first().evaluate((element) => getComputedStyle(element).animationDuration);
      expect(parseFloat(duration)).toBeLessThan(0.001);
      await checkScreen(page, 'state-loading');
    } finally {
      release();
    }
    await page.getByTestId('results').waitFor();
    expect(await page.getByTestId('skeleton').count()).toBe(0);
  });

  it('says so when an account has no frequent chats yet', async () => {
    local.world.addUser({ id: 100_900n, firstName: 'Emma', lastName: 'Empty' });
    local.world.addAccount({ userId: 100_900n, phone: '9996624444' });
    const page = await fresh();
    await loginTo(page, '9996624444');
    await page.getByTestId('state-empty').waitFor();
    await checkScreen(page, 'state-empty');
  });

  it('shows the disabled state for an account with suggestions off, and Enable turns them on', async () => {
    const page = await fresh();
    await loginTo(page, DEMO_ACCOUNTS.disabled.phone);
    await page.getByTestId('state-disabled').waitFor();
    await checkScreen(page, 'state-disabled');
    await page.getByRole('button', { name: 'Turn on suggestions' }).click();
    await expect.poll(() => rowTitles(page).then((titles) => titles.length), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(local.world.account(DEMO_ACCOUNTS.disabled.phone).topPeersEnabled).toBe(true);
    local.world.setTopPeersEnabled(DEMO_ACCOUNTS.disabled.phone, false);
  });

  it('keeps the list and says "offline, updated …" when Telegram stops answering; Retry recovers', async () => {
    const page = await fresh();
    await loginThroughUi(page);
    const before = await rowTitles(page);
    local.dc.faults.inject(GET_TOP_PEERS, { kind: 'delay', ms: 6_000, times: 1 });
    await refresh(page);
    const banner = page.getByTestId('banner-offline');
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(/Offline\.\s+Updated (just now|1 min\.? ago)/);
    expect(await rowTitles(page)).toEqual(before);
    await checkScreen(page, 'state-offline');

    await banner.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(0);
  });

  it('counts down when Telegram answers FLOOD_WAIT', async () => {
    const page = await fresh();
    await loginThroughUi(page);
    local.dc.faults.inject(GET_TOP_PEERS, { kind: 'rpc-error', code: 420, message: 'FLOOD_WAIT_300', times: 1 });
    await refresh(page);
    const countdown = page.getByTestId('countdown');
    await countdown.waitFor();
    // Five minutes, already ticking: 5:00 or a few seconds less.
    expect(await countdown.textContent()).toMatch(/^[45]:\d\d$/);
    const first = await countdown.textContent();
    await expect.poll(() => countdown.textContent(), { timeout: 5_000 }).not.toBe(first);
    expect(await page.getByTestId('banner-rate-limited').innerText()).toContain('Telegram asked us to slow down');
    await checkScreen(page, 'state-rate-limited');
  });

  it('shows a Telegram error with Retry', async () => {
    const page = await fresh();
    await loginThroughUi(page);
    local.dc.faults.inject(GET_TOP_PEERS, { kind: 'rpc-error', code: 400, message: 'CHAT_ADMIN_REQUIRED', times: 1 });
    await refresh(page);
    const banner = page.getByTestId('banner-error');
    await banner.waitFor();
    expect(await banner.getAttribute('role')).toBe('alert');
    await checkScreen(page, 'state-error');
    await banner.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => banner.count(), { timeout: 10_000 }).toBe(0);
  });

  it('a saved login started with no network and no cached account keeps "connecting" and says when it tries again', async () => {
    const secretStore = createMemorySecretStore();
    await loginThroughUi(await fresh({ secretStore }));
    // The next launch has the session but lost its cache (a fresh store), and Telegram does not answer.
    const page = await fresh({ secretStore, faults: () => local.dc.faults.inject('users.GetUsers', { kind: 'drop', times: Infinity }) });
    await expect.poll(() => page.getByTestId('connecting-offline').textContent()).toMatch(/Can't reach Telegram\.\s+Trying again in \d:\d\d\./);
    expect(await page.getByLabel('Phone number').count()).toBe(0);
    await checkScreen(page, 'state-connecting-offline');
    local.dc.faults.clear();
  });

  it('a launch with a saved login and a cached list renders the list at once, with only the rows in view', async () => {
    const saved = await savedLogin();
    // The next launch: the session and the list come from the last one. The probe notes whether
    // the switcher ever showed its skeleton, and how many rows its first render had.
    const page = await fresh({ ...saved, initScript: FIRST_LIST_PROBE });
    await page.getByTestId('results').waitFor();
    const seen = (await page.evaluate('globalThis.__firstList')) as { skeleton: boolean; rows: number; total: number; viewport: number };
    expect(seen.skeleton).toBe(false);
    // The list was read once, with the session, not again once the switcher was up.
    expect(app!.channels().filter((channel) => channel === 'topPeers:get')).toHaveLength(1);
    // The first render has the rows in view; the overscan below follows when the page is idle.
    const inView = rowsInView(seen.viewport);
    expect(seen.total).toBeGreaterThan(inView + OVERSCAN);
    expect(seen.rows).toBe(inView);
    await expect.poll(() => page.locator('[role="option"]').count()).toBe(inView + OVERSCAN);
  });

  /** A login whose session and list the next launch starts from. */
  async function savedLogin() {
    const saved = { secretStore: createMemorySecretStore(), store: createMemoryStore() };
    await loginThroughUi(await fresh(saved));
    return saved;
  }

  /** Waits until the page has run every task already queued for it (binding answers included). */
  const drained = (page: Page) => page.evaluate('new Promise((done) => setTimeout(done, 50))');

  it('a logout pushed before the page has loaded wins over the reads the preload made early', async () => {
    const saved = await savedLogin();
    const bundle = latch();
    const earlyReads = latch();
    let core!: Router;
    const opening = fresh({
      ...saved,
      // The early reads are answered; the page's own script waits until the push has come.
      route: (router) => {
        core = router;
        return {
          handle: async (channel, args) => {
            const answer = await router.handle(channel, args);
            if (channel === 'session:get') earlyReads.open();
            return answer;
          },
        };
      },
      beforeLoad: async (page) => {
        await page.route('**/*.js', async (route) => {
          await bundle.opened;
          await route.continue();
        });
      },
    });
    await earlyReads.opened;
    await core.handle('session:logout', {}); // nobody in the page listens yet
    bundle.open();
    const page = await opening;
    await page.getByLabel('Phone number').waitFor();
    await drained(page);
    expect(await page.getByTestId('results').count()).toBe(0);
    // The early session and list answers were dropped and asked again.
    expect(app!.channels().filter((channel) => channel === 'session:get')).toHaveLength(2);
  });

  it('a logout pushed while the launch reads are in flight wins over their older answers', async () => {
    const saved = await savedLogin();
    const syncHeld = latch();
    const syncAnswered = latch();
    // The session and the list are answered; the page's launch waits on the sync status.
    const page = await fresh({
      ...saved,
      route: (router) => ({
        handle: async (channel, args) => {
          if (channel !== 'sync:get') return router.handle(channel, args);
          await syncHeld.opened;
          const answer = await router.handle(channel, args);
          setTimeout(syncAnswered.open, 0);
          return answer;
        },
      }),
    });
    await app!.router.handle('session:logout', {}); // pushed to the page, which now listens
    await page.getByLabel('Phone number').waitFor();
    syncHeld.open();
    await syncAnswered.opened;
    await drained(page);
    // The launch's "ready" and its list are older than the push: neither came back.
    expect(await page.getByLabel('Phone number').isVisible()).toBe(true);
    expect(await page.getByTestId('results').count()).toBe(0);
  });

  it('a read answered before a newer push and delivered after it is dropped: the list never goes back', async () => {
    let armed = false;
    const answered = latch();
    const deliver = latch();
    const page = await fresh({
      route: (router) => ({
        handle: async (channel, args) => {
          if (channel !== 'topPeers:get' || !armed) return router.handle(channel, args);
          armed = false;
          // Answered (and stamped) now; delivered only once a newer list has been pushed.
          const answer = await router.handle(channel, args);
          answered.open();
          await deliver.opened;
          return answer;
        },
      }),
    });
    await page.getByLabel('Phone number').waitFor(); // the launch's own reads are done
    armed = true;
    await page.getByLabel('Phone number').fill(`+${DEMO_ACCOUNTS.main.phone}`);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByLabel('Code').fill(DEMO_ACCOUNTS.main.code);
    // Logged in: the page reads the new account's list, and that answer is held.
    await answered.opened;
    // The login's own refresh is over first: a refresh asked for while it runs joins it, and would
    // answer with the list it fetched before the change below.
    await expect
      .poll(async () => {
        const sync = (await app!.router.handle('sync:get', {})) as { value?: { state: string } };
        const list = (await app!.router.handle('topPeers:get', {})) as { value?: { checkedAt: number | null } };
        return sync.value?.state === 'idle' && list.value !== undefined && list.value.checkedAt !== null;
      })
      .toBe(true);
    // Telegram's list changes, and the core's next refresh (as its scheduler makes) pushes it.
    const newcomer = { kind: 'user', id: 910_002n } as const;
    local.world.addUser({ id: newcomer.id, firstName: 'Latest', lastName: 'Comer' });
    local.world.setRating(DEMO_ACCOUNTS.main.userId, newcomer, 'correspondents', 10_000);
    expect(await app!.router.handle('topPeers:refresh', {})).toMatchObject({ ok: true, value: { outcome: 'modified' } });
    await expect.poll(() => rowTitles(page)).toContain('Latest Comer');
    deliver.open();
    // A call made after it comes back after it: by then the page has had the held answer.
    await page.evaluate(() => (window as unknown as { api: { appVersion(args: object): Promise<unknown> } }).api.appVersion({}));
    await drained(page);
    expect(await rowTitles(page)).toContain('Latest Comer');
  });

  it("a refresh's answer that a newer pushed list overtook is dropped: the page keeps the newer list", async () => {
    let armed = false;
    const answered = latch();
    const deliver = latch();
    const page = await fresh({
      route: (router) => ({
        handle: async (channel, args) => {
          if (channel !== 'topPeers:refresh' || !armed) return router.handle(channel, args);
          armed = false;
          // Answered (and stamped) now, with the list as it still is; delivered only later.
          const answer = await router.handle(channel, args);
          answered.open();
          await deliver.opened;
          return answer;
        },
      }),
    });
    await loginThroughUi(page);
    armed = true;
    await page.getByTestId('search').press('F5');
    await answered.opened;
    // Telegram's list changes, and the core's next refresh (as its scheduler makes) pushes it.
    const newcomer = { kind: 'user', id: 910_001n } as const;
    local.world.addUser({ id: newcomer.id, firstName: 'Newest', lastName: 'Arrival' });
    local.world.setRating(DEMO_ACCOUNTS.main.userId, newcomer, 'correspondents', 10_000);
    await app!.router.handle('topPeers:refresh', {});
    await expect.poll(() => rowTitles(page)).toContain('Newest Arrival');
    deliver.open();
    // The page's refresh ends with that older answer in hand: it must not bring the old list back.
    await expect.poll(() => page.getByTestId('refresh').getAttribute('aria-busy')).toBe('false');
    await drained(page);
    expect(await rowTitles(page)).toContain('Newest Arrival');
  });

  it('returns to the login screen when Telegram revokes the session', async () => {
    const page = await fresh();
    await loginThroughUi(page);
    local.dc.faults.inject(GET_TOP_PEERS, { kind: 'rpc-error', code: 401, message: 'SESSION_REVOKED', times: 1 });
    await refresh(page);
    await page.getByLabel('Phone number').waitFor();
    expect(await page.getByTestId('results').count()).toBe(0);
  });
});
