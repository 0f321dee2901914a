/** The application menu (template and accelerators in menu-template.ts). */
import { Menu } from 'electron';
import type { Translate } from '../shared/i18n.js';
import { appMenuTemplate, type ShellActions } from './menu-template.js';

/** Installs (or, after a language change, replaces) the application menu. */
export function installAppMenu(actions: ShellActions, options: { platform: NodeJS.Platform; appName: string; packaged: boolean }, t: Translate): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(actions, options, t)));
}
