import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_CONTENT_SECURITY_POLICY,
  APP_ENTRY_URL,
  appResponseHeaders,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isPermissionGranted,
  mimeTypeFor,
  rendererEntryUrl,
  resolveAppFile,
} from '../../../electron/main/security-rules.js';
import { readFileSync } from 'node:fs';

describe('isAllowedExternalUrl (what shell.openExternal may receive)', () => {
  it.each([
    'tg://resolve?domain=durov',
    'tg://user?id=777000',
    'tg://privatepost?channel=1234567890&post=5',
    'tg://openmessage?user_id=42',
    'https://t.me/durov',
    'https://t.me/c/1234567890/5',
    'https://t.me/+AbCdEf',
  ])('allows the Telegram link %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['another scheme', 'file:///etc/passwd'],
    ['a program launcher', 'smb://attacker/share/run.exe'],
    ['javascript', 'javascript:alert(1)'],
    ['plain http', 'http://t.me/durov'],
    ['a look-alike host', 'https://t.me.evil.example/durov'],
    ['a subdomain', 'https://evil.t.me/x'],
    ['credentials that hide another host', 'https://t.me@evil.example/'],
    ['user info on t.me', 'https://user:pass@t.me/durov'],
    ['a port', 'https://t.me:8443/durov'],
    ['a backslash trick', 'https://t.me\\@evil.example/'],
    ['whitespace', 'https://t.me/ durov'],
    ['a newline', 'tg://resolve?domain=a\nb'],
    ['a tg: action we never build', 'tg://login?token=abc'],
    ['a tg: link without //', 'tg:resolve?domain=durov'],
    ['a tg: path', 'tg://resolve/../../x?domain=a'],
    ['not a URL', 'durov'],
    ['empty', ''],
    ['too long', `https://t.me/${'a'.repeat(600)}`],
  ])('refuses %s', (_why, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isAllowedExternalUrl(undefined)).toBe(false);
    expect(isAllowedExternalUrl({ toString: () => 'https://t.me/x' })).toBe(false);
  });
});

describe('isAllowedNavigation', () => {
  it('stays inside the app origin', () => {
    expect(isAllowedNavigation('app://topswitch/index.html#settings')).toBe(true);
    expect(isAllowedNavigation('app://other/index.html')).toBe(false);
    expect(isAllowedNavigation('https://t.me/durov')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
    expect(isAllowedNavigation('not a url')).toBe(false);
  });

  it('allows the dev server only when one is configured', () => {
    expect(isAllowedNavigation('http://localhost:5173/index.html')).toBe(false);
    expect(isAllowedNavigation('http://localhost:5173/index.html', 'http://localhost:5173')).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAllowedNavigation('http://localhost:5173/', '')).toBe(false);
  });
});

describe('rendererEntryUrl', () => {
  it('loads app:// in builds and the dev server in development, with the view as hash', () => {
    expect(rendererEntryUrl(undefined, '')).toBe(APP_ENTRY_URL);
    expect(rendererEntryUrl(undefined, 'settings')).toBe('app://topswitch/index.html#settings');
    expect(rendererEntryUrl('http://localhost:5173/', 'main')).toBe('http://localhost:5173/index.html#main');
  });
});

describe('resolveAppFile (app:// → file in out/renderer)', () => {
  const root = resolve('/opt/app/out/renderer');

  it('maps the origin root and files below it', () => {
    expect(resolveAppFile(root, 'app://topswitch/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://topswitch')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://topswitch/index.html?x=1#main')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://topswitch/assets/index-abc.js')).toBe(join(root, 'assets/index-abc.js'));
    expect(resolveAppFile(root, 'app://topswitch/assets/a%20b.css')).toBe(join(root, 'assets/a b.css'));
  });

  it.each([
    ['encoded slash and dot-dot', 'app://topswitch/assets%2f..%2f..%2f..%2fpackage.json'],
    ['encoded backslashes', 'app://topswitch/..%5c..%5cpackage.json'],
    ['a NUL byte', 'app://topswitch/index.html%00.png'],
    ['a malformed escape', 'app://topswitch/%E0%A4%A'],
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///opt/app/out/renderer/index.html'],
    ['not a URL', 'index.html'],
  ])('refuses %s', (_why, url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it('lets the URL parser fold dot segments (%2e%2e too) inside the root, as Chromium does', () => {
    expect(resolveAppFile(root, 'app://topswitch/%2e%2e/%2e%2e/main/index.js')).toBe(join(root, 'main/index.js'));
    expect(resolveAppFile(root, 'app://topswitch/../renderer-evil/x.js')).toBe(join(root, 'renderer-evil/x.js'));
  });

  it('never resolves outside the root, whatever the input', () => {
    const hostile = ['..', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%252e%252e', '..%2f', '%5c..', '//', '/./'];
    for (const a of hostile) {
      for (const b of hostile) {
        const file = resolveAppFile(root, `app://topswitch/${a}/${b}/secret`);
        if (file !== null) expect(file.startsWith(root + '/')).toBe(true);
      }
    }
  });
});

describe('app:// response headers', () => {
  it('types files and sends the same CSP as the page meta tag', () => {
    expect(mimeTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(mimeTypeFor('/x/a.JS')).toMatch(/^text\/javascript/);
    expect(mimeTypeFor('/x/a.unknown')).toBe('application/octet-stream');
    const headers = appResponseHeaders('/x/index.html');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-security-policy']).toBe(APP_CONTENT_SECURITY_POLICY);
    const html = readFileSync(resolve(import.meta.dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(APP_CONTENT_SECURITY_POLICY);
  });

  it('CSP allows no network and no foreign script', () => {
    expect(APP_CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(APP_CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(APP_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:/);
  });
});

describe('permissions', () => {
  it('denies everything a page could ask for, except sanitised clipboard writes', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'usb', 'serial', 'display-capture', 'unknown']) {
      expect(isPermissionGranted(permission)).toBe(false);
    }
    expect(isPermissionGranted('clipboard-sanitized-write')).toBe(true);
  });
});
