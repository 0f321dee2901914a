/**
 * Browser mode's server: the built renderer and its WebSocket bridge to the core's router, on the
 * loopback interface only, behind the checks in guard.ts. The page gets the app's own CSP (sent as
 * a header too), with connect-src opened for exactly this server's WebSocket and nothing else.
 * No CORS headers are ever sent, and only GET/HEAD reach files.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { eventChannel } from '../shared/ipc-contract.js';
import { APP_CONTENT_SECURITY_POLICY, mimeTypeFor, resolveAppFile } from '../main/security-rules.js';
import type { EventBus, Logger, Router } from '../core/router.js';
import {
  BRIDGE_PATH,
  BRIDGE_SCRIPT_PATH,
  HARD_FRAME_LIMIT_BYTES,
  INVOKE_PREFIX,
  MAX_REQUEST_BYTES,
  RequestFrame,
  refusal,
  type AnswerFrame,
  type PushFrame,
} from './bridge-protocol.js';
import { checkHostAndOrigin, cookieName, cookieValue, LOOPBACK, newSecret, sameSecret, sessionCookie } from './guard.js';

export interface WebServerOptions {
  router: Router;
  events: EventBus;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The page's `window.api` (bridge-bundle.ts). */
  bridgeScript: string;
  /** 0 (default): a free port. */
  port?: number;
  /** After the last page has been gone this long (and one had come), `onIdle` runs. */
  idleMs?: number;
  onIdle?: () => void;
  log?: Logger;
}

