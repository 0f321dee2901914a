/**
 * The seam between the Electron shell and the core (electron/core/app-core.ts): the `AppHost`
 * the core calls for what only the shell can do, built from plain pieces so it is unit-tested.
 * No electron import: index.ts passes the Electron-backed pieces in.
 */
import type { AppHost } from '../core/host.js';
import { AppError } from '../core/errors.js';
import type { Translate } from '../shared/i18n.js';
import { effectiveHotkey, type HotkeyController } from './hotkey.js';
import { isAllowedExternalUrl, isAllowedLinkUrl } from './security-rules.js';

export interface ShellHostDeps {
  hotkey: HotkeyController;
  platform: NodeJS.Platform;
  /** The shell's translator of the moment: a refusal is worded in the language the user reads. */
  speak: () => Translate;
  /** shell.openExternal; only ever called with a URL that passed isAllowedExternalUrl (or, for links in messages, isAllowedLinkUrl). */
  openExternal(url: string): Promise<void>;
  hideWindow(): void;
  setLaunchAtLogin(on: boolean): void;
  /** After the hotkey changed (the tray shows it). */
  onHotkeyChanged?(): void;
}

export function createShellHost(deps: ShellHostDeps): AppHost {
  return {
    async openExternal(url) {
      // The core builds these links, but the OS runs whatever handler a URL names: check anyway.
      if (!isAllowedExternalUrl(url)) throw new AppError('INVALID_ARGUMENT', deps.speak()('desktop.links.telegramOnly'));
      await deps.openExternal(url);
    },
    async openLink(url) {
      if (!isAllowedLinkUrl(url)) throw new AppError('INVALID_ARGUMENT', deps.speak()('desktop.links.webOrTelegram'));
      await deps.openExternal(url);
    },
    hideWindow: () => deps.hideWindow(),
    setHotkey(accelerator) {
      const result = deps.hotkey.apply(effectiveHotkey(accelerator, deps.platform));
      deps.onHotkeyChanged?.();
      // The core would say "taken" in general terms; throwing our AppError gives the user the
      // specific message (which app, what is kept, where to go) and INVALID_ARGUMENT for typos.
      if (!result.ok) throw new AppError(result.code, result.message);
      return true;
    },
    setLaunchAtLogin: (on) => deps.setLaunchAtLogin(on),
  };
}
