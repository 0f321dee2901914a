/**
 * Calling the core by channel from inside the process, through the router, so input from outside
 * (the CLI's command line) passes the same contract validation as the renderer's IPC. A refusal
 * comes back as the AppError the envelope carried (INVALID_ARGUMENT, NOT_LOGGED_IN, …).
 */
import type { z } from 'zod';
import { channels, type Channel, type ChannelArgs, type ChannelResult } from '../shared/ipc-contract.js';
import { AppError } from './errors.js';
import type { Router } from './router.js';

export type Invoke = <C extends Channel>(channel: C, args: ChannelArgs<C>) => Promise<ChannelResult<C>>;

/** The contract seen per channel, so a generic channel indexes to its own result schema. */
const resultSchemas: { [C in Channel]: { result: z.ZodType<ChannelResult<C>> } } = channels;

export function createInvoke(router: Router): Invoke {
  return async (channel, args) => {
    const envelope = await router.handle(channel, args);
    if (!envelope.ok) throw new AppError(envelope.error.code, envelope.error.message, envelope.error.retryAt);
    // The router has checked the result against the contract already; parsing it again here is
    // what types it for the caller.
    return resultSchemas[channel].result.parse(envelope.value);
  };
}
