/**
 * The tray icon: Open, Quick Switcher, Refresh, Settings, Quit. TopSwitch lives here while its
 * windows are hidden, so this is also how a user reaches it when the hotkey is unavailable.
 */
import { Menu, Tray, nativeImage } from 'electron';
import type { Translate } from '../shared/i18n.js';
import { trayMenuTemplate, type ShellActions } from './menu-template.js';

export interface AppTray {
  setHotkeyLabel(label: string | null): void;
  /** The UI's language changed: the menu is built again in it. */
  setTranslator(t: Translate): void;
  destroy(): void;
}

export function createTray(iconPath: string, actions: ShellActions, hotkeyLabel: string | null, platform: NodeJS.Platform, translate: Translate): AppTray {
  const image = nativeImage.createFromPath(iconPath);
  // macOS menu bar icons are 16pt (the 32px file serves as @2x); other platforms scale themselves.
  const tray = new Tray(platform === 'darwin' ? image.resize({ width: 16, height: 16 }) : image);
  let t = translate;
  let label = hotkeyLabel;
  tray.setToolTip(t('app.name'));
  const setMenu = () => tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(actions, label, t)));
  setMenu();
  // Windows and most Linux trays: a left click opens the switcher; macOS shows the menu instead.
  if (platform !== 'darwin') tray.on('click', () => actions.showSwitcher());
  return {
    setHotkeyLabel(next) {
      label = next;
      setMenu();
    },
    setTranslator(next) {
      t = next;
      setMenu();
    },
    destroy: () => tray.destroy(),
  };
}
