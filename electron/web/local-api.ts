/**
 * The local HTTP API for scripts and launchers (rofi, Ulauncher, Alfred, Raycast): off unless
 * Settings switches it on, served by whichever host runs the core (the desktop app or browser
 * mode), plain Node so both start it the same way.
 *
 *   GET  /api/top-peers                the cached list, as `topswitch top-peers --json` prints it (no network)
 *   POST /api/contacts.getTopPeers     Telegram's method with its own parameters (JSON body, or
 *                                      form/query fields each JSON-encoded); also GET with a query
 *   POST /api/contacts.resetTopPeerRating, /api/contacts.toggleTopPeers
 *
 * Loopback only; a bearer token from `local-api.json` (0600, in the data dir, next to the URL);
 * Host checked (DNS rebinding); any request a browser page makes (it sends Origin or
 * Sec-Fetch-Site) is refused, and no CORS header is ever sent, so no web page can use it.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { AppCore } from '../core/app-core.js';
import { MethodCallError, type MethodError } from '../core/method-call.js';
import type { Logger } from '../core/router.js';
import type { Settings } from '../shared/ipc-contract.js';
import { allowedHosts, LOOPBACK, newSecret, sameSecret } from './guard.js';

export const LOCAL_API_FILE = 'local-api.json';
/** Tried first so launcher scripts can keep one URL; any free port when it is taken. */
export const DEFAULT_LOCAL_API_PORT = 47_613;
const MAX_BODY_BYTES = 64 * 1024;

type CoreForApi = { api: Pick<AppCore['api'], 'getTopPeers' | 'getSettings' | 'topPeersHash' | 'callMethod'>; events: AppCore['events'] };

export interface LocalApiOptions {
  core: CoreForApi;
  dataDir: string;
  /** Default: TOPSWITCH_API_PORT, else DEFAULT_LOCAL_API_PORT (else a free port). */
  port?: number;
  log?: Logger;
}

export interface LocalApi {
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

class HttpRefusal extends Error {
  constructor(readonly status: number, readonly body: MethodError) {
    super(body.description);
  }
}
const refusal = (status: number, name: string, description: string) =>
  new HttpRefusal(status, { _: 'rpc_error', error_code: status, error_message: name, description });

/** Starts the API now, whatever Settings says (the switch below decides when). */
export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const token = readOrCreateToken(options.dataDir);
  let port = 0;
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const refused = error instanceof HttpRefusal ? error : undefined;
      if (!refused) options.log?.('error', 'local API failed to answer', error);
      respond(response, refused?.status ?? 500, refused?.body ?? { _: 'rpc_error', error_code: 500, error_message: 'INTERNAL', description: 'The request failed inside TopSwitch.' });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts(port).has(String(request.headers.host ?? '').toLowerCase())) throw refusal(403, 'HOST_INVALID', 'The Host header must name this loopback server.');
    // Scripts send neither; a browser page always sends one of them.
    if (request.headers.origin !== undefined || (request.headers['sec-fetch-site'] ?? 'none') !== 'none') {
      throw refusal(403, 'ORIGIN_FORBIDDEN', 'Web pages may not call the local API.');
    }
    const bearer = /^Bearer (\S+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
    if (!sameSecret(bearer, token)) {
      response.setHeader('www-authenticate', 'Bearer');
      throw refusal(401, 'UNAUTHORIZED', `Send "Authorization: Bearer <token>" with the token from ${LOCAL_API_FILE} in the data directory.`);
    }
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}`);
    const method = request.method ?? 'GET';
    if (url.pathname === '/api/top-peers') {
      if (method !== 'GET') throw refusal(405, 'METHOD_INVALID', 'GET /api/top-peers');
      const snapshot = options.core.api.getTopPeers();
      return respond(response, 200, { status: snapshot.status, hash: options.core.api.topPeersHash(), fetchedAt: snapshot.fetchedAt, peers: snapshot.peers });
    }
    const name = /^\/api\/([a-zA-Z]+\.[a-zA-Z]+)$/.exec(url.pathname)?.[1];
    if (name === undefined) throw refusal(404, 'NOT_FOUND', 'Try GET /api/top-peers or POST /api/contacts.getTopPeers.');
    // Reading is safe to repeat; changing (reset, toggle) takes a POST.
    if (method !== 'POST' && !(method === 'GET' && name === 'contacts.getTopPeers')) throw refusal(405, 'METHOD_INVALID', `POST /api/${name}`);
    const params = { ...jsonFields(url.searchParams), ...(method === 'POST' ? await readBody(request) : {}) };
    try {
      respond(response, 200, await options.core.api.callMethod(name, params));
    } catch (error) {
      if (!(error instanceof MethodCallError)) throw error;
      respond(response, statusFor(error.body.error_code), error.body);
    }
  }

  const preferred = options.port ?? (Number(process.env.TOPSWITCH_API_PORT) || DEFAULT_LOCAL_API_PORT);
  port = await listen(server, preferred).catch(() => listen(server, 0));
  const url = `http://${LOOPBACK}:${port}`;
  writePrivateJson(options.dataDir, LOCAL_API_FILE, { url, token });
  return {
    url,
    token,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The API follows Settings: started when `localApi` is switched on, stopped when switched off. */
export function startLocalApiSwitch(options: LocalApiOptions): { close(): Promise<void> } {
  let running: Promise<LocalApi | undefined> = Promise.resolve(undefined);
  let wanted = false;
  const apply = (on: boolean) => {
    if (on === wanted) return;
    wanted = on;
    running = running.then(async (current) => {
      await current?.close();
      if (!on) return undefined;
      return startLocalApi(options).then(
        (api) => (options.log?.('info', `local API at ${api.url}`), api),
        (error: unknown) => (options.log?.('error', 'the local API could not start', error), undefined),
      );
    });
  };
  const unsubscribe = options.core.events.subscribe((event, payload) => {
    if (event === 'settings:changed') apply((payload as Settings).localApi);
  });
  apply(options.core.api.getSettings().localApi);
  return {
    async close() {
      unsubscribe();
      wanted = false;
      await (await running)?.close();
    },
  };
}

function statusFor(code: number): number {
  return code >= 400 && code < 600 ? code : 400;
}

function respond(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return void response.end();
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(`${JSON.stringify(body)}\n`);
}

/** Form or query fields, each JSON-encoded as the method's HTTP form has them (`limit=10`, `hash="123"`). */
function jsonFields(fields: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of fields) {
    try {
      out[key] = JSON.parse(raw);
    } catch {
      throw refusal(400, 'INPUT_INVALID', `The field ${key.slice(0, 64)} is not JSON (strings need quotes).`);
    }
  }
  return out;
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw refusal(413, 'INPUT_TOO_LARGE', `A request body may be at most ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return jsonFields(new URLSearchParams(text));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw refusal(400, 'INPUT_INVALID', 'The body is not JSON (or send form fields as application/x-www-form-urlencoded).');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw refusal(400, 'INPUT_INVALID', 'The body must be a JSON object of parameters.');
  return body as Record<string, unknown>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, LOOPBACK, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** The token survives restarts (a launcher's config can keep it); a file that does not parse gets a new one. */
function readOrCreateToken(dataDir: string): string {
  const file = join(dataDir, LOCAL_API_FILE);
  if (existsSync(file)) {
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { token?: unknown };
      if (typeof saved.token === 'string' && /^[A-Za-z0-9_-]{32,}$/.test(saved.token)) return saved.token;
    } catch {
      // replaced below
    }
  }
  return newSecret();
}

function writePrivateJson(dataDir: string, name: string, value: unknown): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, name);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}
