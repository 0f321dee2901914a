/**
 * The seam between the local DC's protocol layer (`server/`: TCP transports, auth-key
 * handshake, MTProto 2.0 sessions, faults) and its Telegram world (`world/`: accounts, peers,
 * top-peer ratings, messages, photos, and one handler per API method).
 *
 * The protocol layer decrypts a request, unwraps invokeWithLayer / initConnection /
 * invokeWithoutUpdates, applies any injected fault, and hands the inner request to the world's
 * `MethodTable`. Whatever the handler returns (or throws as an `RpcError`) goes back as
 * `rpc_result`. An unknown method is answered `400 METHOD_NOT_IMPLEMENTED_IN_TEST_DC`.
 */
import type { Api } from 'telegram';

/** A TL object gramjs can serialise (`getBytes()`), or raw bytes for hand-written results such as `Vector<T>`. */
export type TlResult = { getBytes(): Buffer } | Buffer;

/** Thrown by handlers; the protocol layer turns it into `rpc_error { error_code, error_message }`. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    readonly errorMessage: string,
  ) {
    super(`${code} ${errorMessage}`);
    this.name = 'RpcError';
  }
}

/** What a handler knows about the connection that sent the call. */
export interface CallContext {
  /** Hex id of the auth key the call was encrypted with (stable across reconnects and DC restarts with a state dir). */
  readonly authKeyId: string;
  /** The user this auth key is logged in as, or undefined before sign-in. */
  readonly userId: bigint | undefined;
  /** Bind (or, with undefined, unbind) the auth key to a user: sign-in and log-out. Persisted with the key. */
  bindUser(userId: bigint | undefined): void;
  /** Push an `updates`/`updateShort` object to every live session of this auth key. */
  push(update: { getBytes(): Buffer }): void;
  /** Push to every live session logged in as `userId` (e.g. new message, login token accepted). */
  pushToUser(userId: bigint, update: { getBytes(): Buffer }): void;
  /** Push to every live session of another auth key (QR: the waiting, not-yet-logged-in client). */
  pushToAuthKey(authKeyId: string, update: { getBytes(): Buffer }): void;
  /** The DC's own address, for help.getConfig's DcOption. */
  readonly dc: { readonly id: number; readonly host: string; readonly port: number };
}

export type MethodHandler = (request: Api.AnyRequest, ctx: CallContext) => Promise<TlResult> | TlResult;

/** Keyed by the request's TL class name as gramjs gives it, e.g. 'contacts.GetTopPeers', 'help.GetConfig'. */
export type MethodTable = ReadonlyMap<string, MethodHandler>;

/** One injected fault; `times` defaults to 1 (then removed); `Infinity` keeps it until cleared. */
export type Fault =
  | { kind: 'delay'; ms: number; times?: number }
  | { kind: 'hold'; until: Promise<unknown>; times?: number } // answer once `until` settles: a test decides when
  | { kind: 'rpc-error'; code: number; message: string; times?: number }
  | { kind: 'drop'; times?: number } // close the TCP connection instead of answering
  | { kind: 'garbage'; times?: number }; // answer with a frame that is not valid MTProto

export interface Faults {
  /** Inject a fault for a method by its class name ('contacts.GetTopPeers'), or '*' for every method. */
  inject(method: string, fault: Fault): void;
  /** Stop (true) or resume (false) answering ping / ping_delay_disconnect. */
  silencePings(silent: boolean): void;
  /**
   * Cut one user's devices off (true) or let them back (false), as if their network went away:
   * every connection signed in as the user is closed now, and until they are let back any
   * connection that speaks with one of their auth keys is closed before anything is answered.
   * Everyone else's connections carry on. A reconnect reaches TCP and is then hung up on.
   */
  cutOff(userId: bigint, cut: boolean): void;
  /** Remove every injected fault, resume pings and let every cut-off user back. */
  clear(): void;
  /** How many calls of a method ('contacts.GetTopPeers') the DC has received since it started. */
  callsTo(method: string): number;
}

/** What the server gives the world so mutations made outside any call (a QR scan, a new message) reach clients. */
export interface WorldHost {
  pushToUser(userId: bigint, update: { getBytes(): Buffer }): void;
  pushToAuthKey(authKeyId: string, update: { getBytes(): Buffer }): void;
}

/** The part of the world the protocol layer needs; `world/` implements it (class `World`). */
export interface DcWorld {
  readonly methods: MethodTable;
  attach(host: WorldHost): void;
}
