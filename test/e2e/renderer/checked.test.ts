/**
 * The footer says when Telegram was last asked, not when the list last changed: a NotModified
 * refresh pushes no list, only `topPeers:checked`, and the footer follows it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createMemoryStore } from '../../../electron/core/store.js';
import { createMemorySecretStore } from '../../../electron/core/telegram/secret-store.js';
import { browserUnavailableReason, launchChromium, serveRenderer } from '../browser.js';
import { allowForABusyMachine, loginThroughUi, openApp, startLocalDc, type AppUnderTest, type LocalDc } from './support.js';

allowForABusyMachine();
const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`[skip] renderer footer tests: ${unavailable}`);

describe.skipIf(unavailable !== null)('the footer after a NotModified refresh', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveRenderer>>;
  let local: LocalDc;
  const apps: AppUnderTest[] = [];

  beforeAll(async () => {
    [browser, server, local] = await Promise.all([launchChromium(), serveRenderer(), startLocalDc()]);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await browser?.close();
    await server?.close();
    await local?.close();
  });

  it('moves from "Checked 40 min ago" to "Checked just now" when the launch refresh answers NotModified', async () => {
    const saved = { secretStore: createMemorySecretStore(), store: createMemoryStore() };
    const first = await openApp(browser, server.url, local, { mode: 'login', ...saved });
    apps.push(first);
    await loginThroughUi(first.page);
    await expect.poll(() => first.page.getByTestId('updated').textContent()).toMatch(/Checked just now/);
    await first.close();
    apps.pop();
    // The list was fetched and last checked 40 minutes ago; the world has not changed since.
    const cached = saved.store.get('topPeers') as { fetchedAt: number; checkedAt: number };
    const longAgo = Date.now() - 40 * 60_000;
    saved.store.set('topPeers', { ...cached, fetchedAt: longAgo, checkedAt: longAgo });

    // Hold Telegram's answer back until the page shows the cached list, so only a push can move the footer.
    let release = (): void => {};
    local.dc.faults.inject('contacts.GetTopPeers', { kind: 'hold', until: new Promise<void>((done) => (release = done)) });
    try {
      const next = await openApp(browser, server.url, local, { mode: 'login', ...saved, invokeTimeoutMs: 120_000 });
      apps.push(next);
      await next.page.getByTestId('results').waitFor();
      await expect.poll(() => next.page.getByTestId('updated').textContent()).toMatch(/Checked 40 min\.? ago/);
      release();
      await expect.poll(() => next.page.getByTestId('updated').textContent()).toMatch(/Checked just now/);
    } finally {
      release();
    }
    const next = apps.at(-1)!;
    // It was a NotModified answer (the list itself is from 40 minutes ago), so no list was pushed to move the footer.
    const snapshot = (await next.router.handle('topPeers:get', {})) as { ok: true; value: { fetchedAt: number; checkedAt: number } };
    expect(snapshot.value.fetchedAt).toBe(longAgo);
    expect(snapshot.value.checkedAt).toBeGreaterThan(longAgo);
  });
});
