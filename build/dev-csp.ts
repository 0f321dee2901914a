/**
 * Vite plugin for `npm run dev` only (apply: 'serve'): widens the page's connect-src to the dev
 * server's own origins so hot reload can connect. `vite build` never runs it, so the packaged
 * page keeps connect-src 'none' (test/integration/packaging/dev-csp.test.ts checks both).
 */
import type { Plugin } from 'vite';
import { allowDevServerInCsp } from '../electron/main/security-rules.js';

export function devServerCsp(): Plugin {
  let urls: string[] = [];
  return {
    name: 'topswitch-dev-server-csp',
    apply: 'serve',
    configureServer(server) {
      server.httpServer?.once('listening', () => {
        urls = [...(server.resolvedUrls?.local ?? [])];
      });
    },
    transformIndexHtml: {
      order: 'pre',
      handler: (html, context) => allowDevServerInCsp(html, urls.length > 0 ? urls : [...(context.server?.resolvedUrls?.local ?? [])]),
    },
  };
}
