// @ts-nocheck
/**
 * A stand-in for the parts of Electron's main-process API that TopSwitch's main bundle uses,
 * for running out/main/index.js under plain Node (no Electron binary here). It keeps the state
 * Electron would keep and records what the app asked for in `globalThis.fakeElectron`, where the
 * driver script reads it. It implements behaviour only as far as the shell's wiring needs.
 */
import { EventEmitter } from 'node:events';

const record = (globalThis.fakeElectron = {
  log: [],
  windows: [],
  trays: [],
  menu: null,
  dialogs: [],
  opened: [],
  loginItems: [],
  schemes: null,
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  shortcuts: new Map(),
  takenShortcuts: new Set(['Super+Space']),
  permissionRequest: null,
  permissionCheck: null,
  beforeRequest: null,
  quitCalls: 0,
  ready: false,
});

class FakeEvent {
  defaultPrevented = false;
  preventDefault() {
    this.defaultPrevented = true;
  }
}
record.FakeEvent = FakeEvent;

class App extends EventEmitter {
  isPackaged = true;
  commandLine = { appendSwitch: (name, value) => record.log.push(`switch ${name}=${value}`) };
  #paths = new Map();
  #ready;
  whenReady() {
    // As in Electron, 'ready' comes after the main script has run to its end (here: a macrotask
    // after the first whenReady() call, which the script makes at its top level).
    this.#ready ??= new Promise((resolve) =>
      setTimeout(() => {
        record.ready = true;
        record.log.push('ready');
        resolve();
      }, 0),
    );
    return this.#ready;
  }
  requestSingleInstanceLock() {
    return true;
  }
  enableSandbox() {
    record.log.push(`enableSandbox ready=${record.ready}`);
  }
  getPath(name) {
    return this.#paths.get(name) ?? process.env.FAKE_ELECTRON_USER_DATA;
  }
  setPath(name, value) {
    this.#paths.set(name, value);
  }
  getVersion() {
    return '0.1.0';
  }
  getAppPath() {
    return process.env.TOPSWITCH_ROOT;
  }
  relaunch(options) {
    record.log.push(`relaunch ${JSON.stringify(options)}`);
  }
  getName() {
    return 'TopSwitch';
  }
  getLocale() {
    return 'en-US';
  }
  getPreferredSystemLanguages() {
    return ['en-US'];
  }
  focus() {}
  getLoginItemSettings() {
    return { wasOpenedAtLogin: false };
  }
  setLoginItemSettings(settings) {
    record.loginItems.push(settings);
  }
  quit() {
    record.quitCalls++;
    const beforeQuit = new FakeEvent();
    this.emit('before-quit', beforeQuit);
    const willQuit = new FakeEvent();
    this.emit('will-quit', willQuit);
    if (!willQuit.defaultPrevented) record.log.push('quit');
  }
  exit(code) {
    record.log.push(`exit ${code}`);
  }
}
export const app = new App();

class WebContents extends EventEmitter {
  mainFrame = { url: '', parent: null };
  sent = [];
  windowOpenHandler = null;
  #destroyed = false;
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  getURL() {
    return this.mainFrame.url;
  }
  send(channel, payload) {
    this.sent.push([channel, payload]);
    this.page?.deliver(channel, payload);
  }
  isDestroyed() {
    return this.#destroyed;
  }
  isDevToolsFocused() {
    return false;
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return record.windows;
  }
  visible = false;
  focused = false;
  bounds = null;
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    record.windows.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  async loadURL(url) {
    this.webContents.mainFrame.url = url;
    // The page commits in its renderer a task later at the soonest: where its preload runs.
    setTimeout(() => record.onPageCommitted?.(this), 0);
    setTimeout(() => this.emit('ready-to-show'), 1);
  }
  show() {
    this.visible = true;
    this.focused = true;
  }
  hide() {
    this.visible = false;
    this.focused = false;
  }
  focus() {
    this.focused = true;
  }
  isVisible() {
    return this.visible;
  }
  isFocused() {
    return this.focused;
  }
  isDestroyed() {
    return false;
  }
  setBounds(bounds) {
    this.bounds = bounds;
  }
  getSize() {
    return [this.options.width, this.options.height];
  }
  setAlwaysOnTop() {}
  setVisibleOnAllWorkspaces() {}
}

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    record.schemes = schemes;
    record.log.push(`registerSchemesAsPrivileged ready=${record.ready}`);
  },
};

export const session = {
  defaultSession: Object.assign(new EventEmitter(), {
    protocol: { handle: (scheme, handler) => record.protocolHandlers.set(scheme, handler) },
    setPermissionRequestHandler: (handler) => (record.permissionRequest = handler),
    setPermissionCheckHandler: (handler) => (record.permissionCheck = handler),
    setDevicePermissionHandler: () => {},
    setDisplayMediaRequestHandler: () => {},
    webRequest: { onBeforeRequest: (handler) => (record.beforeRequest = handler) },
  }),
};

export const screen = {
  getCursorScreenPoint: () => ({ x: 2500, y: 300 }),
  getDisplayNearestPoint: () => ({ workArea: { x: 1920, y: 0, width: 1280, height: 1000 } }),
};

export const shell = {
  openExternal: async (url) => void record.opened.push(url),
};

export const globalShortcut = {
  register(accelerator, callback) {
    if (record.takenShortcuts.has(accelerator)) return false;
    record.shortcuts.set(accelerator, callback);
    return true;
  },
  unregister: (accelerator) => void record.shortcuts.delete(accelerator),
  isRegistered: (accelerator) => record.shortcuts.has(accelerator),
  unregisterAll: () => record.shortcuts.clear(),
};

export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: (menu) => (record.menu = menu),
};

export class Tray extends EventEmitter {
  constructor(image) {
    super();
    this.image = image;
    record.trays.push(this);
  }
  setToolTip(text) {
    this.tooltip = text;
  }
  setContextMenu(menu) {
    this.menu = menu;
  }
  destroy() {
    this.destroyed = true;
  }
}

export const nativeImage = {
  createFromPath: (path) => ({ path, resize() {
    return this;
  } }),
};

export const dialog = {
  showMessageBox: async (options) => void record.dialogs.push(options),
  showErrorBox: (title, content) => void record.dialogs.push({ title, content }),
};

// Reversible, and visibly not plain text on disk.
export const safeStorage = {
  getSelectedStorageBackend: () => 'gnome_libsecret',
  isAsyncEncryptionAvailable: async () => true,
  encryptStringAsync: async (text) => Buffer.from(`enc:${Buffer.from(text).toString('base64')}`),
  decryptStringAsync: async (buffer) => ({ result: Buffer.from(buffer.toString().slice(4), 'base64').toString(), shouldReEncrypt: false }),
};

export const ipcMain = {
  handle: (channel, handler) => record.ipcHandlers.set(channel, handler),
  removeHandler: (channel) => record.ipcHandlers.delete(channel),
  on: () => {},
};

export default { app, BrowserWindow, protocol, session, screen, shell, globalShortcut, Menu, Tray, nativeImage, dialog, safeStorage, ipcMain };
