/**
 * The options every TopSwitch window is created with, and the maths that places the switcher.
 * Plain data and arithmetic (only type imports from electron), so each checklist item is a unit
 * test rather than a hope; `window.ts` feeds these to BrowserWindow.
 */
import { isAbsolute } from 'node:path';
import type { BrowserWindowConstructorOptions, Rectangle, WebPreferences } from 'electron';

/**
 * Electron security checklist, the renderer half. Every value is spelled out even where it is
 * Electron's default today: a default that changes between majors must not silently weaken us.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  // A sandboxed preload is loaded as CommonJS; an .mjs/.js ESM preload would silently not run.
  if (!isAbsolute(preloadPath) || !preloadPath.endsWith('.cjs')) {
    throw new Error(`The preload must be an absolute path to a .cjs file, got ${preloadPath}`);
  }
  return {
    preload: preloadPath,
    // The page and the preload live in separate JavaScript worlds; the page sees only window.api.
    contextIsolation: true,
    // The renderer runs in Chromium's OS-level sandbox; the preload can require only 'electron'.
    sandbox: true,
    // No Node.js in the page, in workers, or in any frame.
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    // Same-origin policy and mixed-content blocking stay on.
    webSecurity: true,
    allowRunningInsecureContent: false,
    // <webview> is a second browser inside ours: never needed, so never available.
    webviewTag: false,
    // Experimental Blink features are unreviewed attack surface.
    experimentalFeatures: false,
    // Middle-click (auxclick) on a link would try to open a new window; there is nothing to open.
    disableBlinkFeatures: 'Auxclick',
    // Dropping a file or link on the window must not navigate it away from the app.
    navigateOnDragDrop: false,
    // The spellchecker downloads dictionaries from Google: no network from the renderer.
    spellcheck: false,
    // A page cannot trap the user in a loop of alert() dialogs.
    safeDialogs: true,
    // Nothing in TopSwitch plays media; no autoplay without a gesture.
    autoplayPolicy: 'document-user-activation-required',
    enableWebSQL: false,
    // The devtools stay available in development only; packaged builds set this false in window.ts.
    devTools: true,
  };
}

export const SWITCHER_SIZE = { width: 640, height: 460 } as const;
export const MAIN_WINDOW_SIZE = { width: 980, height: 680, minWidth: 640, minHeight: 420 } as const;

/** The quick switcher: a borderless panel that floats over everything and lives off the taskbar. */
export function switcherWindowOptions(webPreferences: WebPreferences, platform: NodeJS.Platform): BrowserWindowConstructorOptions {
  return {
    ...SWITCHER_SIZE,
    show: false, // shown by the hotkey, already positioned and painted
    frame: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    resizable: false,
    movable: true,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    // A macOS panel can appear over full-screen apps without switching Spaces.
    ...(platform === 'darwin' ? { type: 'panel' as const } : {}),
    title: 'TopSwitch',
    backgroundColor: '#1f2329',
    webPreferences,
  };
}

/** The Telegram-Desktop-like window opened from the tray or the menu: framed, resizable, in the taskbar. */
export function mainWindowOptions(webPreferences: WebPreferences): BrowserWindowConstructorOptions {
  return {
    ...MAIN_WINDOW_SIZE,
    show: false,
    title: 'TopSwitch',
    backgroundColor: '#1f2329',
    autoHideMenuBar: false,
    webPreferences,
  };
}

/**
 * Where the switcher goes: centred on the work area (the display minus taskbars and docks) of the
 * display the pointer is on, shrunk if that display is smaller than the window.
 */
export function centreOnWorkArea(workArea: Rectangle, size: { width: number; height: number }): Rectangle {
  const width = Math.min(size.width, workArea.width);
  const height = Math.min(size.height, workArea.height);
  return {
    x: workArea.x + Math.floor((workArea.width - width) / 2),
    y: workArea.y + Math.floor((workArea.height - height) / 2),
    width,
    height,
  };
}

/** Which page a window shows: the renderer reads the hash (no hash = the switcher). */
export type WindowView = 'switcher' | 'main' | 'settings';
export function viewHash(view: WindowView): string {
  return view === 'switcher' ? '' : view;
}

/**
 * Where the switcher appears. Wayland gives a client neither the pointer position nor a say in
 * where its window goes (getCursorScreenPoint, setPosition and setAlwaysOnTop do nothing there),
 * so placement is left to the compositor, which centres new dialogs on GNOME and KDE.
 */
export type SwitcherPlacement = 'centre-on-active-display' | 'compositor';
export function switcherPlacement(environment: { platform: NodeJS.Platform; wayland: boolean }): SwitcherPlacement {
  return environment.platform === 'linux' && environment.wayland ? 'compositor' : 'centre-on-active-display';
}

/**
 * What closing a window does. With a tray icon it hides (TopSwitch lives on in the tray); on a
 * Linux desktop with no tray host (GNOME without an AppIndicator extension) a hidden app would be
 * unreachable except by its shortcut, so closing quits.
 */
export function closeAction(environment: { platform: NodeJS.Platform; trayHost: boolean | null }): 'hide' | 'quit' {
  return environment.platform === 'linux' && environment.trayHost === false ? 'quit' : 'hide';
}
