/**
 * Client side of the local DC, for tests and (later) the app's DC override: plain gramjs,
 * pointed at 127.0.0.1:PORT and trusting the DC's RSA key.
 */
import { TelegramClient } from 'telegram';
import { Logger, LogLevel } from 'telegram/extensions/Logger.js';
import { Connection } from 'telegram/network/connection/Connection.js';
import { ConnectionTCPFull } from 'telegram/network/connection/TCPFull.js';
import { StringSession } from 'telegram/sessions/index.js';
import { trustFakeDcKey } from './trust.js';

type ConnectionOptions = ConstructorParameters<typeof Connection>[0];

/**
 * gramjs ignores the session's port (it dials 80 or 443), so the address lives in the
 * connection class instead. gramjs builds a new connection from the class on every reconnect,
 * so the override holds for the client's lifetime.
 */
export function connectionFor(host: string, port: number, base: typeof Connection = ConnectionTCPFull) {
  return class FakeDcConnection extends base {
    constructor(options: ConnectionOptions) {
      super({ ...options, ip: host, port });
    }
  };
}

/** The session's port: `StringSession.save()` writes it as int16, so never the DC's real port. */
export const SESSION_PORT = 443;

export interface FakeDcClientOptions {
  dc: { host: string; port: number; publicKeyPem: string; dcId?: number };
  /** A saved StringSession to resume; a new one by default. */
  session?: string | StringSession;
  /** Another gramjs connection class to use (e.g. ConnectionTCPAbridged); full TCP by default. */
  connection?: typeof Connection;
  /** gramjs log level; silent by default. */
  logLevel?: LogLevel;
  /** A logger of your own (overrides logLevel), e.g. to capture gramjs's warnings. */
  baseLogger?: Logger;
}

export function fakeDcClient({ dc, session, connection, logLevel, baseLogger }: FakeDcClientOptions): TelegramClient {
  trustFakeDcKey(dc.publicKeyPem);
  const stringSession = session instanceof StringSession ? session : new StringSession(session ?? '');
  const dcId = dc.dcId ?? 2;
  if (!stringSession.serverAddress) stringSession.setDC(dcId, dc.host, SESSION_PORT);
  return new TelegramClient(stringSession, 1, 'test', {
    connection: connectionFor(dc.host, dc.port, connection),
    connectionRetries: 2,
    retryDelay: 200,
    useWSS: false,
    baseLogger: baseLogger ?? new Logger(logLevel ?? LogLevel.NONE),
  });
}
