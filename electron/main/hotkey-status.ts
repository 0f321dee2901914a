/**
 * What TopSwitch can honestly say about its system-wide shortcut on this desktop, and what to do
 * instead. On Wayland the GlobalShortcuts portal binds asynchronously and behind a consent
 * dialog, so `globalShortcut.register()` returning true only means "asked"; X11 does not report a
 * key another client already grabbed. Only macOS and Windows confirm a registration.
 */
import type { HotkeyStatus } from '../shared/ipc-contract.js';
import { desktopName, type DesktopEnvironment } from './desktop.js';
import { describeAccelerator, type HotkeyResult } from './hotkey.js';
import { translator, type Translate } from '../shared/i18n.js';

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
export function customShortcutHint(desktop: DesktopEnvironment, command: string, t: Translate = translator('en')): string | null {
  if (desktop.platform !== 'linux') return null;
  switch (desktop.desktop) {
    case 'gnome':
      return t('desktop.hotkey.where.gnome');
    case 'kde':
      return t('desktop.hotkey.where.kde');
    case 'sway':
      return t('desktop.hotkey.where.sway', { command });
    case 'hyprland':
      return t('desktop.hotkey.where.hyprland', { command });
    default:
      return t('desktop.hotkey.where.other');
  }
}

/** The status, its advice worded in the UI's language (`t`; English when none is given). */
export function hotkeyStatus(input: HotkeyStatusInput, t: Translate = translator('en')): HotkeyStatus {
  const { desktop, accelerator, result, portal, command, trayMissing } = input;
  const platform = desktop.platform;
  const keys = accelerator ? describeAccelerator(accelerator, platform) : t('desktop.hotkey.theShortcut');
  const linux = platform === 'linux';
  const base = {
    accelerator,
    command: linux ? command : null,
    where: customShortcutHint(desktop, command, t),
    trayMissing,
  };
  /** Sentences joined; the last says how to get TopSwitch back where there is no tray. */
  const say = (...sentences: Array<string | false>) => [...sentences, trayMissing && t('desktop.hotkey.noTray')].filter(Boolean).join(' ');

  if (!result || !result.ok) {
    const why = result && !result.ok ? result.message : t('desktop.hotkey.couldNotRegister', { keys });
    return { ...base, state: 'unavailable', message: say(why, linux && t('desktop.hotkey.bindInstead')) };
  }
  if (!linux) return { ...base, state: 'registered', message: t('desktop.hotkey.registered', { keys }) };

  if (!desktop.wayland) return { ...base, state: 'unconfirmed', message: say(t('desktop.hotkey.x11', { keys })) };
  const name = desktopName(desktop, t);
  if (portal.globalShortcuts === false) {
    return { ...base, state: 'unavailable', message: say(t('desktop.hotkey.noPortal', { desktop: name, keys })) };
  }
  if (!portal.identity) {
    return { ...base, state: 'unavailable', message: say(t('desktop.hotkey.noIdentity', { desktop: name, keys })) };
  }
  if (portal.launchedAs === 'other') {
    return { ...base, state: 'unavailable', message: say(t('desktop.hotkey.notFromMenu', { desktop: name, keys })) };
  }
  // GNOME asks the user once; other portals may decide without a word.
  const unconfirmed = desktop.desktop === 'gnome' ? t('desktop.hotkey.unconfirmedAsked', { desktop: name, keys }) : t('desktop.hotkey.unconfirmed', { desktop: name, keys });
  return { ...base, state: 'unconfirmed', message: say(unconfirmed) };
}
