/**
 * The built main process (out/main/index.js), run under Node with a fake Electron
 * (fake-electron/): no Electron binary exists here, and this is the only place the lifecycle
 * code in electron/main/index.ts actually executes in the suite. The core, gramjs and the demo's
 * local DC are real; the fake only stands in for Electron's objects and records what the app did
 * with them. The Playwright suite in test/e2e/electron covers the same ground in a real Electron.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const FAKE = join(import.meta.dirname, 'fake-electron');

// The driver's report; its shape is whatever driver.mjs recorded.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let report: any;
let work: string;
/** What the main process printed: its log says why, when the report only says that. */
let output = '';

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'topswitch-main-bundle-'));
  const reportFile = join(work, 'report.json');
  const child = await promisify(execFile)(process.execPath, ['--import', join(FAKE, 'register.mjs'), join(FAKE, 'driver.mjs')], {
    cwd: ROOT,
    // HOME and XDG_DATA_DIRS in the temp dir: the app's desktop-entry check must not read or touch the real ones.
    env: { ...process.env, HOME: work, XDG_DATA_HOME: join(work, 'share'), XDG_DATA_DIRS: join(work, 'usr/share'), XDG_CONFIG_HOME: join(work, 'config'), FAKE_ELECTRON_USER_DATA: join(work, 'profile'), FAKE_ELECTRON_REPORT: reportFile, TOPSWITCH_ROOT: ROOT },
    maxBuffer: 16 * 1024 * 1024,
    timeout: 90_000,
  });
  output = `${child.stdout}\n${child.stderr}`;
  report = JSON.parse(readFileSync(reportFile, 'utf8'));
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the built main process', () => {
  it('ran the whole session without throwing', () => {
    expect(report.error, output.slice(-3000)).toBeUndefined();
    expect(report.ok).toBe(true);
  });

  it('registers app:// as a standard, secure scheme and sandboxes every renderer before ready', () => {
    expect(report.log.indexOf('registerSchemesAsPrivileged ready=false')).toBeGreaterThanOrEqual(0);
    expect(report.log).toContain('enableSandbox ready=false');
    if (process.platform === 'linux') expect(report.log).toContain('switch enable-features=GlobalShortcutsPortal,GlobalShortcutsPortalPreferredTrigger');
    expect(report.schemes[0]).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true, bypassCSP: false } });
  });

  it('creates a hidden always-on-top switcher and a main window, both secure, both on app://', () => {
    const [switcher, main] = report.windows;
    expect(switcher.url).toBe('app://topswitch/index.html');
    expect(main.url).toBe('app://topswitch/index.html#main');
    expect(switcher.options).toMatchObject({ frame: false, alwaysOnTop: true, show: false, skipTaskbar: true });
    for (const window of [switcher, main]) {
      expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false });
      expect(window.options.webPreferences.preload).toMatch(/out[\\/]preload[\\/]index\.cjs$/);
    }
  });

  it('answers only its own main frames over IPC', () => {
    expect(report.version).toMatchObject({ ok: true, value: { version: '0.1.0' } });
    expect(report.foreignSender).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(report.iframeSender).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });

  it('demo mode logs in to the bundled local DC and lists top peers', () => {
    expect(report.demoError, output.slice(-3000)).toBeUndefined();
    expect(report.session).toMatchObject({ status: 'ready', demo: true, user: { title: 'Dana Demo' } });
    expect(report.peerCount).toBeGreaterThan(10);
  });

  it("the switcher's preload makes its early reads as its page commits, and what the demo's login made stale is asked again", () => {
    const reads = report.earlyReads;
    const early = ['app:version', 'session:get', 'topPeers:get', 'settings:get', 'sync:get'].map((channel) => `invoke:${channel}`);
    expect([...reads.early].sort()).toEqual([...early].sort());
    // Handled, from a trusted frame, from the first message: main binds IPC in the turn that
    // creates the window, before its page can commit.
    for (const [, outcome] of reads.answeredEarly) expect(outcome).not.toMatch(/FORBIDDEN_SENDER|No handler/);
    // The page's first calls: the demo's login pushed since, so the session and the list were
    // asked again and are current; the version was taken as it came.
    expect(reads.session).toBe('ready');
    expect(reads.listPeers).toBeGreaterThan(10);
    expect(reads.versionOk).toBe(true);
    expect(reads.invokedAfter).toEqual(expect.arrayContaining(['invoke:session:get', 'invoke:topPeers:get']));
    expect(reads.invokedAfter).not.toContain('invoke:app:version');
  });

  it('the hotkey shows the switcher centred on the display under the pointer and announces it; blur hides it', () => {
    expect(report.shortcuts).toEqual(process.platform === 'darwin' ? ['Command+Shift+K'] : ['CommandOrControl+Alt+K']);
    // The fake pointer is on a 1280×1000 display at x=1920.
    expect(report.afterHotkey.visible).toBe(true);
    expect(report.afterHotkey.bounds).toEqual({ x: 1920 + 320, y: 270, width: 640, height: 460 });
    expect(report.afterHotkey.sent).toContain('event:window:shown');
    expect(report.afterBlur.visible).toBe(false);
  });

  it('opens a peer in Telegram through a tg:// link, and window:hide hides the switcher', () => {
    expect(report.openPeer).toMatchObject({ ok: true, value: { openedIn: 'telegram' } });
    expect(report.opened).toEqual([report.openPeer.value.url]);
    expect(report.opened[0]).toMatch(/^tg:\/\/resolve\?domain=/);
    expect(report.afterHide.visible).toBe(false);
  });

  it('keeps the working hotkey and says why when another app holds the new one', () => {
    expect(report.takenHotkey).toMatchObject({ ok: false, error: { code: 'HOTKEY_UNAVAILABLE' } });
    expect(report.takenHotkey.error.message).toMatch(/already used by another application/);
    expect(report.shortcutsAfterTaken).toEqual(report.shortcuts);
  });

  it('serves the renderer over app:// with its CSP, and nothing outside it', () => {
    expect(report.protocol.index).toMatchObject({ status: 200, type: expect.stringMatching(/^text\/html/) });
    expect(report.protocol.index.csp).toContain("connect-src 'none'");
    expect(report.protocol.traversal.status).toBe(404);
    expect(report.protocol.mainBundle.status).toBe(404);
    expect(report.protocol.otherHost.status).toBe(404);
  });

  it('refuses navigation away, new windows, webviews, permissions and renderer network', () => {
    expect(report.navigation).toEqual({ away: true, inApp: false });
    expect(report.windowOpen).toEqual({ telegram: { action: 'deny' }, other: { action: 'deny' } });
    // A t.me link clicked in the page goes to Telegram instead of a new window; others go nowhere.
    expect(report.windowOpenOpened).toEqual(['https://t.me/durov']);
    expect(report.webviewPrevented).toBe(true);
    expect(report.permissions).toEqual({ media: false, notifications: false, clipboardWrite: true });
    expect(report.permissionCheck).toBe(false);
    expect(report.network).toEqual({ app: { cancel: false }, web: { cancel: true }, data: { cancel: false } });
  });

  it('has the tray and menu entries, focuses on a second launch, and quits cleanly', () => {
    expect(report.trayMenu).toEqual(['Open TopSwitch', 'Quick Switcher (Ctrl+Alt+K)', 'Refresh Top Peers', 'Settings…', 'Quit TopSwitch']);
    expect(report.appMenuIds).toEqual(expect.arrayContaining(['settings', 'quit', 'switcher', 'main', 'refresh']));
    expect(report.afterSecondInstance.mainVisible).toBe(true);
    // The desktop command reaches the running instance through the single-instance handoff.
    expect(report.toggleHandoff).toEqual({ afterFirst: true, afterSecond: false });
    if (process.platform === 'linux') {
      // A package with no desktop entry installed, on no known desktop: the shortcut cannot be
      // confirmed, so Settings shows the command (the executable with --toggle) to bind instead.
      expect(report.hotkeyStatus).toMatchObject({ state: 'unconfirmed', accelerator: 'CommandOrControl+Alt+K', command: expect.stringMatching(/ --toggle$/) });
    }
    // Settings from the tray reuses the main window and switches its view; Open switches back.
    expect(report.afterTraySettings).toEqual({ url: 'app://topswitch/index.html#settings', windows: 2 });
    expect(report.afterTrayOpen).toEqual({ url: 'app://topswitch/index.html#main' });
    // Quit is deferred once for core.stop(), then goes through, with the hotkey released.
    expect(report.quit).toEqual({ quitCalls: 2, shortcutsLeft: 0 });
  });
});
