/**
 * Builds the `window.api` object from the contract over any transport: the preload passes
 * ipcRenderer, the browser test bridge passes Playwright bindings. Keeping one builder means the
 * tests exercise the same method set the app exposes.
 */
import {
  CHANNEL_NAMES,
  EVENT_NAMES,
  eventChannel,
  invokeChannel,
  methodName,
  type EventName,
  type ExposedApi,
} from './ipc-contract.js';

export type Invoke = (transportChannel: string, args: unknown) => Promise<unknown>;
export type Subscribe = (transportChannel: string, listener: (payload: unknown) => void) => () => void;

export function buildExposedApi(invoke: Invoke, subscribe: Subscribe): ExposedApi {
  const api: Record<string, unknown> = {};
  for (const channel of CHANNEL_NAMES) {
    api[methodName(channel)] = (args?: unknown) => invoke(invokeChannel(channel), args ?? {});
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    return subscribe(eventChannel(event), listener);
  };
  return Object.freeze(api) as unknown as ExposedApi;
}
