/**
 * Builds the `window.api` object from the contract over any transport: the preload passes
 * ipcRenderer, the browser test bridge passes Playwright bindings. Keeping one builder means the
 * tests exercise the same object, and the same early reads, that the app exposes. A transport
 * carries answers (envelopes) and pushes (PushMessage: payload and revision) as they are.
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
export type Subscribe = (transportChannel: string, listener: (message: unknown) => void) => () => void;

/**
 * The reads every page makes as it starts (App's boot), each with the push that carries the same
 * snapshot when it changes (null: nothing changes it). The preload makes these reads itself, before
 * the page's script has even arrived, so the answers wait for the renderer instead of the renderer
 * waiting a round trip for them. An early answer is held to the protocol's one rule (see `Revision`
 * in the contract): it is handed to the page only if it is newer than every push of its snapshot
 * since; otherwise the page's call asks again, so a push the page was not yet listening for is
 * never lost behind an older answer.
 */
export const PREFETCHED = {
  'app:version': null,
  'session:get': 'session:changed',
  'topPeers:get': 'topPeers:changed',
  'settings:get': 'settings:changed',
  'sync:get': 'sync:changed',
} as const satisfies Partial<Record<Channel, EventName | null>>;

/** The contract as plain data, in transport channel names: what `buildExposedApi` needs. */
export interface ApiTable {
  /** [method on window.api, its invoke channel], one per contract channel. */
  readonly methods: ReadonlyArray<readonly [string, string]>;
  /** Event name → its transport channel. */
  readonly events: Readonly<Record<string, string>>;
  /** [invoke channel read at start, the event channel that pushes the same snapshot, or null]. */
  readonly prefetch: ReadonlyArray<readonly [string, string | null]>;
}

export function apiTable(): ApiTable {
  return {
    methods: CHANNEL_NAMES.map((channel) => [methodName(channel), invokeChannel(channel)] as const),
    events: Object.fromEntries(EVENT_NAMES.map((event) => [event, eventChannel(event)])),
    prefetch: Object.entries(PREFETCHED).map(([channel, push]) => [invokeChannel(channel as Channel), push === null ? null : eventChannel(push)] as const),
  };
}

/**
 * Self-contained on purpose: the browser test bridge injects this function's source into the
 * page, so its body uses nothing but its arguments and the language.
 */
export function buildExposedApi(invoke: Invoke, subscribe: Subscribe, table: ApiTable): ExposedApi {
  type Message = { value?: unknown; revision?: unknown } | null | undefined;
  /** An early read: its answer, and the newest revision a push of its snapshot has carried since it was asked. */
  type Early = { answer: Promise<unknown>; newestPush: number | undefined; stop: () => void };
  const early = new Map<string, Early>();
  for (const [read, push] of table.prefetch) {
    const entry: Early = { answer: Promise.resolve(), newestPush: undefined, stop: () => {} };
    // Listen before asking: a push sent after the answer was stamped then always counts.
    if (push !== null) {
      // A push without a readable revision leaves NaN here, which no answer is newer than.
      entry.stop = subscribe(push, (message) => (entry.newestPush = Math.max(entry.newestPush ?? -Infinity, Number((message as Message)?.revision))));
    }
    entry.answer = invoke(read, {});
    // Not unhandled: a failed early read is asked again by the call that takes it (below), and
    // that call reports its own failure; a stale one is asked again the same way.
    entry.answer.catch(() => {});
    early.set(read, entry);
  }

  const api: Record<string, unknown> = {};
  for (const [method, channel] of table.methods) {
    api[method] = (args?: unknown) => {
      const noArgs = args === undefined || (typeof args === 'object' && args !== null && Object.keys(args).length === 0);
      const taken = noArgs ? early.get(channel) : undefined;
      if (taken === undefined) return invoke(channel, args ?? {});
      early.delete(channel);
      const again = () => invoke(channel, {});
      const settle = (envelope: unknown) => {
        taken.stop();
        const answer = envelope as { ok?: unknown; revision?: unknown } | null;
        // Only a success is reused: a read that failed this early (say, the main process was still
        // registering its handlers) is simply made again, now. So is one a push has overtaken.
        if (answer?.ok !== true) return again();
        const overtaken = taken.newestPush !== undefined && !(Number(answer.revision) > taken.newestPush);
        return overtaken ? again() : envelope;
      };
      return taken.answer.then(settle, () => (taken.stop(), again()));
    };
  }
  api.on = (event: string, listener: (payload: unknown, revision: number) => void) => {
    const channel = Object.hasOwn(table.events, event) ? table.events[event] : undefined;
    if (channel === undefined) throw new Error(`Unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    return subscribe(channel, (message) => listener((message as Message)?.value, Number((message as Message)?.revision)));
  };
  return Object.freeze(api) as unknown as ExposedApi;
}
