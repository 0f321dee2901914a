/**
 * The two windows: the quick switcher (frameless, always on top, summoned by the hotkey) and a
 * normal main window (framed, in the taskbar, like Telegram Desktop's), both showing the same
 * renderer through app://. Options come from window-options.ts, where they are unit-tested.
 */
import { BrowserWindow, screen, type WebPreferences } from 'electron';
import {
  mainWindowOptions,
  secureWebPreferences,
  switcherWindowOptions,
  viewHash,
  type WindowView,
} from './window-options.js';
import { rendererEntryUrl } from './security-rules.js';

export interface WindowContext {
  preloadPath: string;
  /** Vite's dev server under `npm run dev`; undefined in every build. */
  devServerUrl: string | undefined;
  /** Devtools only while developing. */
  packaged: boolean;
  platform: NodeJS.Platform;
  iconPath?: string;
}

function preferences(context: WindowContext): WebPreferences {
  return { ...secureWebPreferences(context.preloadPath), devTools: !context.packaged };
}

export function loadView(window: BrowserWindow, context: WindowContext, view: WindowView): Promise<void> {
  return window.loadURL(rendererEntryUrl(context.devServerUrl, viewHash(view)));
}

export function createSwitcherWindow(context: WindowContext): BrowserWindow {
  const webPreferences = preferences(context);
  const window = new BrowserWindow({
    ...switcherWindowOptions(webPreferences, context.platform),
    webPreferences: {
      ...webPreferences,
      // Restated at each construction site (secureWebPreferences already sets them) so that the
      // electronegativity scan in the suite can check them where the window is made.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (context.platform === 'darwin') {
    // Above full-screen apps and on every Space, like Spotlight.
    window.setAlwaysOnTop(true, 'pop-up-menu');
    window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
  }
  void loadView(window, context, 'switcher');
  return window;
}

export function createMainWindow(context: WindowContext, view: WindowView = 'main'): BrowserWindow {
  const webPreferences = preferences(context);
  const window = new BrowserWindow({
    ...mainWindowOptions(webPreferences),
    ...(context.iconPath ? { icon: context.iconPath } : {}),
    webPreferences: {
      ...webPreferences,
      // Restated at each construction site (secureWebPreferences already sets them) so that the
      // electronegativity scan in the suite can check them where the window is made.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  void loadView(window, context, view);
  return window;
}

/** The work area of the display the pointer is on: "the active display" for a keyboard-summoned window. */
export function activeWorkArea() {
  return screen.getDisplayNearestPoint(screen.getCursorScreenPoint()).workArea;
}
