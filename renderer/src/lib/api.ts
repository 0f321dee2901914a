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

export async function call<C extends Channel>(channel: C, ...args: {} extends ChannelArgs<C> ? [ChannelArgs<C>?] : [ChannelArgs<C>]): Promise<ChannelResult<C>> {
  const method = window.api[methodName(channel)] as unknown as (args: unknown) => Promise<Envelope<ChannelResult<C>>>;
  const envelope = await method(args[0] ?? {});
  if (!envelope.ok) throw new ApiError(envelope.error);
  return envelope.value;
}

export function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.api.on(event, listener);
}
