/**
 * Builds the `window.api` object from the contract over any transport: the preload passes
 * ipcRenderer, the browser test bridge passes Playwright bindings. Keeping one builder means the
 * tests exercise the same object, and the same early reads, that the app exposes.
 */
import {
  CHANNEL_NAMES,
  EVENT_NAMES,
  eventChannel,
  invokeChannel,
  methodName,
  type Channel,
  type EventName,
  type ExposedApi,
} from './ipc-contract.js';

export type Invoke = (transportChannel: string, args: unknown) => Promise<unknown>;
export type Subscribe = (transportChannel: string, listener: (payload: unknown) => void) => () => void;

/**
 * The reads every page makes as it starts (App's boot). The preload makes them itself, before the
 * page's script has even arrived, so the answers wait for the renderer instead of the renderer
 * waiting a round trip for them. Each read names the pushes that make its answer stale: the core
 * pushes every change of these, so a read followed by one of them is dropped, and the renderer's
 * own call asks again (after it has subscribed, so nothing is missed).
 */
export const PREFETCHED = {
  'app:version': [],
  'session:get': ['session:changed'],
  // The list's answer depends on the account too (no account, no list).
  'topPeers:get': ['topPeers:changed', 'topPeers:checked', 'session:changed'],
  'settings:get': ['settings:changed'],
  'sync:get': ['sync:changed'],
} as const satisfies Partial<Record<Channel, readonly EventName[]>>;

/** The contract as plain data, in transport channel names: what `buildExposedApi` needs. */
export interface ApiTable {
  /** [method on window.api, its invoke channel], one per contract channel. */
  readonly methods: ReadonlyArray<readonly [string, string]>;
  /** Event name → its transport channel. */
  readonly events: Readonly<Record<string, string>>;
  /** [invoke channel read at start, the event channels that make its answer stale]. */
  readonly prefetch: ReadonlyArray<readonly [string, readonly string[]]>;
}

export function apiTable(): ApiTable {
  return {
    methods: CHANNEL_NAMES.map((channel) => [methodName(channel), invokeChannel(channel)] as const),
    events: Object.fromEntries(EVENT_NAMES.map((event) => [event, eventChannel(event)])),
    prefetch: Object.entries(PREFETCHED).map(([channel, staleOn]) => [invokeChannel(channel as Channel), staleOn.map(eventChannel)] as const),
  };
}

/**
 * Self-contained on purpose: the browser test bridge injects this function's source into the
 * page, so its body uses nothing but its arguments and the language.
 */
export function buildExposedApi(invoke: Invoke, subscribe: Subscribe, table: ApiTable): ExposedApi {
  const early = new Map<string, Promise<unknown>>();
  const stops: Array<() => void> = [];
  const readsStaledBy = new Map<string, string[]>();
  for (const [read, pushes] of table.prefetch) {
    for (const push of pushes) readsStaledBy.set(push, [...(readsStaledBy.get(push) ?? []), read]);
  }
  const settle = (read: string) => {
    early.delete(read);
    if (early.size > 0) return;
    for (const stop of stops.splice(0)) stop();
  };
  // Listen before asking: a push that follows an answer then always finds it.
  for (const [push, reads] of readsStaledBy) stops.push(subscribe(push, () => reads.forEach(settle)));
  for (const [read] of table.prefetch) {
    const answer = invoke(read, {});
    // Not unhandled: a failed early read is asked again by the call that takes it (below), and
    // that call reports its own failure; one dropped as stale is asked again the same way.
    answer.catch(() => {});
    early.set(read, answer);
  }

  const api: Record<string, unknown> = {};
  for (const [method, channel] of table.methods) {
    api[method] = (args?: unknown) => {
      const noArgs = args === undefined || (typeof args === 'object' && args !== null && Object.keys(args).length === 0);
      const answer = noArgs ? early.get(channel) : undefined;
      if (answer === undefined) return invoke(channel, args ?? {});
      settle(channel);
      // Only a success is reused: a read that failed this early (say, the main process was still
      // registering its handlers) is simply made again, now.
      const again = () => invoke(channel, {});
      return answer.then((envelope) => ((envelope as { ok?: unknown } | null)?.ok === true ? envelope : again()), again);
    };
  }
  api.on = (event: string, listener: (payload: unknown) => void) => {
    const channel = Object.hasOwn(table.events, event) ? table.events[event] : undefined;
    if (channel === undefined) throw new Error(`Unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    return subscribe(channel, listener);
  };
  return Object.freeze(api) as unknown as ExposedApi;
}
