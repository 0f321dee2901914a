/**
 * App lifecycle: single instance, security set-up before 'ready', then the core, the windows, the
 * hotkey, the tray and the menu, and an orderly quit. Everything with a rule in it lives in its own
 * module (and is unit-tested there); this file only decides the order.
 */
import { join } from 'node:path';
import { app, dialog, safeStorage, session, type BrowserWindow } from 'electron';
import trayIconPath from '../../build/icons/32x32.png?asset';
import windowIconPath from '../../build/icons/256x256.png?asset';
import { systemClock, withTimeout } from '../core/clock.js';
import { createRouter } from '../core/router.js';
import { createAppCore, type AppCore } from '../core/app-core.js';
import { createShellHost } from './app-core-wiring.js';
import { describeAccelerator, effectiveHotkey, type HotkeyController } from './hotkey.js';
import { bindIpc } from './ipc.js';
import { coreEnvironment, parseLaunchArgs } from './launch-args.js';
import { installAppMenu } from './menu.js';
import type { ShellActions } from './menu-template.js';
import { applyLaunchAtLogin } from './platform/login-item.js';
import { createSafeStorageSecretStore } from './platform/secret-store.js';
import { createElectronStore } from './platform/store.js';
import { handleAppProtocol, registerAppScheme } from './protocol.js';
import {
  blockRendererNetwork,
  denyPermissions,
  enableSandboxEverywhere,
  openExternalSafely,
  restrictAllContents,
} from './security.js';
import { createGlobalHotkey, releaseAllHotkeys } from './shortcuts.js';
import { createSwitcherController, type SwitcherController } from './switcher-controller.js';
import { createTray, type AppTray } from './tray.js';
import { SWITCHER_SIZE, viewHash, type WindowView } from './window-options.js';
import { activeWorkArea, createMainWindow, createSwitcherWindow, loadView, type WindowContext } from './window.js';

const log = (message: string, detail?: unknown) =>
  detail === undefined ? console.log(`[topswitch] ${message}`) : console.log(`[topswitch] ${message}`, detail);

const launch = parseLaunchArgs(process.argv, process.env);
// Only under `npm run dev`, never in a build: electron-vite sets it for the dev server.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

// A demo run keeps its own profile, so trying the demo never touches a real session or settings,
// and it may run next to the real app (the single-instance lock is per profile).
if (launch.demo) app.setPath('userData', join(app.getPath('userData'), 'demo'));

// --- Before 'ready' -------------------------------------------------------------------------
// In a Wayland session only the XDG GlobalShortcuts portal can give an app a system-wide key;
// the portal knows the app by its desktop name (package.json desktopName). X11 ignores this.
if (process.platform === 'linux') app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal');

