/**
 * The local Telegram data centre: an MTProto 2.0 server on 127.0.0.1 that the real, unmodified
 * gramjs client connects to. `server/` speaks the protocol; `world/` is the Telegram behind it.
 *
 *   const dc = await startFakeDc({ world: 'demo' });
 *   const client = fakeDcClient({ dc });        // from ./client.ts
 *   await client.connect();
 *   ...
 *   await client.destroy(); await dc.close();
 */
import { FakeDcServer } from './server/server.js';
import { inMemoryRsaKey, loadOrCreateRsaKey } from './server/rsa.js';
import type { TransportName } from './server/transport.js';
import type { DcWorld, Faults } from './types.js';
import { createDemoWorld } from './world/index.js';

export interface StartFakeDcOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** 'demo' (default) is the other half's demo world. */
  world?: DcWorld | 'demo';
  /** Keeps the RSA key and auth keys (with their signed-in users) across restarts of the process. */
  stateDir?: string;
  /** Notable events: new auth keys, unimplemented methods, faults, protocol errors. Default: stderr. */
  log?: (line: string) => void;
}

export interface FakeDcStats {
  /** Auth keys made by handshakes since this DC started. */
  readonly authKeysCreated: number;
  /** TCP connections accepted since this DC started. */
  readonly connections: number;
  /** Connections by the transport their first bytes chose. */
  readonly transports: Readonly<Record<TransportName, number>>;
}

export interface FakeDc {
  readonly host: string;
  readonly port: number;
  readonly dcId: number;
  readonly publicKeyPem: string;
  /** Where the PEM public key lies, with a state dir. */
  readonly publicKeyPath?: string;
  readonly world: DcWorld;
  readonly faults: Faults;
  stats(): FakeDcStats;
  /** Closes every connection and listens again on the same port; keys and state stay. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
/** The DC id clients put in their session (DESIGN.md §3). */
export const FAKE_DC_ID = 2;

export async function startFakeDc(options: StartFakeDcOptions = {}): Promise<FakeDc> {
  const world = !options.world || options.world === 'demo' ? createDemoWorld() : options.world;
  const savedKey = options.stateDir ? await loadOrCreateRsaKey(options.stateDir) : undefined;
  const rsaKey = savedKey ?? (await inMemoryRsaKey());
  const server = new FakeDcServer({
    host: HOST,
    port: options.port ?? 0,
    dcId: FAKE_DC_ID,
    world,
    rsaKey,
    ...(options.stateDir ? { stateDir: options.stateDir } : {}),
    log: options.log ?? ((line) => process.stderr.write(`[fake-dc] ${line}\n`)),
  });
  await server.listen();
  return {
    host: HOST,
    port: server.listeningPort,
    dcId: FAKE_DC_ID,
    publicKeyPem: rsaKey.publicKeyPem,
    ...(savedKey ? { publicKeyPath: savedKey.publicKeyPath } : {}),
    world,
    faults: server.faults,
    stats: () => ({
      authKeysCreated: server.authKeys.createdCount,
      connections: server.connectionCount,
      transports: { ...server.transportCounts },
    }),
    restart: () => server.restart(),
    close: () => server.close(),
  };
}

export type { DcWorld, Fault, Faults, MethodTable, CallContext, WorldHost } from './types.js';
export { RpcError } from './types.js';
