/**
 * The app:// protocol that serves the built renderer (Electron security checklist: "avoid file://,
 * prefer a custom protocol"). A file:// page could read any file a script names; an app:// page
 * can only reach out/renderer, and it gets a real origin (app://topswitch) for the CSP, for the
 * IPC sender check and for navigation rules.
 */
import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { APP_SCHEME, appResponseHeaders, resolveAppFile } from './security-rules.js';

/** Must run before app 'ready': privileges can only be granted then, and only once. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: {
        // standard: relative URLs and origins work as for https; secure: treated like https
        // (no mixed-content downgrade); nothing else (no CSP bypass, no service workers).
        standard: true,
        secure: true,
        supportFetchAPI: true,
        bypassCSP: false,
        allowServiceWorkers: false,
        corsEnabled: false,
        stream: false,
        codeCache: true,
      },
    },
  ]);
}

/** Serves files from `rendererDir` only; a path that resolves outside it is a 404, never a read. */
export function handleAppProtocol(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      // fs reads inside app.asar transparently in Electron's main process.
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: appResponseHeaders(file) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
