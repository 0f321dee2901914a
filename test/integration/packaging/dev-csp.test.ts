/**
 * The page's CSP in development and in the build: a real Vite dev server with the plugin
 * answers index.html with its own origin (HTTP and WebSocket) in connect-src, so hot reload can
 * connect; the built page (out/renderer, built by the suite's global setup) keeps 'none'.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { devServerCsp } from '../../../build/dev-csp.js';
import { allowDevServerInCsp } from '../../../electron/main/security-rules.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const cspOf = (html: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
let server: ViteDevServer | undefined;
afterAll(() => server?.close());

describe('connect-src', () => {
  it('under the dev server allows that server’s origin, HTTP and WebSocket, and nothing else', async () => {
    server = await createServer({
      configFile: false,
      root: join(ROOT, 'renderer'),
      logLevel: 'silent',
      plugins: [devServerCsp()],
      server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: true },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    await server.listen();
    const origin = new URL(server.resolvedUrls!.local[0]!).origin;
    const html = await (await fetch(`${origin}/index.html`)).text();
    const connect = cspOf(html).split(';').map((part) => part.trim()).find((part) => part.startsWith('connect-src'));
    expect(connect).toBe(`connect-src 'self' ${origin} ${origin.replace('http', 'ws')}`);
  });

  it('in the build stays none', () => {
    const built = cspOf(readFileSync(join(ROOT, 'out/renderer/index.html'), 'utf8'));
    expect(built).toContain("connect-src 'none'");
    expect(built).not.toMatch(/ws:|localhost|127\.0\.0\.1/);
  });

  it('refuses to widen a page that no longer says none (the rule would silently rot)', () => {
    expect(() => allowDevServerInCsp('<meta content="connect-src *">', ['http://localhost:5173/'])).toThrow(/connect-src 'none'/);
    expect(allowDevServerInCsp("connect-src 'none'", [])).toBe("connect-src 'none'");
  });
});
