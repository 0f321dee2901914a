/**
 * TopSwitch as a real Electron app, driven by Playwright's `_electron`: the built app (out/) on
 * the local DC, logged in, the switcher summoned, filtered, a peer opened; plus the security
 * rules as the running app applies them. Runs where an Electron binary exists
 * (ELECTRON_OVERRIDE_DIST_PATH or node_modules/electron/dist) and a display does; elsewhere it is
 * skipped with the reason printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, loginThroughUi, rowTitles, startLocalDc, type LocalDc } from '../renderer/support.js';
import { baseLaunch, electronExecutable, electronUnavailableReason, windowShowing, windowStates } from './support.js';

const unavailable = electronUnavailableReason();
if (unavailable) console.warn(`[skip] Electron end-to-end tests: ${unavailable}`);

describe.skipIf(unavailable !== null)('TopSwitch in Electron', () => {
  let app: ElectronApplication | undefined;
  let profile: string | undefined;
  let local: LocalDc | undefined;

  async function launch(extraArgs: string[], env: Record<string, string> = {}): Promise<ElectronApplication> {
    profile = mkdtempSync(join(tmpdir(), 'topswitch-electron-e2e-'));
    // A throwaway profile: the test never sees or touches a real TopSwitch session.
    const base = baseLaunch(profile);
    app = await _electron.launch({
      executablePath: electronExecutable(),
      args: [...base.args, ...extraArgs],
      env: { ...base.env, ...env },
      timeout: 60_000,
    });
    // The OS must not be asked to open tg:// links during a test: record them instead.
    await app.evaluate(({ shell }) => {
      const opened: string[] = [];
      (globalThis as { __opened?: string[] }).__opened = opened;
      shell.openExternal = async (url: string) => void opened.push(url);
    });
    return app;
  }

  const opened = () => app!.evaluate(() => (globalThis as { __opened?: string[] }).__opened ?? []);
  const switcherVisible = async () => (await windowStates(app!)).find((state) => new URL(state.url).hash === '')?.visible ?? false;
  const summonSwitcher = () => app!.evaluate(({ Menu }) => Menu.getApplicationMenu()?.getMenuItemById('switcher')?.click());

  afterEach(async () => {
    await app?.close().catch(() => undefined);
    app = undefined;
    if (profile) rmSync(profile, { recursive: true, force: true });
  });
  afterAll(async () => {
    await local?.close();
  });

  it('demo: summon the switcher, filter, open a peer in Telegram, hide with Esc', async () => {
    const electron = await launch(['--demo']);
    const main = await windowShowing(electron, 'main');
    // The demo logs in to its in-process DC by itself.
    await main.getByTestId('results').waitFor({ timeout: 30_000 });

    await summonSwitcher();
    await expect.poll(switcherVisible).toBe(true);
    const states = await windowStates(electron);
    expect(states.find((state) => new URL(state.url).hash === '')?.alwaysOnTop).toBe(true);

    const switcher = await windowShowing(electron, '');
    const search = switcher.getByRole('combobox', { name: 'Search your frequent chats' });
    await search.fill('Ali');
    await expect.poll(async () => (await rowTitles(switcher))[0]).toBe('Alice Johnson');
    await switcher.keyboard.press('ControlOrMeta+Enter');
    await expect.poll(opened).toHaveLength(1);
    expect((await opened())[0]).toMatch(/^(tg:\/\/resolve\?domain=|tg:\/\/user\?id=)/);

    await search.fill('');
    await switcher.keyboard.press('Escape');
    await expect.poll(switcherVisible).toBe(false);
  });

  it('the page is isolated: only window.api, no Node, no navigating away, no new windows', async () => {
    const electron = await launch(['--demo']);
    const main: Page = await windowShowing(electron, 'main');
    // tsconfig.node has no DOM types: the page's globals are read through globalThis.
    const globals = await main.evaluate(() => {
      const page = globalThis as unknown as Record<string, unknown> & { open(url: string): unknown };
      return { api: typeof page.api, require: typeof page.require, process: typeof page.process, opened: page.open('https://example.com/') === null };
    });
    expect(globals).toEqual({ api: 'object', require: 'undefined', process: 'undefined', opened: true });

    // The app's will-navigate handler was attached first; by the time this listener runs it has
    // decided, so defaultPrevented is its verdict.
    await electron.evaluate(({ BrowserWindow }) => {
      const state = globalThis as { __navigationPrevented?: boolean };
      delete state.__navigationPrevented;
      const contents = BrowserWindow.getAllWindows().find((window) => window.webContents.getURL().endsWith('#main'))!.webContents;
      contents.once('will-navigate', (event) => (state.__navigationPrevented = event.defaultPrevented));
    });
    const before = main.url();
    await main.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    await expect
      .poll(() => electron.evaluate(() => (globalThis as { __navigationPrevented?: boolean }).__navigationPrevented))
      .toBe(true);
    expect(main.url()).toBe(before);
    expect((await windowStates(electron)).length).toBe(2);
  });

  it('logs in through the UI against a local DC named by TG_DC, or refuses clearly without a keyring', async () => {
    local ??= await startLocalDc();
    const electron = await launch([], local.env);
    const main = await windowShowing(electron, 'main');
    const backend = await electron.evaluate(({ safeStorage }) => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os'));
    if (backend === 'basic_text') {
      // No keyring (a bare CI box): the session would sit on disk in the clear, so TopSwitch says no.
      await main.getByLabel('Phone number').fill(`+${DEMO_ACCOUNTS.main.phone}`);
      await main.getByRole('button', { name: 'Next' }).click();
      await expect.poll(() => main.getByRole('alert').textContent(), { timeout: 20_000 }).toMatch(/secure storage|keyring/i);
      return;
    }
    await loginThroughUi(main);
    await expect.poll(() => rowTitles(main)).toContain('Alice Johnson');
  });
});
