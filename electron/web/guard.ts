/**
 * Who may talk to browser mode's server (DESIGN.md §7, Jupyter's model), as plain functions of
 * request headers so each rule is tested with hostile input:
 *  - Host must name the loopback address and port the server listens on: a DNS-rebinding page
 *    (evil.example resolving to 127.0.0.1) arrives with its own name in Host and is refused.
 *  - Origin, when sent, must be the server's own (and is required on the WebSocket upgrade, which
 *    browsers always send it on): another local page cannot drive the app.
 *  - The one-time token in the first URL is exchanged for a session cookie (HttpOnly,
 *    SameSite=Strict), and from then on only the cookie opens anything.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const LOOPBACK = '127.0.0.1';

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The Host values that name this server: the loopback address or `localhost`, with its port. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
}

export type Verdict = { ok: true; host: string } | { ok: false; status: 400 | 401 | 403; reason: string };

/**
 * Host and Origin checks every request and upgrade passes. `originRequired`: the WebSocket
 * upgrade, which a browser always sends Origin on (a client without one is not our page).
 */
export function checkHostAndOrigin(headers: IncomingHttpHeaders, port: number, originRequired: boolean): Verdict {
  const host = headers.host;
  if (typeof host !== 'string' || !allowedHosts(port).has(host.toLowerCase())) return { ok: false, status: 403, reason: 'foreign Host' };
  // A page of another site cannot even send a simple request with our cookie (SameSite=Strict),
  // but say no to it explicitly when the browser tells us where the request comes from (a
  // navigation from another site carries no Origin, only this).
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return { ok: false, status: 403, reason: 'cross-site request' };
  const origin = headers.origin;
  if (origin === undefined) return originRequired ? { ok: false, status: 403, reason: 'no Origin' } : { ok: true, host: host.toLowerCase() };
  if (origin !== `http://${host.toLowerCase()}`) return { ok: false, status: 403, reason: 'foreign Origin' };
  return { ok: true, host: host.toLowerCase() };
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

/** One session cookie per server: the port is in its name, since cookies do not tell ports apart. */
export const cookieName = (port: number): string => `topswitch-${port}`;

export function sessionCookie(port: number, secret: string): string {
  return `${cookieName(port)}=${secret}; Path=/; HttpOnly; SameSite=Strict`;
}
