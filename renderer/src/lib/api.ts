/**
 * The renderer's typed view of `window.api`. Methods resolve with the channel's result or throw
 * an `ApiError` carrying the contract's error code, so components use ordinary try/catch.
 */
import type {
  Channel,
  ChannelArgs,
  ChannelResult,
  Envelope,
  ErrorCode,
  EventName,
  EventPayload,
  ExposedApi,
  IpcError,
  Revision,
} from '../../../electron/shared/ipc-contract';
import { methodName } from '../../../electron/shared/method-names';

declare global {
  interface Window {
    readonly api: ExposedApi;
  }
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly retryAt: number | undefined;

  constructor(error: IpcError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.retryAt = error.retryAt;
  }
}

/** A snapshot as the core sent it: what a store holds is decided by `revision` (see stores/revision.ts). */
export interface Revised<T> {
  value: T;
  revision: Revision;
}

type Args<C extends Channel> = {} extends ChannelArgs<C> ? [ChannelArgs<C>?] : [ChannelArgs<C>];

/** Calls a channel and keeps the answer's revision: for answers a store takes as a snapshot. */
export async function read<C extends Channel>(channel: C, ...args: Args<C>): Promise<Revised<ChannelResult<C>>> {
  const method = window.api[methodName(channel)] as unknown as (args: unknown) => Promise<Envelope<ChannelResult<C>>>;
  const envelope = await method(args[0] ?? {});
  if (!envelope.ok) throw new ApiError(envelope.error);
  return { value: envelope.value, revision: envelope.revision };
}

export async function call<C extends Channel>(channel: C, ...args: Args<C>): Promise<ChannelResult<C>> {
  return (await read(channel, ...args)).value;
}

export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>, revision: Revision) => void): () => void {
  return window.api.on(event, listener);
}
