/** Browser mode's request rules (electron/web/guard.ts) and page rewriting (server.ts), with hostile input. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkHostAndOrigin, cookieValue, sameSecret, sessionCookie } from '../../../electron/web/guard.js';
import { browserModeCsp, pageHtml } from '../../../electron/web/server.js';
import { APP_CONTENT_SECURITY_POLICY } from '../../../electron/main/security-rules.js';

const PORT = 41234;

describe('Host and Origin', () => {
  it('accepts the loopback address or localhost with this port, and the page\'s own origin', () => {
    expect(checkHostAndOrigin({ host: `127.0.0.1:${PORT}` }, PORT, false)).toEqual({ ok: true, host: `127.0.0.1:${PORT}` });
    expect(checkHostAndOrigin({ host: `LOCALHOST:${PORT}`, origin: `http://localhost:${PORT}` }, PORT, true)).toMatchObject({ ok: true });
    expect(checkHostAndOrigin({ host: `127.0.0.1:${PORT}`, origin: `http://127.0.0.1:${PORT}`, 'sec-fetch-site': 'same-origin' }, PORT, true)).toMatchObject({ ok: true });
    expect(checkHostAndOrigin({ host: `127.0.0.1:${PORT}`, 'sec-fetch-site': 'none' }, PORT, false)).toMatchObject({ ok: true });
  });

  it.each([
    [{}, 'foreign Host'],
    [{ host: 'evil.example' }, 'foreign Host'],
    [{ host: `evil.example:${PORT}` }, 'foreign Host'], // DNS rebinding
    [{ host: `127.0.0.1:${PORT + 1}` }, 'foreign Host'],
    [{ host: `127.0.0.1:${PORT}.evil.example` }, 'foreign Host'],
    [{ host: `127.0.0.1:${PORT}`, origin: 'http://evil.example' }, 'foreign Origin'],
    [{ host: `127.0.0.1:${PORT}`, origin: 'null' }, 'foreign Origin'],
    [{ host: `127.0.0.1:${PORT}`, origin: `http://localhost:${PORT}` }, 'foreign Origin'], // the other name is another origin
    [{ host: `127.0.0.1:${PORT}`, origin: `https://127.0.0.1:${PORT}` }, 'foreign Origin'],
    [{ host: `127.0.0.1:${PORT}`, 'sec-fetch-site': 'cross-site' }, 'cross-site request'],
    [{ host: `127.0.0.1:${PORT}`, 'sec-fetch-site': 'same-site' }, 'cross-site request'], // another port on 127.0.0.1
  ])('refuses %j (%s)', (headers, reason) => {
    expect(checkHostAndOrigin(headers, PORT, false)).toMatchObject({ ok: false, status: 403, reason });
  });

  it('requires an Origin on the WebSocket upgrade', () => {
    expect(checkHostAndOrigin({ host: `127.0.0.1:${PORT}` }, PORT, true)).toMatchObject({ ok: false, reason: 'no Origin' });
  });
});

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict and named for its port', () => {
    expect(sessionCookie(PORT, 'abc')).toBe(`topswitch-${PORT}=abc; Path=/; HttpOnly; SameSite=Strict`);
  });
  it('is read exactly by name, and compared in full', () => {
    expect(cookieValue(`a=1; topswitch-${PORT}=secret; b=2`, `topswitch-${PORT}`)).toBe('secret');
    expect(cookieValue(`xtopswitch-${PORT}=secret`, `topswitch-${PORT}`)).toBeUndefined();
    expect(cookieValue(undefined, 'x')).toBeUndefined();
    expect(sameSecret('secret', 'secret')).toBe(true);
    expect(sameSecret('secre', 'secret')).toBe(false);
    expect(sameSecret(undefined, 'secret')).toBe(false);
  });
});

describe('the page browser mode serves', () => {
  const html = readFileSync(resolve(import.meta.dirname, '../../../renderer/index.html'), 'utf8');

  it('keeps the app\'s CSP and opens connect-src for exactly its own socket', () => {
    const page = pageHtml(html, PORT);
    const meta = /content="(default-src[^"]*)"/.exec(page)?.[1];
    expect(meta).toBe(browserModeCsp(APP_CONTENT_SECURITY_POLICY, `ws://127.0.0.1:${PORT} ws://localhost:${PORT}`));
    expect(meta).toContain(`connect-src ws://127.0.0.1:${PORT} ws://localhost:${PORT};`);
    expect(meta).not.toContain("connect-src 'none'");
    expect(page).toContain('<script src="/__topswitch/bridge.js"></script>');
    // The bridge loads after the CSP meta, so the page's own policy covers it too.
    expect(page.indexOf('/__topswitch/bridge.js')).toBeGreaterThan(page.indexOf('Content-Security-Policy'));
  });

  it('refuses to guess when the app\'s CSP changed shape', () => {
    expect(() => browserModeCsp("default-src 'self'", 'ws://127.0.0.1:1')).toThrow(/connect-src/);
    expect(() => pageHtml('<html><head></head></html>', PORT)).toThrow(/CSP/);
  });
});
