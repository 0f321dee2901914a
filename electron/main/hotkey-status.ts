/**
 * What TopSwitch can honestly say about its system-wide shortcut on this desktop, and what to do
 * instead. On Wayland the GlobalShortcuts portal binds asynchronously and behind a consent
 * dialog, so `globalShortcut.register()` returning true only means "asked"; X11 does not report a
 * key another client already grabbed. Only macOS and Windows confirm a registration.
 */
import type { HotkeyStatus } from '../shared/ipc-contract.js';
import { desktopName, type DesktopEnvironment } from './desktop.js';
import { describeAccelerator, type HotkeyResult } from './hotkey.js';

export interface PortalState {
  /** A .desktop file whose name is the app id is installed, so the portal can resolve who asks. */
  identity: boolean;
  /** The session's portal offers org.freedesktop.portal.GlobalShortcuts; null when D-Bus could not be asked. */
  globalShortcuts: boolean | null;
  /**
   * Whether this process runs in its own app unit (started from its desktop entry), which is how
   * the portal tells host apps apart: 'other' when started from a terminal or another app's unit.
   */
  launchedAs?: 'this-app' | 'other' | 'unknown';
}

export interface HotkeyStatusInput {
  desktop: DesktopEnvironment;
  /** What was asked for, and what Electron answered (undefined before the first attempt). */
  accelerator: string | null;
  result: HotkeyResult | undefined;
  portal: PortalState;
  /** The command that toggles the switcher (see desktop-command.ts). */
  command: string;
  trayMissing: boolean;
}

/** Where custom shortcuts live on each desktop, in one line. */
export function customShortcutHint(desktop: DesktopEnvironment, command: string): string | null {
  if (desktop.platform !== 'linux') return null;
  switch (desktop.desktop) {
    case 'gnome':
      return 'GNOME keeps custom shortcuts in Settings → Keyboard → View and Customise Shortcuts → Custom Shortcuts.';
    case 'kde':
      return 'KDE keeps them in System Settings → Keyboard → Shortcuts → Add New → Command or Script.';
    case 'sway':
      return `sway: add a line such as  bindsym Ctrl+Mod1+k exec ${command}  to ~/.config/sway/config, then reload.`;
    case 'hyprland':
      return `Hyprland: add a line such as  bind = CTRL ALT, K, exec, ${command}  to ~/.config/hypr/hyprland.conf.`;
    default:
      return 'Add a custom shortcut that runs this command in your desktop’s keyboard settings.';
  }
}

export function hotkeyStatus(input: HotkeyStatusInput): HotkeyStatus {
  const { desktop, accelerator, result, portal, command, trayMissing } = input;
  const platform = desktop.platform;
  const keys = accelerator ? describeAccelerator(accelerator, platform) : 'the shortcut';
  const linux = platform === 'linux';
  const base = {
    accelerator,
    command: linux ? command : null,
    where: customShortcutHint(desktop, command),
    trayMissing,
  };
  const wayBack = trayMissing ? ' There is no tray icon on this desktop, so closing the window quits TopSwitch; the command brings it back.' : '';

  if (!result || !result.ok) {
    const why = result && !result.ok ? result.message : `TopSwitch could not register ${keys}.`;
    return { ...base, state: 'unavailable', message: `${why}${linux ? ' Instead, bind the command below to a key.' : ''}${wayBack}` };
  }
  if (!linux) return { ...base, state: 'registered', message: `${keys} opens TopSwitch from anywhere.` };

  if (!desktop.wayland) {
    return {
      ...base,
      state: 'unconfirmed',
      message: `TopSwitch asked X11 for ${keys}. X11 does not tell an app when another one already holds a key: if pressing it does nothing, bind the command below instead.${wayBack}`,
    };
  }
  const name = desktopName(desktop);
  if (portal.globalShortcuts === false) {
    return {
      ...base,
      state: 'unavailable',
      message: `${name} on Wayland offers apps no global shortcuts (no GlobalShortcuts portal), so ${keys} cannot work here. Bind the command below to a key instead.${wayBack}`,
    };
  }
  if (!portal.identity) {
    return {
      ...base,
      state: 'unavailable',
      message: `On Wayland, ${name} grants shortcuts only to apps with an installed desktop entry, and TopSwitch could not find or write its own, so ${keys} will not work. Bind the command below to a key instead.${wayBack}`,
    };
  }
  if (portal.launchedAs === 'other') {
    return {
      ...base,
      state: 'unavailable',
      message: `TopSwitch was not started from its menu entry (a terminal, say), so ${name}'s shortcut portal cannot tell which app asks for ${keys} and refuses it. Start TopSwitch from the app menu, or bind the command below to a key instead.${wayBack}`,
    };
  }
  const consent = desktop.desktop === 'gnome' ? ` ${name} asks you once to allow it; if that dialog was dismissed, or` : ' If';
  return {
    ...base,
    state: 'unconfirmed',
    message: `TopSwitch asked ${name} for ${keys}, but on Wayland the desktop does not say whether it agreed.${consent} pressing it does nothing, bind the command below to a key instead.${wayBack}`,
  };
}
