/**
 * The tray menu and the application menu as plain templates: labels, accelerators and which action
 * each item runs. `tray.ts` and `menu.ts` hand them to Menu.buildFromTemplate; tests read them.
 * Labels come from the catalogues in the UI's language (`t`); Electron words its own roles.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { translator, type Translate } from '../shared/i18n.js';

export interface ShellActions {
  /** Show the quick switcher. */
  showSwitcher(): void;
  /** Open (or focus) the normal main window. */
  openMainWindow(): void;
  refresh(): void;
  openSettings(): void;
  quit(): void;
}

export function trayMenuTemplate(actions: ShellActions, hotkeyLabel: string | null, t: Translate = translator('en')): MenuItemConstructorOptions[] {
  return [
    { id: 'open', label: t('desktop.tray.open'), click: () => actions.openMainWindow() },
    {
      id: 'switcher',
      // The hotkey is shown as a hint, not as an accelerator: tray menus ignore accelerators.
      label: hotkeyLabel ? t('desktop.tray.switcherWithKey', { hotkey: hotkeyLabel }) : t('desktop.tray.switcher'),
      click: () => actions.showSwitcher(),
    },
    { id: 'refresh', label: t('desktop.tray.refresh'), click: () => actions.refresh() },
    { type: 'separator' },
    { id: 'settings', label: t('desktop.tray.settings'), click: () => actions.openSettings() },
    { type: 'separator' },
    { id: 'quit', label: t('desktop.tray.quit'), click: () => actions.quit() },
  ];
}

/**
 * The app menu. Its accelerators work while a TopSwitch window is focused (the global hotkey is
 * separate); the Edit roles keep copy/paste working in the search field on macOS.
 */
export function appMenuTemplate(
  actions: ShellActions,
  options: { platform: NodeJS.Platform; appName: string; packaged: boolean },
  t: Translate = translator('en'),
): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const fileOrApp: MenuItemConstructorOptions = mac
    ? {
        label: options.appName,
        submenu: [
          { role: 'about' },
          { type: 'separator' },
          { id: 'settings', label: t('desktop.menu.appSettings'), accelerator: 'Command+,', click: () => actions.openSettings() },
          { type: 'separator' },
          { role: 'hide' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          { type: 'separator' },
          { id: 'quit', label: t('desktop.menu.quitApp', { app: options.appName }), accelerator: 'Command+Q', click: () => actions.quit() },
        ],
      }
    : {
        label: t('desktop.menu.file'),
        submenu: [
          { id: 'settings', label: t('desktop.menu.settings'), accelerator: 'Control+,', click: () => actions.openSettings() },
          { type: 'separator' },
          { id: 'quit', label: t('desktop.menu.quit'), accelerator: 'Control+Q', click: () => actions.quit() },
        ],
      };
  const view: MenuItemConstructorOptions = {
    label: t('desktop.menu.view'),
    submenu: [
      { id: 'switcher', label: t('desktop.tray.switcher'), accelerator: 'CommandOrControl+K', click: () => actions.showSwitcher() },
      { id: 'main', label: t('desktop.menu.mainWindow'), accelerator: 'CommandOrControl+0', click: () => actions.openMainWindow() },
      {
        id: 'refresh',
        label: t('desktop.tray.refresh'),
        accelerator: 'CommandOrControl+R',
        // Shown, not registered (Windows, Linux): the switcher handles Ctrl+R itself and shows
        // its own progress; a registered accelerator would swallow the key before the page sees it.
        registerAccelerator: false,
        click: () => actions.refresh(),
      },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      // Devtools only while developing: in a packaged build they are a way into the page's world.
      ...(options.packaged ? [] : [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }]),
    ],
  };
  return [
    fileOrApp,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
  ];
}
