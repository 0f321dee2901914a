/**
 * App lifecycle: single instance, security set-up before 'ready', then the core, the windows, the
 * hotkey, the tray and the menu, and an orderly quit. Everything with a rule in it lives in its own
 * module (and is unit-tested there); this file only decides the order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, dialog, safeStorage, session, type BrowserWindow } from 'electron';
import trayIconPath from '../../build/icons/32x32.png?asset';
import windowIconPath from '../../build/icons/256x256.png?asset';
import { systemClock, withTimeout } from '../core/clock.js';
import { createRouter } from '../core/router.js';
import { createAppCore, type AppCore } from '../core/app-core.js';
import { startLocalApiSwitch } from '../web/local-api.js';
import { createShellHost } from './app-core-wiring.js';
import { describeAccelerator, effectiveHotkey, type HotkeyController } from './hotkey.js';
import { bindIpc } from './ipc.js';
import { coreEnvironment, handoffFor, parseLaunchArgs, secondInstanceAction, type LaunchAction } from './launch-args.js';
import { execRunner, nameHasOwner, SECRET_SERVICE, type CommandRunner } from './dbus.js';
import { appIdFromCgroup, detectDesktop } from './desktop.js';
import { appIdFor, launchCommand, removeDesktopEntry, runKind, shellCommand, syncDesktopEntry } from './desktop-entry.js';
import { createDesktopIntegration } from './desktop-integration.js';
import { developmentDataDir } from './development.js';
import { keyringChoice, type KeyringBackend } from './keyring.js';
import { probeSandbox, sandboxVerdict } from './sandbox-check.js';
import { installAppMenu } from './menu.js';
import { followLanguage, preferredLanguages, terminalTranslator } from './language.js';
import { matchLocale, translator, type Translate } from '../shared/i18n.js';
import type { ShellActions } from './menu-template.js';
import { applyLaunchAtLogin, removeAutostartEntry } from './platform/login-item.js';
import { createSafeStorageSecretStore } from './platform/secret-store.js';
import { accountFolders } from '../core/account-storage.js';
import { createElectronStore } from './platform/store.js';
import { handleAppProtocol, registerAppScheme } from './protocol.js';
import { isAllowedLinkUrl } from './security-rules.js';
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
import { closeAction, switcherPlacement, SWITCHER_SIZE, viewHash, type WindowView } from './window-options.js';
import { activeWorkArea, createMainWindow, createSwitcherWindow, loadView, type WindowContext } from './window.js';

const readText = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

const log = (message: string, detail?: unknown) =>
  detail === undefined ? console.log(`[topswitch] ${message}`) : console.log(`[topswitch] ${message}`, detail);

const launch = parseLaunchArgs(process.argv, process.env, app.isPackaged);
// Only under `npm run dev`, never in a build: electron-vite sets it for the dev server.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;

const runAs = runKind(app.isPackaged, process.env);
const desktop = detectDesktop(process.platform, process.env, process.argv);
const appId = appIdFor(runAs);
// A source run is another app: its own data folder and app id, never the installed TopSwitch's.
const developmentData = developmentDataDir({ packaged: app.isPackaged, appDataDir: app.getPath('appData'), argv: process.argv });
if (developmentData) app.setPath('userData', developmentData);
if (runAs === 'source') (app as { setDesktopName?: (name: string) => void }).setDesktopName?.(`${appId}.desktop`);
// A demo run keeps its own profile, so trying the demo never touches a real session or settings,
// and it may run next to the real app (the single-instance lock is per profile).
if (launch.demo) app.setPath('userData', join(app.getPath('userData'), 'demo'));

// --- Before 'ready' -------------------------------------------------------------------------
// In a Wayland session only the XDG GlobalShortcuts portal can give an app a system-wide key;
// the portal knows the app by its desktop name (package.json desktopName). X11 ignores this.
// GNOME keeps Chromium's portal listener off unless the preferred-trigger feature is on too.
if (process.platform === 'linux') app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal,GlobalShortcutsPortalPreferredTrigger');

// How the desktop starts this copy (the AppImage file, the package's executable, or Electron + checkout).
const selfLaunch = launchCommand(runAs, { execPath: process.execPath, appPath: app.getAppPath(), env: process.env });
const desktopCommand = shellCommand([...selfLaunch, '--toggle']);
// Written before the hotkey is registered: the portal resolves our app id when the bind is made.
const desktopEntry =
  process.platform === 'linux' && !launch.uninstall
    ? syncDesktopEntry({
        appId,
        kind: runAs,
        env: process.env,
        launch: selfLaunch,
        development: runAs === 'source',
        ...(runAs === 'source' ? { iconPath: join(app.getAppPath(), 'build/icons/256x256.png') } : {}),
      })
    : undefined;
if (desktopEntry && desktopEntry.action !== 'none' && desktopEntry.action !== 'unchanged') log(`desktop entry ${desktopEntry.action}: ${desktopEntry.file}`);
// An AppImage's launcher adds --no-sandbox by itself where user namespaces are restricted.
const sandbox = probeSandbox({ platform: process.platform, kind: runAs, execPath: process.execPath, argv: process.argv, env: process.env });
const sandboxRefusal = sandbox.noSandbox ? sandboxVerdict(sandbox, terminalTranslator(process.env)) : undefined;

if (launch.uninstall) {
  // `--uninstall`: what TopSwitch put in the user's desktop (menu entry, login item) goes.
  if (process.platform === 'linux') {
    removeDesktopEntry(appId, process.env);
    if (runAs !== 'source') removeAutostartEntry(process.env);
  }
  console.log(terminalTranslator(process.env)('desktop.uninstalled'));
  app.exit(0);
} else if (sandboxRefusal && !sandboxRefusal.ok) {
  console.error(`[topswitch] ${sandboxRefusal.message}`);
  void app.whenReady().then(() => {
    const t = systemTranslator();
    const refusal = sandboxVerdict(sandbox, t);
    dialog.showErrorBox(t('desktop.dialog.noSandboxTitle'), refusal.ok ? sandboxRefusal.message : refusal.message);
    app.exit(1);
  });
} else if (!app.requestSingleInstanceLock(handoffFor(launch))) {
  // A second launch: the first instance gets 'second-instance' and shows itself; this one leaves.
  app.quit();
} else {
  registerAppScheme();
  enableSandboxEverywhere();
  restrictAllContents(devServerUrl, log);
  void app.whenReady().then(start).catch((error: unknown) => {
    log('failed to start', error);
    dialog.showErrorBox(systemTranslator()('desktop.dialog.startFailedTitle'), error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}

/** The OS's languages (after 'ready'): what the shell speaks unless Settings picks a language. */
const systemLanguages = () => preferredLanguages(app.getPreferredSystemLanguages(), app.getLocale());
/** For what the shell says before the settings are read (a refusal to start). */
const systemTranslator = () => translator(matchLocale(systemLanguages()));

