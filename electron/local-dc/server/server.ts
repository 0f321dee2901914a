/**
 * The listening side: accepts TCP connections on 127.0.0.1, tracks live connections per auth key
 * for pushes, and can restart (close every socket, listen again on the same port) keeping keys.
 */
import { bytesForLayer } from './tl-layer.js';
import { createServer, type Server, type Socket } from 'node:net';
import type { DcWorld, MethodTable } from '../types.js';
import { AuthKeyStore } from './auth-keys.js';
import { DcConnection } from './connection.js';
import type { DcCore } from './core.js';
import { FaultBook } from './faults.js';
import type { DcRsaKey } from './rsa.js';
import { DcSession } from './session.js';
import type { TransportName } from './transport.js';

export interface FakeDcServerOptions {
  host: string;
  port: number;
  dcId: number;
  world: DcWorld;
  rsaKey: DcRsaKey;
  stateDir?: string;
  log: (line: string) => void;
}

/**
 * A session whose client left (its connection closed) is forgotten after this: one that goes on in
 * the same session (mtcute) is back within seconds, and one that starts a new session on every
 * reconnect (gramjs) never comes back for the answers its old one keeps. A client that returns
 * later gets new_session_created and, to msgs_state_req, "nothing known": it sends again.
 */
const DETACHED_SESSION_MS = 2 * 60 * 1000;

export class FakeDcServer implements DcCore {
  readonly rsaKey: DcRsaKey;
  readonly authKeys: AuthKeyStore;
  readonly faults = new FaultBook((userId) => this.dropUser(userId));
  readonly methods: MethodTable;
  readonly log: (line: string) => void;
  private readonly host: string;
  private readonly dcId: number;
  private port: number;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly liveByAuthKey = new Map<string, Set<DcConnection>>();
  private readonly sessions = new Map<string, DcSession>();
  /** Connections accepted since start, for tests that count reconnects. */
  connectionCount = 0;
  readonly transportCounts: Record<TransportName, number> = {
    full: 0,
    intermediate: 0,
    'padded-intermediate': 0,
    abridged: 0,
  };

  constructor(options: FakeDcServerOptions) {
    this.host = options.host;
    this.port = options.port;
    this.dcId = options.dcId;
    this.rsaKey = options.rsaKey;
    this.log = options.log;
    this.authKeys = new AuthKeyStore(options.stateDir);
    this.methods = options.world.methods;
    options.world.attach(this);
  }

  get dc() {
    return { id: this.dcId, host: this.host, port: this.port };
  }

  get listeningPort(): number {
    return this.port;
  }

  async listen(): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.server = server;
  }

  /** Closes every connection and the listener; keys, sessions and faults stay. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.liveByAuthKey.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async restart(): Promise<void> {
    await this.close();
    await this.listen();
  }

  private accept(socket: Socket): void {
    this.connectionCount += 1;
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    new DcConnection(socket, this);
  }

  session(authKeyId: string, sessionId: bigint): { state: DcSession; isNew: boolean } {
    const key = `${authKeyId}:${sessionId}`;
    const existing = this.sessions.get(key);
    if (existing) return { state: existing, isNew: false };
    this.forgetIdleSessions();
    const state = new DcSession(sessionId);
    this.sessions.set(key, state);
    return { state, isNew: true };
  }

  dropSession(authKeyId: string, sessionId: bigint): boolean {
    return this.sessions.delete(`${authKeyId}:${sessionId}`);
  }

  /**
   * Sessions keep unacknowledged answers (each within bounds): one whose client left a while ago
   * goes. One with an open connection stays however quiet it is, since its pushes still use it.
   */
  private forgetIdleSessions(): void {
    const before = Date.now() - DETACHED_SESSION_MS;
    for (const [key, session] of this.sessions) if (!session.connected && session.lastUsed < before) this.sessions.delete(key);
  }

  remember(connection: DcConnection): void {
    const id = connection.authKey?.id;
    if (!id) return;
    const live = this.liveByAuthKey.get(id) ?? new Set();
    live.add(connection);
    this.liveByAuthKey.set(id, live);
  }

  forget(connection: DcConnection): void {
    const id = connection.authKey?.id;
    if (!id) return;
    const live = this.liveByAuthKey.get(id);
    live?.delete(connection);
    if (live?.size === 0) this.liveByAuthKey.delete(id);
  }

  /** Closes every live connection signed in as `userId` (a cut-off user's). */
  private dropUser(userId: bigint): void {
    for (const live of this.liveByAuthKey.values()) {
      for (const connection of live) if (connection.authKey?.userId === userId) connection.drop();
    }
  }

  noteTransport(name: TransportName): void {
    this.transportCounts[name] += 1;
  }

  pushToAuthKey(authKeyId: string, update: { getBytes(): Buffer }): void {
    const live = this.liveByAuthKey.get(authKeyId);
    if (!live?.size) return;
    const bodies = new Map<number | undefined, Buffer>();
    for (const connection of live) connection.notify(bodyInLayer(bodies, update, connection.authKey?.layer));
  }

  pushToUser(userId: bigint, update: { getBytes(): Buffer }): void {
    const bodies = new Map<number | undefined, Buffer>();
    for (const live of this.liveByAuthKey.values()) {
      for (const connection of live) {
        if (connection.authKey?.userId !== userId) continue;
        connection.notify(bodyInLayer(bodies, update, connection.authKey.layer));
      }
    }
  }
}

/** One serialisation per layer among the receivers. */
function bodyInLayer(bodies: Map<number | undefined, Buffer>, update: { getBytes(): Buffer }, layer: number | undefined): Buffer {
  let body = bodies.get(layer);
  if (!body) bodies.set(layer, (body = bytesForLayer(update, layer)));
  return body;
}