if (!app.requestSingleInstanceLock()) {
  // A second launch: the first instance gets 'second-instance' and shows itself; this one leaves.
  app.quit();
} else {
  registerAppScheme();
  enableSandboxEverywhere();
  restrictAllContents(devServerUrl, log);
  void app.whenReady().then(start).catch((error: unknown) => {
    log('failed to start', error);
    dialog.showErrorBox('TopSwitch could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}

// --- After 'ready' --------------------------------------------------------------------------
async function start(): Promise<void> {
  const platform = process.platform;
  const context: WindowContext = {
    preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
    devServerUrl,
    packaged: app.isPackaged,
    platform,
    iconPath: windowIconPath,
  };
  const rendererDir = join(import.meta.dirname, '../renderer');
  handleAppProtocol(session.defaultSession, rendererDir);
  denyPermissions(session.defaultSession, log);
  blockRendererNetwork(session.defaultSession, devServerUrl, log);

  let quitting = false;
  let hotkey: HotkeyController;
  let tray: AppTray | undefined;
  let mainWindow: BrowserWindow | undefined;
  const switcherWindow = createSwitcherWindow(context);

  const switcher: SwitcherController = createSwitcherController({
    window: () => switcherWindow,
    activeWorkArea,
    size: SWITCHER_SIZE,
    ...(platform === 'darwin' ? { activateApp: () => app.focus({ steal: true }) } : {}),
    onShown: () => core.api.windowShown(),
  });
  switcherWindow.on('blur', () => {
    // With devtools open, clicking into them must not make the page under inspection vanish.
    if (!switcherWindow.webContents.isDevToolsFocused()) switcher.handleBlur();
  });
  // Windows hide rather than close: the app lives on in the tray until Quit.
  switcherWindow.on('close', (event) => {
    if (!quitting) {
      event.preventDefault();
      switcher.hide();
    }
  });

  const openMainWindow = (view: WindowView = 'main') => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = createMainWindow(context, view);
      mainWindow.on('close', (event) => {
        if (!quitting) {
          event.preventDefault();
          mainWindow?.hide();
        }
      });
    } else {
      // Same document, new hash: the renderer switches view on 'hashchange' without reloading.
      if (new URL(mainWindow.webContents.getURL() || 'app://topswitch/').hash.replace('#', '') !== viewHash(view)) {
        void loadView(mainWindow, context, view);
      }
      mainWindow.show();
      mainWindow.focus();
    }
    switcher.hide();
    core.api.windowShown();
  };

  // Before the core exists: the core may set the hotkey from its settings while it starts.
  hotkey = createGlobalHotkey(() => switcher.toggle(), platform);

  const host = createShellHost({
    hotkey,
    platform,
    openExternal: async (url) => {
      await openExternalSafely(url, log);
    },
    // Esc in the switcher. The main window is a normal window: it stays until the user closes it.
    hideWindow: () => switcher.hide(),
    setLaunchAtLogin(on) {
      applyLaunchAtLogin(on, {
        platform,
        execPath: process.execPath,
        env: process.env,
        setLoginItemSettings: (settings) => app.setLoginItemSettings(settings),
      });
    },
    onHotkeyChanged: () => tray?.setHotkeyLabel(hotkeyLabel()),
  });

  const dataDir = app.getPath('userData');
  const core: AppCore = createAppCore({
    dataDir,
    store: createElectronStore(dataDir, (movedTo) => log(`settings file was unreadable; moved to ${movedTo}`)),
    secretStore: createSafeStorageSecretStore(safeStorage, dataDir, platform),
    env: coreEnvironment(launch, process.env),
    host,
    clock: systemClock(),
    version: app.getVersion(),
    log: (level, message, detail) => log(`${level}: ${message}`, detail),
  });

  const windows = () =>
    [switcherWindow, mainWindow].filter((window): window is BrowserWindow => !!window && !window.isDestroyed()).map((window) => window.webContents);
  const unbindIpc = bindIpc(createRouter(core.handlers, log), core.events, windows);

  const hotkeyLabel = () => {
    const current = hotkey.current();
    return current ? describeAccelerator(current, platform) : null;
  };

  const actions: ShellActions = {
    showSwitcher: () => switcher.show(),
    openMainWindow: () => openMainWindow('main'),
    refresh: () => void core.api.refreshTopPeers().catch((error: unknown) => log('refresh failed', error)),
    openSettings: () => openMainWindow('settings'),
    quit: () => app.quit(),
  };

  app.on('second-instance', () => openMainWindow('main'));
  app.on('activate', () => openMainWindow('main')); // macOS: the Dock icon was clicked
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    // A tray app keeps running with no window; Quit is explicit.
  });
  let coreStopped = false;
  app.on('will-quit', (event) => {
    if (coreStopped) return;
    // Let the core close its Telegram connection (and the demo DC) before the process ends,
    // but never let a hung socket keep TopSwitch from quitting.
    event.preventDefault();
    releaseAllHotkeys();
    unbindIpc();
    tray?.destroy();
    void withTimeout(core.stop(), 3_000, () => new Error('timed out'))
      .catch((error: unknown) => log('core did not stop cleanly', error))
      .finally(() => {
        coreStopped = true;
        app.quit();
      });
  });

  // The shell comes up first (hotkey, tray, menu, window) so TopSwitch is reachable at once; the
  // core then shows its cached list and connects, pushing state to the window as it goes.
  const settings = core.api.getSettings();
  // Re-assert the login item each start: an AppImage that was moved, or an app that was updated
  // in place, would otherwise leave an entry pointing at the old path.
  if (settings.launchAtLogin) host.setLaunchAtLogin(true);
  const wanted = effectiveHotkey(settings.hotkey, platform);
  const registered = hotkey.apply(wanted);
  tray = createTray(trayIconPath, actions, hotkeyLabel(), platform);
  installAppMenu(actions, { platform, appName: app.getName(), packaged: app.isPackaged });

  const openedAtLogin = launch.hidden || (platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  if (!openedAtLogin) openMainWindow('main');
  if (!registered.ok) {
    // Said once, plainly, where the user is looking; Settings shows the same message on a retry.
    void dialog.showMessageBox({
      type: 'warning',
      title: 'Shortcut unavailable',
      message: `TopSwitch could not claim ${describeAccelerator(wanted, platform)}.`,
      detail: registered.message,
    });
  }

  await core.start();
}