// --- After 'ready' --------------------------------------------------------------------------
/**
 * Linux: when Chromium fell back to basic_text but a Secret Service runs, start again with
 * libsecret ('relaunch': the caller stops); otherwise the message a refused login shows, if any.
 */
async function settleKeyring(run: CommandRunner): Promise<'relaunch' | { message: ((t: Translate) => string) | undefined }> {
  if (process.platform !== 'linux') return { message: undefined };
  // The backend is settled once the encryptor is up; asking first makes the answer final.
  await safeStorage.isAsyncEncryptionAvailable().catch(() => false);
  const backend = safeStorage.getSelectedStorageBackend() as KeyringBackend;
  const secretService = backend === 'basic_text' ? await nameHasOwner(run, SECRET_SERVICE) : null;
  const keyring = keyringChoice({ platform: process.platform, backend, secretService, args: process.argv.slice(1) });
  if (keyring.action === 'relaunch') {
    log('no keyring picked but a Secret Service is running: starting again with libsecret');
    // An AppImage's executable lives in a mount that goes away with this process: relaunch the file.
    app.relaunch({ execPath: selfLaunch[0], args: keyring.args });
    app.exit(0);
    return 'relaunch';
  }
  return { message: keyring.action === 'refuse' ? keyring.message : undefined };
}

