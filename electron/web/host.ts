/**
 * The AppHost of browser mode: what the core asks of "the shell" when the shell is a browser tab.
 * A tab cannot claim a global shortcut, sit in the tray or start at login: those say so plainly
 * (Settings shows the same, from `app:version`'s host), rather than pretend to have worked.
 */
import type { AppHost } from '../core/app-core.js';
import type { Handlers } from '../core/router.js';
import { AppError } from '../core/errors.js';
import { isAllowedExternalUrl, isAllowedLinkUrl } from '../main/security-rules.js';
import type { Opener } from './open.js';

export const BROWSER_LIMITS = 'A browser tab has no global shortcut, tray icon or launch at login: the desktop app (Electron) has them.';

export function createBrowserHost(opener: Pick<Opener, 'openLink'>): AppHost {
  return {
    async openExternal(url) {
      // The core builds these links, but the system runs whatever handler a URL names: check anyway.
      if (!isAllowedExternalUrl(url)) throw new AppError('INVALID_ARGUMENT', 'TopSwitch only opens Telegram links (tg: and https://t.me/).');
      if (!(await opener.openLink(url))) throw new AppError('INTERNAL', `Nothing on this system could open ${url}.`);
    },
    async openLink(url) {
      if (!isAllowedLinkUrl(url)) throw new AppError('INVALID_ARGUMENT', 'TopSwitch opens only web pages (http, https) and Telegram links.');
      if (!(await opener.openLink(url))) throw new AppError('INTERNAL', `Nothing on this system could open ${url}.`);
    },
    // A page cannot hide its own tab or window; Esc on an empty query simply does nothing here.
    hideWindow: () => {},
    setHotkey() {
      throw new AppError('HOTKEY_UNAVAILABLE', BROWSER_LIMITS);
    },
    setLaunchAtLogin(on) {
      if (on) throw new AppError('INVALID_ARGUMENT', BROWSER_LIMITS);
    },
  };
}

/** The core's handlers as browser mode serves them: `app:version` also names the host. */
export function browserHandlers(handlers: Handlers): Handlers {
  return {
    ...handlers,
    'app:version': async (args) => ({ ...(await handlers['app:version'](args)), host: 'browser' as const }),
  };
}
