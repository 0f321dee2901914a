/**
 * The decisions behind `security.ts` and `protocol.ts`, as plain functions of strings: which
 * external links may leave the app, which navigations may happen, which file an app:// URL names.
 * No electron import, so every rule is unit-tested with hostile inputs.
 */
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { isWebLink } from '../shared/links.js';
import { APP_ORIGIN, originOf } from './sender.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'topswitch';
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The tg:// actions TopSwitch itself builds for "open in Telegram"; any other tg: action stays inside. */
const TG_ACTIONS = new Set(['resolve', 'user', 'privatepost', 'openmessage']);
const MAX_EXTERNAL_URL = 512;

/**
 * `shell.openExternal` hands a URL to the OS, which may start any registered program with it:
 * only Telegram links may go. tg: with one of the actions above, or https://t.me/… with no port,
 * no credentials and nothing that could smuggle in another host.
 */
export function isAllowedExternalUrl(raw: unknown): boolean {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_EXTERNAL_URL) return false;
  // Control characters and whitespace have no business in a link and confuse some OS handlers.
  if (/[\u0000-\u0020\u007f\\]/.test(raw)) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'tg:') {
    // tg://resolve?domain=x parses with host 'resolve'; tg:resolve?… has no host: accept only the former.
    return raw.startsWith('tg://') && TG_ACTIONS.has(url.hostname) && (url.pathname === '' || url.pathname === '/');
  }
  if (url.protocol === 'https:') {
    return url.hostname === 't.me' && url.port === '' && raw.startsWith('https://t.me/');
  }
  return false;
}

/**
 * A link the user clicked in a message (and confirmed, when its text showed another target):
 * Telegram links as above, or a web page over http(s) for the system browser. Never file:,
 * javascript:, smb: or any other scheme a registered program would act on.
 */
export function isAllowedLinkUrl(raw: unknown): boolean {
  return isAllowedExternalUrl(raw) || isWebLink(raw);
}

/**
 * A page may only navigate within the app itself (and, in `npm run dev`, within Vite's dev server).
 * Anything else — a link, a redirect, a drop — would put a foreign page next to window.api.
 */
export function isAllowedNavigation(raw: string, devServerUrl?: string): boolean {
  const origin = originOf(raw);
  if (origin === null) return false;
  if (origin === APP_ORIGIN) return true;
  return devServerUrl !== undefined && devServerUrl !== '' && origin === originOf(devServerUrl);
}

/** Where the page is loaded from: app:// in every build, the dev server only under `npm run dev`. */
export function rendererEntryUrl(devServerUrl: string | undefined, hash: string): string {
  const base = devServerUrl ? new URL('/index.html', devServerUrl).toString() : APP_ENTRY_URL;
  return hash ? `${base}#${hash}` : base;
}

/**
 * The file an app:// request names inside the built renderer, or null. Refused: other hosts,
 * encoded or literal `..` that climbs out, NUL bytes, absolute paths, malformed escapes.
 */
export function resolveAppFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path === '' || path === '/') path = '/index.html';
  const root = resolve(rendererDir);
  const file = resolve(root, `.${path}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) return null;
  return file;
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export function mimeTypeFor(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Response headers for app:// files. The CSP repeats the page's meta tag so that it also holds
 * for anything that is not HTML-with-a-meta (and cannot be removed by a script editing the DOM).
 */
export const APP_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function appResponseHeaders(file: string): Record<string, string> {
  return {
    'content-type': mimeTypeFor(file),
    'content-security-policy': APP_CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  };
}

/**
 * Every permission (camera, microphone, notifications, clipboard-read, geolocation, HID…) is
 * refused. The one exception is `clipboard-sanitized-write`, which is what
 * navigator.clipboard.writeText asks for ("Copy link"): it can only put sanitised text on the
 * clipboard, never read it, so it cannot leak anything out of the machine.
 */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);
export function isPermissionGranted(permission: string): boolean {
  return GRANTED_PERMISSIONS.has(permission);
}

/**
 * The page's CSP under `npm run dev`: Vite's dev server serves the page and talks to it over
 * HTTP and a WebSocket (hot reload), so its origins join connect-src. Production builds never
 * pass through this (build/dev-csp.ts applies it to the dev server only) and keep 'none'.
 */
export function allowDevServerInCsp(html: string, devServerUrls: readonly string[]): string {
  const origins = [...new Set(devServerUrls.map((url) => new URL(url).origin))];
  if (origins.length === 0) return html;
  const sources = origins.flatMap((origin) => [origin, origin.replace(/^http/, 'ws')]).join(' ');
  if (!html.includes("connect-src 'none'")) throw new Error("renderer/index.html has no connect-src 'none' to widen for the dev server");
  return html.replace("connect-src 'none'", `connect-src 'self' ${sources}`);
}