async function start(): Promise<void> {
  const platform = process.platform;
  const run = execRunner();
  const keyring = await settleKeyring(run);
  if (keyring === 'relaunch') return;
  // Which systemd unit this runs in: how the shortcut portal tells a host app's identity.
  const cgroup = platform === 'linux' ? readText('/proc/self/cgroup') : undefined;
  const integration = createDesktopIntegration({
    desktop,
    run,
    command: desktopCommand,
    portalIdentity: desktopEntry?.identity ?? false,
    appId,
    ...(platform === 'linux' && cgroup !== undefined ? { launchedAppId: appIdFromCgroup(cgroup) } : {}),
  });
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
  /** The shell's language: the OS's until the settings are read, then the one Settings follows, live. */
  let speak: () => Translate = systemTranslator;
  let tray: AppTray | undefined;
  let mainWindow: BrowserWindow | undefined;
  const switcherWindow = createSwitcherWindow(context);

  const switcher: SwitcherController = createSwitcherController({
    window: () => switcherWindow,
    activeWorkArea,
    size: SWITCHER_SIZE,
    placement: switcherPlacement(desktop),
    ...(platform === 'darwin' ? { activateApp: () => app.focus({ steal: true }) } : {}),
    onShown: () => core.api.windowShown(),
  });
  switcherWindow.on('blur', () => {
    // With devtools open, clicking into them must not make the page under inspection vanish.
    if (!switcherWindow.webContents.isDevToolsFocused()) switcher.handleBlur();
  });
  // Windows hide rather than close: the app lives on in the tray until Quit. With no tray host
  // a hidden app is out of reach, so closing quits (the hotkey or the desktop command restarts it).
  const closes = () => closeAction({ platform, trayHost: integration.trayHost() });
  switcherWindow.on('close', (event) => {
    if (!quitting) {
      event.preventDefault();
      if (closes() === 'quit') app.quit();
      else switcher.hide();
    }
  });

  const openMainWindow = (view: WindowView = 'main') => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = createMainWindow(context, view);
      mainWindow.on('close', (event) => {
        if (!quitting) {
          event.preventDefault();
          if (closes() === 'quit') app.quit();
          else mainWindow?.hide();
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
  hotkey = integration.track(createGlobalHotkey(() => switcher.toggle(), platform, () => speak()));

  const host = createShellHost({
    hotkey,
    platform,
    speak: () => speak(),
    // The host checked which rule applies (Telegram links, or a clicked link in a message).
    openExternal: async (url) => {
      await openExternalSafely(url, log, isAllowedLinkUrl);
    },
    // Esc in the switcher. The main window is a normal window: it stays until the user closes it.
    hideWindow: () => switcher.hide(),
    setLaunchAtLogin(on) {
      const applied = applyLaunchAtLogin(on, {
        platform,
        execPath: process.execPath,
        env: process.env,
        packaged: app.isPackaged,
        setLoginItemSettings: (settings) => app.setLoginItemSettings(settings),
      });
      if (applied === 'skipped-development') log('development run: the login item is left alone');
    },
    onHotkeyChanged: () => tray?.setHotkeyLabel(hotkeyLabel()),
  });

  const dataDir = app.getPath('userData');
  const store = createElectronStore(dataDir, (movedTo) => log(`settings file was unreadable; moved to ${movedTo}`));
  // No keyring: the refusal a login meets, worded when it is met, in the language of the moment.
  const secretRefusal = () => (keyring.message ? keyring.message(speak()) : speak()('desktop.keyring.unavailable'));
  const secretStore = createSafeStorageSecretStore(safeStorage, dataDir, platform, secretRefusal);
  const core: AppCore = createAppCore({
    dataDir,
    store,
    secretStore,
    // Each account in accounts/<n>/, its session encrypted by the OS keychain as the first one's always was.
    accountStorage: accountFolders({
      dataDir,
      mainStore: store,
      legacySecret: secretStore,
      secretFor: (dir) => createSafeStorageSecretStore(safeStorage, dir, platform, secretRefusal),
      log,
    }),
    env: coreEnvironment(launch, process.env, app.isPackaged),
    host,
    clock: systemClock(),
    version: app.getVersion(),
    log: (level, message, detail) => log(`${level}: ${message}`, detail),
  });

  const windows = () =>
    [switcherWindow, mainWindow].filter((window): window is BrowserWindow => !!window && !window.isDestroyed()).map((window) => window.webContents);
  const unbindIpc = bindIpc(createRouter(core.handlers, log), core.events, windows, devServerUrl);
  // Scripts' HTTP API (off unless Settings turns it on), the same server browser mode runs.
  const localApi = startLocalApiSwitch({ core, dataDir, log: (level, message, detail) => log(`${level}: ${message}`, detail) });

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

  const perform = (action: LaunchAction | 'open-main') => {
    if (action === 'toggle') switcher.toggle();
    else if (action === 'show') switcher.show();
    else if (action === 'hide') switcher.hide();
    else openMainWindow('main');
  };
  // A desktop shortcut's `topswitch --toggle`, or the launcher clicked again. Electron has already
  // taken that launch's XDG_ACTIVATION_TOKEN, so the focus() that show() makes is allowed on Wayland.
  app.on('second-instance', (_event, argv, _workingDirectory, additionalData) => perform(secondInstanceAction(additionalData, argv)));
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
    language.stop();
    tray?.destroy();
    void withTimeout(Promise.all([localApi.close(), core.stop()]), 3_000, () => new Error('timed out'))
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
  const menuOptions = { platform, appName: app.getName(), packaged: app.isPackaged };
  // Settings' language, live: the tray and the app menu are built again in the new one.
  const language = followLanguage(settings.language, systemLanguages(), core.events, (t) => {
    tray?.setTranslator(t);
    installAppMenu(actions, menuOptions, t);
  });
  speak = () => language.t;
  const registered = hotkey.apply(wanted);
  // The shortcut's advice (Settings, first run) is worded in the shell's language of the moment.
  host.hotkeyStatus = () => integration.status(language.t);
  tray = createTray(trayIconPath, actions, hotkeyLabel(), platform, language.t);
  installAppMenu(actions, menuOptions, language.t);

  const openedAtLogin = launch.hidden || (platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  if (launch.action) {
    if (launch.action !== 'hide') perform(launch.action);
  } else if (!openedAtLogin) openMainWindow('main');
  if (!registered.ok) {
    // Said once, plainly, where the user is looking; Settings shows the same message on a retry.
    void dialog.showMessageBox({
      type: 'warning',
      title: language.t('desktop.dialog.hotkeyTitle'),
      message: language.t('desktop.dialog.hotkeyMessage', { keys: describeAccelerator(wanted, platform) }),
      detail: registered.code === 'HOTKEY_UNAVAILABLE' ? language.t('desktop.hotkey.taken', { keys: describeAccelerator(wanted, platform) }) : registered.message,
    });
  }

  await core.start();
}
