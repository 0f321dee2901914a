/**
 * The sockets of one gramjs client, closable for good. gramjs's connect loop retries on its own
 * and reuses or rebuilds its connection object after a failure, and `client.destroy()` closes only
 * the connection it currently holds: a connect that timed out on our side kept opening sockets
 * (each hanging in the key exchange of a DC that accepts and never answers). Every connection a
 * client makes is built from the class here, so `closeAll()` reaches each socket it ever opened
 * and refuses the ones gramjs would still open after it.
 */
// gramjs's modules import each other in a cycle: load the package root before any deep import.
import 'telegram';
import { ConnectionTCPFull } from 'telegram/network/connection/TCPFull.js';

type ConnectionClass = typeof ConnectionTCPFull;
type Closable = { disconnect(): Promise<void>; socket?: { close?(): Promise<void> | void } };

export interface TrackedConnections {
  /** Pass as the client's `connection` option. */
  readonly Connection: ConnectionClass;
  /** Sockets opened and not closed yet (for tests and the bench). */
  readonly open: number;
  /** Close every socket this client opened; any later connect fails at once. Idempotent. */
  closeAll(): Promise<void>;
}

export function trackConnections(base: ConnectionClass = ConnectionTCPFull): TrackedConnections {
  const live = new Set<Closable>();
  let closed = false;
  const refuse = () => new Error('Connection closed: this Telegram client was shut down');
  const shut = async (connection: Closable) => {
    live.delete(connection);
    await connection.disconnect().catch(() => undefined);
    // disconnect() is a no-op while the TCP connect or the key exchange is still pending.
    await Promise.resolve(connection.socket?.close?.()).catch(() => undefined);
  };

  class TrackedConnection extends base {
    override async connect(): Promise<void> {
      if (closed) throw refuse();
      live.add(this as unknown as Closable);
      try {
        await super.connect();
      } catch (error) {
        live.delete(this as unknown as Closable);
        await Promise.resolve((this as unknown as Closable).socket?.close?.()).catch(() => undefined);
        throw error;
      }
      if (closed) {
        await shut(this as unknown as Closable);
        throw refuse();
      }
    }

    override async disconnect(): Promise<void> {
      live.delete(this as unknown as Closable);
      await super.disconnect();
    }
  }

  return {
    Connection: TrackedConnection,
    get open() {
      return live.size;
    },
    async closeAll() {
      closed = true;
      await Promise.all([...live].map(shut));
    },
  };
}
