import { afterEach, describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN, isTrustedSender, originOf } from '../../../electron/main/sender.js';

/** A frame as Electron shapes it: the sender check only reads url, parent and identity. */
const frame = (url: string, parent: unknown = null) => ({ url, parent });

describe('isTrustedSender', () => {
  const ownFrame = frame(`${APP_ORIGIN}/index.html`);
  const windows = [{ mainFrame: ownFrame }, { mainFrame: frame(`${APP_ORIGIN}/index.html#main`) }];
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('trusts the main frame of our own window showing app://topswitch', () => {
    expect(isTrustedSender(ownFrame, windows)).toBe(true);
    const withHash = frame(`${APP_ORIGIN}/index.html#settings`);
    expect(isTrustedSender(withHash, [{ mainFrame: withHash }])).toBe(true);
  });

  it('refuses a missing frame (the frame navigated or was destroyed)', () => {
    expect(isTrustedSender(null, windows)).toBe(false);
    expect(isTrustedSender(undefined, windows)).toBe(false);
  });

  it('refuses a subframe, even one on our origin', () => {
    const child = frame(`${APP_ORIGIN}/index.html`, ownFrame);
    expect(isTrustedSender(child, [...windows, { mainFrame: child }])).toBe(false);
  });

  it('refuses a main frame that belongs to none of our windows', () => {
    expect(isTrustedSender(frame(`${APP_ORIGIN}/index.html`), windows)).toBe(false);
  });

  it('refuses our window once it shows anything but the app', () => {
    for (const url of ['https://t.me/durov', 'file:///etc/passwd', 'app://evil/index.html', 'about:blank', 'data:text/html,x', 'garbage']) {
      const navigated = frame(url);
      expect(isTrustedSender(navigated, [{ mainFrame: navigated }]), url).toBe(false);
    }
  });

  it('trusts the dev server only when the caller names it (never from the environment: a packaged app passes none)', () => {
    const dev = frame('http://localhost:5173/index.html');
    expect(isTrustedSender(dev, [{ mainFrame: dev }])).toBe(false);
    // A packaged app with ELECTRON_RENDERER_URL in its environment still refuses the page.
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    expect(isTrustedSender(dev, [{ mainFrame: dev }])).toBe(false);
    expect(isTrustedSender(dev, [{ mainFrame: dev }], 'http://localhost:5173')).toBe(true);
    const otherPort = frame('http://localhost:5174/index.html');
    expect(isTrustedSender(otherPort, [{ mainFrame: otherPort }], 'http://localhost:5173')).toBe(false);
  });
});

describe('originOf', () => {
  it('gives app: URLs a comparable origin (WHATWG URL says "null" for them)', () => {
    expect(new URL(`${APP_ORIGIN}/x`).origin).toBe('null');
    expect(originOf(`${APP_ORIGIN}/index.html#main`)).toBe(APP_ORIGIN);
    expect(originOf('http://localhost:5173/a')).toBe('http://localhost:5173');
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('nonsense')).toBeNull();
  });
});
