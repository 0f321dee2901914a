/**
 * The system-wide hotkey through Electron's globalShortcut. The logic (validation, keep the old
 * hotkey when the new one is taken, the HOTKEY_UNAVAILABLE message) is in hotkey.ts.
 */
import { globalShortcut } from 'electron';
import type { Translate } from '../shared/i18n.js';
import { createHotkeyController, type HotkeyController } from './hotkey.js';

export function createGlobalHotkey(onPressed: () => void, platform: NodeJS.Platform, speak: () => Translate): HotkeyController {
  return createHotkeyController(globalShortcut, onPressed, platform, speak);
}

/** On quit: a global shortcut outliving the app would swallow the key combination system-wide. */
export function releaseAllHotkeys(): void {
  globalShortcut.unregisterAll();
}