export interface WebServer {
  /** The first URL, with the one-time token: open it once. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  /** Pages connected right now. */
  pages(): number;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** The app's CSP with the one change browser mode needs: the page may reach its own WebSocket. */
export function browserModeCsp(policy: string, wsOrigin: string): string {
  if (!policy.includes("connect-src 'none'")) throw new Error("The app's CSP no longer says connect-src 'none'; browser mode does not know how to open it.");
  return policy.replace("connect-src 'none'", `connect-src ${wsOrigin}`);
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const log: Logger = options.log ?? (() => {});
  const token = newSecret();
  const session = newSecret();
  let tokenUsed = false;
  let port = 0;
  let csp = '';
  let indexHtml = '';
  const sockets = new Set<WebSocket>();
  let everConnected = false;
  let idleTimer: NodeJS.Timeout | undefined;

  const sourceHtml = await readFile(`${options.rendererDir}/index.html`, 'utf8');
  const refuse = (response: ServerResponse, status: number, reason: string) => {
    log('warn', `browser mode refused a request: ${reason}`);
    response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end(status === 401 ? 'Open TopSwitch with the link it printed when it started.\n' : `Refused: ${reason}.\n`);
  };
  const send = (response: ServerResponse, method: string, type: string, body: string | Buffer) => {
    response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': type, 'content-security-policy': csp, 'cache-control': 'no-store' });
    response.end(method === 'HEAD' ? undefined : body);
  };

  async function onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const verdict = checkHostAndOrigin(request.headers, port, false);
    if (!verdict.ok) return refuse(response, verdict.status, verdict.reason);
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      response.writeHead(405, { ...SECURITY_HEADERS, allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(request.url ?? '/', `http://${verdict.host}`);
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (tokenUsed || !sameSecret(offered, token)) return refuse(response, 403, tokenUsed ? 'the link was already used' : 'wrong token');
      tokenUsed = true;
      // The cookie now stands for the token; the address bar loses it (303 to the bare path).
      response.writeHead(303, { ...SECURITY_HEADERS, 'set-cookie': sessionCookie(port, session), location: url.pathname, 'cache-control': 'no-store' });
      response.end();
      return;
    }
    if (!sameSecret(cookieValue(request.headers.cookie, cookieName(port)), session)) return refuse(response, 401, 'no session cookie');
    if (url.pathname === BRIDGE_SCRIPT_PATH) return send(response, method, 'text/javascript; charset=utf-8', options.bridgeScript);
    if (url.pathname === '/' || url.pathname === '/index.html') return send(response, method, 'text/html; charset=utf-8', indexHtml);
    const file = resolveAppFile(options.rendererDir, `app://topswitch${url.pathname}`);
    try {
      if (!file) throw new Error('outside the renderer');
      send(response, method, mimeTypeFor(file), await readFile(file));
    } catch {
      response.writeHead(404, SECURITY_HEADERS).end();
    }
  }

  const server = createServer((request, response) => {
    onRequest(request, response).catch((error: unknown) => {
      log('error', 'browser mode failed to answer a request', error);
      if (!response.headersSent) response.writeHead(500, SECURITY_HEADERS);
      response.end();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_LIMIT_BYTES });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = checkHostAndOrigin(request.headers, port, true);
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const reason = !verdict.ok
      ? verdict.reason
      : path !== BRIDGE_PATH
        ? 'unknown path'
        : !sameSecret(cookieValue(request.headers.cookie, cookieName(port)), session)
          ? 'no session cookie'
          : undefined;
    if (reason !== undefined) {
      log('warn', `browser mode refused a WebSocket: ${reason}`);
      socket.end(`HTTP/1.1 403 Forbidden\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => onPage(ws));
  });

  function onPage(ws: WebSocket): void {
    sockets.add(ws);
    everConnected = true;
    clearTimeout(idleTimer);
    ws.on('message', (data: RawData, isBinary: boolean) => void answer(ws, data, isBinary));
    ws.on('error', (error) => log('warn', 'a page socket failed', error));
    ws.on('close', () => {
      sockets.delete(ws);
      if (sockets.size === 0 && options.onIdle && everConnected) {
        idleTimer = setTimeout(() => options.onIdle?.(), options.idleMs ?? 60_000);
        idleTimer.unref();
      }
    });
  }

  const reply = (ws: WebSocket, frame: AnswerFrame | PushFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  async function answer(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (isBinary) return reply(ws, { id: null, envelope: refusal('INVALID_ARGUMENT', 'Binary frames are not part of the bridge.') });
    if (bytes.length > MAX_REQUEST_BYTES) {
      return reply(ws, { id: null, envelope: refusal('INVALID_ARGUMENT', `A request frame may be at most ${MAX_REQUEST_BYTES} bytes; this one was ${bytes.length}.`) });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch {
      return reply(ws, { id: null, envelope: refusal('INVALID_ARGUMENT', 'A request frame must be JSON.') });
    }
    const frame = RequestFrame.safeParse(parsed);
    if (!frame.success) {
      const id = typeof (parsed as { id?: unknown } | null)?.id === 'number' ? (parsed as { id: number }).id : null;
      return reply(ws, { id: Number.isSafeInteger(id) ? id : null, envelope: refusal('INVALID_ARGUMENT', 'A request frame is {id, channel, args}.') });
    }
    const { id, channel, args } = frame.data;
    if (!channel.startsWith(INVOKE_PREFIX)) return reply(ws, { id, envelope: refusal('UNKNOWN_CHANNEL', `No such channel: ${channel.slice(0, 64)}`) });
    // The router validates the arguments and the result against the contract; its envelope goes out as it is.
    reply(ws, { id, envelope: await options.router.handle(channel.slice(INVOKE_PREFIX.length), args) });
  }

  const unsubscribe = options.events.subscribe((event, payload, revision) => {
    for (const ws of sockets) reply(ws, { push: eventChannel(event), message: { value: payload, revision } });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${LOOPBACK}:${port}`;
  csp = browserModeCsp(APP_CONTENT_SECURITY_POLICY, `ws://${LOOPBACK}:${port} ws://localhost:${port}`);
  indexHtml = pageHtml(sourceHtml, port);

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    pages: () => sockets.size,
    async close() {
      clearTimeout(idleTimer);
      unsubscribe();
      for (const ws of sockets) ws.close(1001, 'TopSwitch is stopping');
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** index.html as browser mode serves it: the bridge script first, and a CSP meta that lets it connect. */
export function pageHtml(html: string, port: number): string {
  const withCsp = html.replace(/(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i, (_all, start: string, policy: string, end: string) =>
    `${start}${browserModeCsp(policy, `ws://${LOOPBACK}:${port} ws://localhost:${port}`)}${end}`,
  );
  if (withCsp === html) throw new Error('index.html has no CSP meta tag to adapt');
  // A classic script runs while the page is parsed, module scripts only after: window.api is there when App boots.
  return withCsp.replace(/<\/head>/i, `  <script src="${BRIDGE_SCRIPT_PATH}"></script>\n  </head>`);
}
