/**
 * The Electron security checklist, one commented handler per item
 * (https://www.electronjs.org/docs/latest/tutorial/security). The decisions are plain functions in
 * security-rules.ts and window-options.ts (unit-tested); this file only attaches them.
 *
 * Items handled elsewhere, for the record:
 *  1. Only load secure content / 18. prefer a custom protocol over file:// — protocol.ts (app://).
 *  2–4, 6, 8–10. Node integration off, context isolation, sandbox, webSecurity, no insecure
 *     content, no experimental or Blink features — secureWebPreferences() in window-options.ts.
 *  7. Content Security Policy — renderer/index.html meta plus the app:// response header.
 * 17. Validate the sender of all IPC messages — ipc.ts with sender.ts.
 * 19. Electron fuses — electron-builder.yml (electronFuses).
 * 20. Do not expose Electron APIs to untrusted web content — the preload exposes only the contract.
 */
import { app, shell, type Session, type WebContents } from 'electron';
import {
  isAllowedExternalUrl,
  isAllowedNavigation,
  isPermissionGranted,
} from './security-rules.js';

export type SecurityLog = (message: string) => void;

/** Checklist item 4 (process sandboxing) for every renderer, even one created without our options. Before 'ready'. */
export function enableSandboxEverywhere(): void {
  app.enableSandbox();
}

/**
 * Item 14: shell.openExternal only with URLs the rule allows (Telegram links unless told
 * otherwise); everything else is refused and logged.
 */
export async function openExternalSafely(url: string, log: SecurityLog, allowed: (url: unknown) => boolean = isAllowedExternalUrl): Promise<boolean> {
  if (!allowed(url)) {
    log(`refused to open external URL ${JSON.stringify(url.slice(0, 200))}`);
    return false;
  }
  await shell.openExternal(url, { activate: true });
  return true;
}

/** Item 5: handle session permission requests — every one is denied (see GRANTED_PERMISSIONS). */
export function denyPermissions(session: Session, log: SecurityLog): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    const granted = isPermissionGranted(permission);
    if (!granted) log(`denied permission request: ${permission}`);
    callback(granted);
  });
  // Checks are the synchronous "may I?" that some APIs ask before requesting; same answer.
  session.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
  // WebHID / WebUSB / Web Serial / Bluetooth device pickers.
  session.setDevicePermissionHandler(() => false);
  // Device pickers: answering with no device cancels the page's request.
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  // Screen capture (getDisplayMedia) is never offered.
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
}

/**
 * Item 1 again, enforced below the page: the renderer may fetch app:// files, data: avatars and
 * devtools internals, nothing from the network (the CSP says connect-src 'none'; this also covers
 * anything the CSP does not, and a page whose CSP was somehow lost). Telegram traffic happens in
 * the main process over Node's net module, which this does not touch.
 */
export function blockRendererNetwork(session: Session, devServerUrl: string | undefined, log: SecurityLog): void {
  const devOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;
  session.webRequest.onBeforeRequest((details, callback) => {
    const url = details.url;
    const allowed =
      url.startsWith('app://') ||
      url.startsWith('data:') ||
      url.startsWith('devtools://') ||
      url.startsWith('chrome-extension://') ||
      (devOrigin !== undefined && (url.startsWith(`${devOrigin}/`) || url.startsWith(devOrigin.replace(/^http/, 'ws'))));
    if (!allowed) log(`blocked renderer request to ${url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
}

/** Items 11–13, per WebContents (attached to every one through 'web-contents-created'). */
export function restrictContents(contents: WebContents, devServerUrl: string | undefined, log: SecurityLog): void {
  // Item 12: disable or limit navigation. The page never leaves app:// (or the dev server).
  const guardNavigation = (event: { preventDefault(): void; url: string }) => {
    if (!isAllowedNavigation(event.url, devServerUrl)) {
      event.preventDefault();
      log(`blocked navigation to ${event.url.slice(0, 200)}`);
    }
  };
  contents.on('will-navigate', guardNavigation);
  contents.on('will-frame-navigate', guardNavigation);
  contents.on('will-redirect', guardNavigation);

  // Item 13: disable or limit creation of new windows. No window.open, no target=_blank window;
  // a Telegram link clicked in the page goes to the OS (and so to Telegram) instead.
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void openExternalSafely(url, log);
    else log(`blocked window.open of ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });

  // Item 11: verify <webview> options before creation — we never use <webview> (webviewTag is
  // off too), so any attempt is refused outright.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
}

/** Applies the per-contents rules to every WebContents the app ever creates. Call before 'ready'. */
export function restrictAllContents(devServerUrl: string | undefined, log: SecurityLog): void {
  app.on('web-contents-created', (_event, contents) => restrictContents(contents, devServerUrl, log));
}
