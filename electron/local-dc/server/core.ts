/**
 * What connections share: the DC's keys, the world's methods, faults, and the routing of pushes.
 * The server implements it; connections and the dispatcher only see this.
 */
import type { MethodTable, WorldHost } from '../types.js';
import type { AuthKeyStore } from './auth-keys.js';
import type { DcConnection } from './connection.js';
import type { FaultBook } from './faults.js';
import type { DcRsaKey } from './rsa.js';
import type { DcSession } from './session.js';
import type { TransportName } from './transport.js';

export interface DcCore extends WorldHost {
  readonly rsaKey: DcRsaKey;
  readonly authKeys: AuthKeyStore;
  readonly faults: FaultBook;
  readonly methods: MethodTable;
  readonly dc: { readonly id: number; readonly host: string; readonly port: number };
  log(line: string): void;
  /** The server's state for a client session; `isNew` the first time the session id is seen. */
  session(authKeyId: string, sessionId: bigint): { state: DcSession; isNew: boolean };
  /** Forgets a session (destroy_session); false if there was none. */
  dropSession(authKeyId: string, sessionId: bigint): boolean;
  /** Called once a connection has proven its auth key, so pushes can find it. */
  remember(connection: DcConnection): void;
  forget(connection: DcConnection): void;
  /** Counts connections by transport, once a connection's first bytes named it. */
  noteTransport(name: TransportName): void;
}
