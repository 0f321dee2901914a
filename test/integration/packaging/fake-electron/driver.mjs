// @ts-nocheck
/**
 * Runs the built main bundle (out/main/index.js) against the fake Electron and plays a user
 * session through it: start the demo as a user does (the switcher's page running the built preload), press
 * the hotkey, call IPC as the page would, try the
 * things the security rules refuse, quit. Writes what it saw as JSON to $FAKE_ELECTRON_REPORT
 * for main-bundle.test.ts to check. The core, the demo DC and gramjs are all real.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';

// Importing 'electron' here loads the same fake module instance the bundle will get.
const { app } = await import('electron');
const fake = globalThis.fakeElectron;
const report = {};

/**
 * The built preload, run for a window's page as Electron's sandbox runs it, the moment the page
 * commits. Its ipcRenderer reaches the bundle's own ipcMain handlers a task later, from the
 * window's main frame, and fails as Electron does when no handler is bound yet; the window's
 * pushes reach its listeners.
 */
function runPreload(window) {
  const page = { api: undefined, invoked: [], answered: [] };
  const listeners = new Map();
  window.webContents.page = { deliver: (channel, payload) => listeners.get(channel)?.forEach((listener) => listener({}, payload)) };
  const ipcRenderer = {
    invoke: (channel, args) => {
      page.invoked.push(channel);
      return new Promise((done, fail) =>
        setImmediate(() => {
          const handler = fake.ipcHandlers.get(channel);
          if (!handler) return fail(new Error(`No handler registered for '${channel}'`));
          Promise.resolve(handler({ senderFrame: window.webContents.mainFrame }, args)).then(done, fail);
        }),
      ).then(
        (envelope) => (page.answered.push([channel, envelope.ok ? 'ok' : envelope.error.code]), envelope),
        (error) => (page.answered.push([channel, String(error.message)]), Promise.reject(error)),
      );
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const module = { exports: {} };
  runInNewContext(readFileSync(resolve(process.env.TOPSWITCH_ROOT, 'out/preload/index.cjs'), 'utf8'), {
    module,
    exports: module.exports,
    require: () => ({ contextBridge: { exposeInMainWorld: (_key, api) => (page.api = api) }, ipcRenderer }),
  });
  return page;
}
let switcherPage;
fake.onPageCommitted = (window) => {
  if (window === fake.windows[0] && !switcherPage) switcherPage = runPreload(window);
};
const until = async (what, check, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
};

try {
  await import(pathToFileURL(resolve(process.env.TOPSWITCH_ROOT, 'out/main/index.js')).href);
  await until('the tray', () => fake.trays.length === 1);
  report.log = [...fake.log];
  report.schemes = fake.schemes;

  const [switcher, main] = fake.windows;
  report.windows = fake.windows.map((window) => ({ url: window.webContents.getURL(), options: window.options }));
  await until('the main window', () => main?.visible);

  // IPC exactly as the preload sends it, from the page's main frame and from a stranger.
  const invoke = (channel, args = {}, frame = main.webContents.mainFrame) =>
    fake.ipcHandlers.get(`invoke:${channel}`)({ senderFrame: frame }, args);
  report.version = await invoke('app:version');
  report.foreignSender = await invoke('app:version', {}, { url: 'https://evil.example/', parent: null });
  report.iframeSender = await invoke('app:version', {}, { url: 'app://topswitch/index.html', parent: main.webContents.mainFrame });
  // A packaged app ignores --demo and TOPSWITCH_DEMO (development switches): the demo starts as a
  // user starts it, with "Try the demo". A failure shows up as sync state 'error' (reported, and
  // the steps that need peers are skipped, so one broken piece does not hide the others).
  let peers = [];
  try {
    const started = await invoke('session:startDemo');
    if (!started.ok) throw new Error(`demo failed: ${started.error.message}`);
    report.session = await until('the demo login', async () => {
      const state = await invoke('session:get');
      if (state.ok && state.value.status === 'ready') return state.value;
      const sync = await invoke('sync:get');
      if (sync.ok && sync.value.state === 'error') throw new Error(`demo failed: ${sync.value.message}`);
      return null;
    });
    peers = await until('the demo top peers', async () => {
      const snapshot = await invoke('topPeers:get');
      return snapshot.ok && snapshot.value.peers.length > 0 ? snapshot.value.peers : null;
    });
  } catch (error) {
    report.demoError = String(error?.message ?? error);
  }
  report.peerCount = peers.length;

  // The switcher page's preload made its early reads when the page committed, before the demo
  // was ready; the pushes since made the session and list answers stale. What the page's first
  // calls get now is what a fresh call gives.
  {
    const early = [...switcherPage.invoked];
    const answeredEarly = switcherPage.answered.slice(0, early.length);
    const session = await switcherPage.api.sessionGet({});
    const list = await switcherPage.api.topPeersGet({});
    const version = await switcherPage.api.appVersion({});
    report.earlyReads = {
      early,
      answeredEarly,
      session: session.ok ? session.value.status : session.error.code,
      listPeers: list.ok ? list.value.peers.length : list.error.code,
      versionOk: version.ok,
      invokedAfter: switcherPage.invoked.slice(early.length),
    };
  }

  // The hotkey: registered at start, shows the switcher centred on the pointer's display.
  report.shortcuts = [...fake.shortcuts.keys()];
  fake.shortcuts.get(report.shortcuts[0])();
  report.afterHotkey = { visible: switcher.visible, bounds: switcher.bounds, sent: switcher.webContents.sent.map(([channel]) => channel) };
  switcher.emit('blur');
  report.afterBlur = { visible: switcher.visible };
  fake.shortcuts.get(report.shortcuts[0])();
  const peer = peers.find((candidate) => candidate.username) ?? peers[0];
  if (peer) {
    report.openPeer = await invoke('peers:open', { key: peer.key, target: 'telegram' }, switcher.webContents.mainFrame);
    report.opened = [...fake.opened];
  }
  report.hide = await invoke('window:hide', {}, switcher.webContents.mainFrame);
  report.afterHide = { visible: switcher.visible };
  report.takenHotkey = await invoke('settings:set', { hotkey: 'Super+Space' });
  report.shortcutsAfterTaken = [...fake.shortcuts.keys()];

  // app:// serves the renderer and nothing outside it.
  const handler = fake.protocolHandlers.get('app');
  const fetchApp = async (url) => {
    const response = await handler({ url, method: 'GET' });
    return { status: response.status, type: response.headers.get('content-type'), csp: response.headers.get('content-security-policy'), length: (await response.arrayBuffer()).byteLength };
  };
  report.protocol = {
    index: await fetchApp('app://topswitch/'),
    traversal: await fetchApp('app://topswitch/..%2f..%2fpackage.json'),
    mainBundle: await fetchApp('app://topswitch/%2e%2e/main/index.js'),
    otherHost: await fetchApp('app://elsewhere/index.html'),
  };

  // Navigation, new windows, webviews, permissions, network — as the page would try them.
  const navigate = (url) => {
    const event = new fake.FakeEvent();
    event.url = url;
    main.webContents.emit('will-navigate', event);
    return event.defaultPrevented;
  };
  report.navigation = { away: navigate('https://evil.example/'), inApp: navigate('app://topswitch/index.html#settings') };
  fake.opened.length = 0;
  report.windowOpen = {
    telegram: main.webContents.windowOpenHandler({ url: 'https://t.me/durov' }),
    other: main.webContents.windowOpenHandler({ url: 'https://evil.example/' }),
  };
  await new Promise((done) => setTimeout(done, 10));
  report.windowOpenOpened = [...fake.opened];
  const webview = new fake.FakeEvent();
  main.webContents.emit('will-attach-webview', webview, {}, {});
  report.webviewPrevented = webview.defaultPrevented;
  const permission = (name) => new Promise((done) => fake.permissionRequest(main.webContents, name, done, {}));
  report.permissions = { media: await permission('media'), notifications: await permission('notifications'), clipboardWrite: await permission('clipboard-sanitized-write') };
  report.permissionCheck = fake.permissionCheck(main.webContents, 'geolocation', 'app://topswitch', {});
  const request = (url) => new Promise((done) => fake.beforeRequest({ url }, done));
  report.network = { app: await request('app://topswitch/assets/x.js'), web: await request('https://evil.example/x.js'), data: await request('data:image/png;base64,AAAA') };

  // Tray and menu.
  report.trayMenu = fake.trays[0].menu.template.filter((item) => item.label).map((item) => item.label);
  report.appMenuIds = fake.menu.template.flatMap((item) => (Array.isArray(item.submenu) ? item.submenu : [])).map((item) => item.id).filter(Boolean);

  // A second launch focuses the first.
  main.hide();
  fake.windows[1].emit('close', new fake.FakeEvent());
  {
    app.emit('second-instance', new fake.FakeEvent(), [], '');
    report.afterSecondInstance = { mainVisible: main.visible };
    // `topswitch --toggle` from a desktop shortcut, twice: the switcher shows, then hides.
    const handoff = (argv, data) => app.emit('second-instance', new fake.FakeEvent(), argv, '/', data);
    handoff(['/opt/TopSwitch/topswitch', '--toggle'], { action: 'toggle' });
    const afterFirstToggle = switcher.visible;
    switcher.focused = true;
    handoff(['/opt/TopSwitch/topswitch', '--toggle'], { action: 'toggle' });
    report.toggleHandoff = { afterFirst: afterFirstToggle, afterSecond: switcher.visible };
    report.hotkeyStatus = (await invoke('app:hotkeyStatus')).value;
    fake.trays[0].menu.template.find((item) => item.id === 'settings').click();
    report.afterTraySettings = { url: main.webContents.getURL(), windows: fake.windows.length };
    fake.trays[0].menu.template.find((item) => item.id === 'open').click();
    report.afterTrayOpen = { url: main.webContents.getURL() };
    // Quit: the core is stopped before the process may end.
    app.quit();
    await until('quit', () => fake.log.includes('quit'), 10_000);
    report.quit = { quitCalls: fake.quitCalls, shortcutsLeft: fake.shortcuts.size };
  }
  report.ok = true;
} catch (error) {
  report.ok = false;
  report.error = String(error?.stack ?? error);
}
writeFileSync(process.env.FAKE_ELECTRON_REPORT, JSON.stringify(report, null, 2));
process.exit(0);
