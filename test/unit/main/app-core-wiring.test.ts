import { describe, expect, it } from 'vitest';
import { createShellHost } from '../../../electron/main/app-core-wiring.js';
import { createHotkeyController, type GlobalShortcutLike } from '../../../electron/main/hotkey.js';
import { createAppCore } from '../../../electron/core/app-core.js';
import { createRouter } from '../../../electron/core/router.js';
import { createMemoryStore } from '../../../electron/core/store.js';
import { createMemorySecretStore } from '../../../electron/core/telegram/secret-store.js';
import { translator } from '../../../electron/shared/i18n.js';

/** The shell's words in English, as these tests read them. */
const english = () => translator('en');

function shortcutsHeldElsewhere(held: string[]): GlobalShortcutLike {
  const registered = new Set<string>();
  return {
    register: (accelerator) => !held.includes(accelerator) && !!registered.add(accelerator),
    unregister: (accelerator) => void registered.delete(accelerator),
    isRegistered: (accelerator) => registered.has(accelerator),
  };
}

function host(platform: NodeJS.Platform = 'linux', held: string[] = []) {
  const opened: string[] = [];
  const loginItem: boolean[] = [];
  let hidden = 0;
  const hotkey = createHotkeyController(shortcutsHeldElsewhere(held), () => {}, platform, english);
  const appHost = createShellHost({
    hotkey,
    platform,
    openExternal: async (url) => void opened.push(url),
    hideWindow: () => void hidden++,
    setLaunchAtLogin: (on) => void loginItem.push(on),
    speak: english,
  });
  return { appHost, hotkey, opened, loginItem, hidden: () => hidden };
}

describe('the host the shell gives the core', () => {
  it('opens Telegram links and refuses anything else before it reaches the OS', async () => {
    const { appHost, opened } = host();
    await appHost.openExternal('tg://resolve?domain=durov');
    await appHost.openExternal('https://t.me/c/123/999999999');
    await expect(appHost.openExternal('file:///etc/passwd')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(appHost.openExternal('https://evil.example/')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(opened).toEqual(['tg://resolve?domain=durov', 'https://t.me/c/123/999999999']);
  });

  it('opens web pages and Telegram links clicked in messages, and refuses other schemes before the OS sees them', async () => {
    const { appHost, opened } = host();
    await appHost.openLink!('https://example.org/docs');
    await appHost.openLink!('tg://resolve?domain=durov');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'https://bank.example@evil.example/', 'smb://host/share']) {
      await expect(appHost.openLink!(url)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    // openExternal stays Telegram-only: links from messages have their own door.
    await expect(appHost.openExternal('https://example.org/docs')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(opened).toEqual(['https://example.org/docs', 'tg://resolve?domain=durov']);
  });

  it('maps the stored default hotkey to Cmd+Shift+K on macOS', () => {
    const { appHost, hotkey } = host('darwin');
    expect(appHost.setHotkey('CommandOrControl+Alt+K')).toBe(true);
    expect(hotkey.current()).toBe('Command+Shift+K');
  });

  it('passes hide and launch-at-login through', () => {
    const { appHost, loginItem, hidden } = host();
    appHost.hideWindow();
    appHost.setLaunchAtLogin(true);
    expect(hidden()).toBe(1);
    expect(loginItem).toEqual([true]);
  });

  it('through the real core and router, a taken hotkey comes back as HOTKEY_UNAVAILABLE saying what to do, and settings keep the old one', async () => {
    const { appHost, hotkey } = host('linux', ['Super+Space']);
    appHost.setHotkey('CommandOrControl+Alt+K');
    const core = createAppCore({
      dataDir: '/nonexistent-topswitch-test',
      store: createMemoryStore(),
      secretStore: createMemorySecretStore(),
      env: {},
      host: appHost,
      autoRefresh: false,
    });
    const router = createRouter(core.handlers);
    const taken = await router.handle('settings:set', { hotkey: 'Super+Space' });
    expect(taken).toMatchObject({ ok: false, error: { code: 'HOTKEY_UNAVAILABLE' } });
    if (!taken.ok) expect(taken.error.message).toMatch(/Super\+Space is already used by another application.*keeps Ctrl\+Alt\+K/);
    const settings = await router.handle('settings:get', {});
    expect(settings).toMatchObject({ ok: true, value: { hotkey: 'CommandOrControl+Alt+K' } });
    expect(hotkey.current()).toBe('CommandOrControl+Alt+K');

    const moved = await router.handle('settings:set', { hotkey: 'Control+Shift+Space' });
    expect(moved).toMatchObject({ ok: true, value: { hotkey: 'Control+Shift+Space' } });
    expect(hotkey.current()).toBe('Control+Shift+Space');

    const typo = await router.handle('settings:set', { hotkey: 'Ctrl+Hyper+K' });
    expect(typo).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    await core.stop();
  });
});
