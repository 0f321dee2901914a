/**
 * The hotkey notice in the real renderer (Chromium) over the real core: where the shell cannot
 * confirm its shortcut, the first-run screen and Settings say so, show the exact command with a
 * Copy button and where the desktop keeps custom shortcuts; where the OS confirmed it, nothing.
 * The statuses come from the shell's own hotkeyStatus() for the desktops they name.
 */
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserUnavailableReason, launchChromium, serveRenderer } from '../browser.js';
import { allowForABusyMachine, expectNoAxeViolations, loginThroughUi, openApp, startLocalDc, type AppUnderTest, type LocalDc } from './support.js';
import { detectDesktop } from '../../../electron/main/desktop.js';
import { hotkeyStatus } from '../../../electron/main/hotkey-status.js';

allowForABusyMachine();
const unavailable = browserUnavailableReason();
if (unavailable) console.warn(`[skip] hotkey notice tests: ${unavailable}`);

const COMMAND = "'/home/a/My Apps/TopSwitch.AppImage' --toggle";
const ok = { ok: true as const, accelerator: 'CommandOrControl+Alt+K' };
const gnomeWithoutIdentity = hotkeyStatus({
  desktop: detectDesktop('linux', { XDG_CURRENT_DESKTOP: 'GNOME', WAYLAND_DISPLAY: 'wayland-0' }),
  accelerator: ok.accelerator,
  result: ok,
  portal: { identity: false, globalShortcuts: true },
  command: COMMAND,
  trayMissing: true,
});
const kdeWayland = hotkeyStatus({
  desktop: detectDesktop('linux', { XDG_CURRENT_DESKTOP: 'KDE', WAYLAND_DISPLAY: 'wayland-0' }),
  accelerator: 'CommandOrControl+Alt+J',
  result: { ok: true, accelerator: 'CommandOrControl+Alt+J' },
  portal: { identity: true, globalShortcuts: true },
  command: COMMAND,
  trayMissing: false,
});
const macOs = hotkeyStatus({ desktop: detectDesktop('darwin', {}), accelerator: ok.accelerator, result: ok, portal: { identity: false, globalShortcuts: null }, command: COMMAND, trayMissing: false });

describe.skipIf(unavailable !== null)('the hotkey notice', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveRenderer>>;
  let local: LocalDc;
  let app: AppUnderTest | undefined;

  beforeAll(async () => {
    [browser, server, local] = await Promise.all([launchChromium(), serveRenderer(), startLocalDc()]);
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await local?.close();
  });

  it('the first run says plainly that the shortcut will not work here, and offers the command to copy', async () => {
    app = await openApp(browser, server.url, local, { mode: 'first-run', hotkeyStatus: gnomeWithoutIdentity });
    const { page } = app;
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
    const notice = page.getByTestId('hotkey-notice');
    await notice.waitFor();
    expect(await notice.getAttribute('data-state')).toBe('unavailable');
    expect(await notice.textContent()).toContain('grants shortcuts only to apps with an installed desktop entry');
    expect(await notice.textContent()).toMatch(/no tray icon on this desktop, so closing the window quits/);
    expect(await page.getByTestId('hotkey-command').textContent()).toBe(COMMAND);
    expect(await page.getByTestId('hotkey-where').textContent()).toContain('Settings → Keyboard → View and Customise Shortcuts → Custom Shortcuts');
    await notice.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => notice.getByRole('button', { name: 'Copied' }).count()).toBe(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(COMMAND);
    await expectNoAxeViolations(page, 'first run with the hotkey notice');
  });

  it('Settings shows nothing where the OS confirmed the shortcut, and reads the status again when the hotkey changes', async () => {
    app = await openApp(browser, server.url, local, { mode: 'login', hotkeyStatus: macOs });
    const { page } = app;
    await loginThroughUi(page);
    await page.getByRole('button', { name: 'Settings' }).click();
    const field = page.getByLabel('Shortcut to open TopSwitch');
    await field.waitFor();
    const reads = () => app!.channels().filter((channel) => channel === 'app:hotkeyStatus').length;
    await expect.poll(reads).toBeGreaterThan(0);
    expect(await page.getByTestId('hotkey-notice').count()).toBe(0);

    // The user moves to KDE's new hotkey: the shell now cannot confirm it, and Settings says so.
    app.host.hotkey = kdeWayland;
    await field.focus();
    await page.keyboard.press('Control+Alt+KeyJ');
    await page.getByTestId('hotkey-notice').waitFor();
    expect(await page.getByTestId('hotkey-notice').getAttribute('data-state')).toBe('unconfirmed');
    expect(await page.getByTestId('hotkey-where').textContent()).toContain('System Settings → Keyboard → Shortcuts');
  });
});
