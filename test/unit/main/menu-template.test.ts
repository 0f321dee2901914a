import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate, trayMenuTemplate, type ShellActions } from '../../../electron/main/menu-template.js';
import { translator } from '../../../electron/shared/i18n.js';

function recordingActions() {
  const calls: string[] = [];
  const actions: ShellActions = {
    showSwitcher: () => calls.push('showSwitcher'),
    openMainWindow: () => calls.push('openMainWindow'),
    refresh: () => calls.push('refresh'),
    openSettings: () => calls.push('openSettings'),
    quit: () => calls.push('quit'),
  };
  return { actions, calls };
}

/** Every item, submenus flattened. */
function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

const click = (item: MenuItemConstructorOptions | undefined) =>
  (item?.click as unknown as (() => void) | undefined)?.();

describe('tray menu', () => {
  it('offers Open, the switcher, Refresh, Settings and Quit, each running its action', () => {
    const { actions, calls } = recordingActions();
    const items = trayMenuTemplate(actions, 'Ctrl+Alt+K');
    expect(items.filter((item) => item.type !== 'separator').map((item) => item.label)).toEqual([
      'Open TopSwitch',
      'Quick Switcher (Ctrl+Alt+K)',
      'Refresh Top Peers',
      'Settings…',
      'Quit TopSwitch',
    ]);
    for (const id of ['open', 'switcher', 'refresh', 'settings', 'quit']) click(items.find((item) => item.id === id));
    expect(calls).toEqual(['openMainWindow', 'showSwitcher', 'refresh', 'openSettings', 'quit']);
  });

  it('drops the hotkey hint when no hotkey is registered', () => {
    const { actions } = recordingActions();
    expect(trayMenuTemplate(actions, null).find((item) => item.id === 'switcher')?.label).toBe('Quick Switcher');
  });
});

describe('app menu', () => {
  it('puts Settings and Quit in the app menu on macOS with Cmd shortcuts', () => {
    const { actions, calls } = recordingActions();
    const items = flatten(appMenuTemplate(actions, { platform: 'darwin', appName: 'TopSwitch', packaged: true }));
    expect(items.find((item) => item.id === 'settings')?.accelerator).toBe('Command+,');
    expect(items.find((item) => item.id === 'quit')?.accelerator).toBe('Command+Q');
    click(items.find((item) => item.id === 'quit'));
    expect(calls).toEqual(['quit']);
  });

  it('has a File menu with Ctrl shortcuts elsewhere, and the view shortcuts everywhere', () => {
    const { actions, calls } = recordingActions();
    const items = flatten(appMenuTemplate(actions, { platform: 'linux', appName: 'TopSwitch', packaged: true }));
    expect(items.find((item) => item.id === 'settings')?.accelerator).toBe('Control+,');
    expect(items.find((item) => item.id === 'switcher')?.accelerator).toBe('CommandOrControl+K');
    expect(items.find((item) => item.id === 'refresh')?.accelerator).toBe('CommandOrControl+R');
    click(items.find((item) => item.id === 'switcher'));
    click(items.find((item) => item.id === 'refresh'));
    click(items.find((item) => item.id === 'main'));
    expect(calls).toEqual(['showSwitcher', 'refresh', 'openMainWindow']);
    // Copy and paste in the search field need the Edit roles.
    expect(items.some((item) => item.role === 'editMenu')).toBe(true);
  });

  it('offers devtools only in development builds', () => {
    const { actions } = recordingActions();
    const packaged = flatten(appMenuTemplate(actions, { platform: 'win32', appName: 'TopSwitch', packaged: true }));
    const development = flatten(appMenuTemplate(actions, { platform: 'win32', appName: 'TopSwitch', packaged: false }));
    expect(packaged.some((item) => item.role === 'toggleDevTools')).toBe(false);
    expect(development.some((item) => item.role === 'toggleDevTools')).toBe(true);
  });

  it('uses no accelerator twice', () => {
    const { actions } = recordingActions();
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const accelerators = flatten(appMenuTemplate(actions, { platform, appName: 'TopSwitch', packaged: false }))
        .map((item) => item.accelerator)
        .filter(Boolean);
      expect(new Set(accelerators).size, platform).toBe(accelerators.length);
    }
  });
});

describe('menus in the UI language', () => {
  it('words the tray and the app menu from the Russian catalogue, keeping ids and accelerators', () => {
    const { actions } = recordingActions();
    const ru = translator('ru');
    expect(trayMenuTemplate(actions, 'Ctrl+Alt+K', ru).filter((item) => item.type !== 'separator').map((item) => item.label)).toEqual([
      'Открыть TopSwitch',
      'Быстрый переключатель (Ctrl+Alt+K)',
      'Обновить частые контакты',
      'Настройки…',
      'Выйти из TopSwitch',
    ]);
    const items = flatten(appMenuTemplate(actions, { platform: 'linux', appName: 'TopSwitch', packaged: true }, ru));
    expect(items.find((item) => item.id === 'settings')).toMatchObject({ label: '&Настройки…', accelerator: 'Control+,' });
    expect(items.find((item) => item.id === 'main')?.label).toBe('Главное окно');
  });
});
