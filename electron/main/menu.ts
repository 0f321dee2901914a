/** The application menu (template and accelerators in menu-template.ts). */
import { Menu } from 'electron';
import { appMenuTemplate, type ShellActions } from './menu-template.js';

export function installAppMenu(actions: ShellActions, options: { platform: NodeJS.Platform; appName: string; packaged: boolean }): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(actions, options)));
}
