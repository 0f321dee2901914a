/**
 * The transport-agnostic request router. `main/ipc.ts` binds it to ipcMain; the browser test
 * bridge binds the same router to Playwright's exposeBinding; the CLI calls it through invoke.ts.
 *
 * It is the trust boundary for renderer input: every argument is parsed with the contract's
 * strict schema before a handler sees it, every result is checked on the way out, and every
 * failure becomes a typed `IpcError` in the envelope — nothing thrown crosses the transport.
 *
 * It and the EventBus are also where every snapshot gets its revision (the rule is written down
 * at `Revision` in the IPC contract): an answer is stamped as its handler starts, a push as it is
 * emitted, from one clock, so handlers never deal with revisions.
 */
import { z } from 'zod';
import {
  channels,
  events,
  type Channel,
  type ChannelResult,
  type Channels,
  type Envelope,
  type EventName,
  type EventPayload,
  type Revision,
} from '../shared/ipc-contract.js';
import { AppError, toIpcError } from './errors.js';

export type Handlers = {
  [C in Channel]: (args: z.infer<Channels[C]['args']>) => Promise<ChannelResult<C>> | ChannelResult<C>;
};

export type Logger = (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;

export interface Router {
  /** Validate and run one request; never throws. */
  handle(channel: string, rawArgs: unknown): Promise<Envelope<unknown>>;
}

const isChannel = (name: string): name is Channel => Object.hasOwn(channels, name);

/**
 * The revision clock. One per process rather than one per core: revisions only need to grow, and
 * sharing the clock keeps every router and bus in step without wiring them to each other.
 */
let lastRevision: Revision = 0;
const nextRevision = (): Revision => ++lastRevision;

export function createRouter(handlers: Handlers, log: Logger = () => {}): Router {
  return {
    async handle(channel, rawArgs) {
      if (typeof channel !== 'string' || !isChannel(channel)) {
        return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `No such channel: ${String(channel).slice(0, 64)}` } };
      }
      const spec = channels[channel];
      // A method called with no argument sends undefined; every channel's "no argument" is {}.
      const parsed = spec.args.safeParse(rawArgs === undefined ? {} : rawArgs);
      if (!parsed.success) {
        return { ok: false, error: { code: 'INVALID_ARGUMENT', message: describeIssues(channel, parsed.error) } };
      }
      try {
        const handler = handlers[channel] as (args: unknown) => unknown;
        // Taken before the handler reads anything: its answer is at least this new, and older than
        // any push it overlaps, which a holder of both then keeps instead.
        const revision = nextRevision();
        const value = await handler(parsed.data);
        // A result that breaks the contract is our bug; catching it here keeps the renderer's types honest.
        const checked = spec.result.safeParse(value);
        if (!checked.success) {
          log('error', `handler for ${channel} returned a value outside the contract`, checked.error.issues);
          return { ok: false, error: toIpcError(new Error('contract violation')) };
        }
        return { ok: true, value: checked.data, revision };
      } catch (error) {
        if (!(error instanceof AppError)) log('error', `handler for ${channel} failed`, error);
        return { ok: false, error: toIpcError(error) };
      }
    },
  };
}

function describeIssues(channel: string, error: z.ZodError): string {
  const first = error.issues[0];
  const where = first && first.path.length > 0 ? first.path.join('.') : 'argument';
  return `Invalid ${where} for ${channel}: ${first?.message ?? 'rejected'}`.slice(0, 500);
}

/** A transport forwards `revision` with the payload, as the contract's PushMessage. */
export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>, revision: Revision) => void;

/** Push events from the core to whatever transport is listening (the window, the test bridge). */
export class EventBus {
  readonly #listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    // Validate outgoing events too: a malformed push would otherwise surface as a renderer crash far away.
    const checked = (events[event] as z.ZodType).parse(payload) as EventPayload<E>;
    const revision = nextRevision();
    for (const listener of this.#listeners) listener(event, checked, revision);
  }
}
