/**
 * The frames browser mode's WebSocket carries between the page (client.ts) and the server
 * (server.ts). Requests name a transport channel (`invoke:<channel>`) exactly as the preload's
 * ipcRenderer.invoke does; answers carry the router's envelope untouched, so whatever the
 * envelope grows (a revision, say) reaches the page as it would over Electron's IPC.
 *
 * This file runs in the page too: it imports nothing but zod and the contract.
 */
import { z } from 'zod';
import type { IpcError, PushMessage } from '../shared/ipc-contract.js';

export const BRIDGE_PATH = '/__topswitch/bridge';
export const BRIDGE_SCRIPT_PATH = '/__topswitch/bridge.js';

/** A request frame larger than this is answered with a typed error (real requests are tiny). */
export const MAX_REQUEST_BYTES = 64 * 1024;
/** Past this the socket itself is closed (1009): a frame that big is never read into memory whole. */
export const HARD_FRAME_LIMIT_BYTES = 1024 * 1024;

export const RequestFrame = z.strictObject({
  id: z.number().int().nonnegative().max(2 ** 31),
  channel: z.string().max(128),
  args: z.unknown(),
});
export type RequestFrame = z.infer<typeof RequestFrame>;

/** Server → page. `id: null` answers a frame too broken to carry an id. */
export type AnswerFrame = { id: number | null; envelope: unknown };
/** A push: the contract's PushMessage (payload and revision) on its event channel, as the preload receives it. */
export type PushFrame = { push: string; message: PushMessage };

export const AnswerFrameSchema = z.object({ id: z.number().int().nullable(), envelope: z.unknown() });
export const PushFrameSchema = z.strictObject({
  push: z.string().max(128),
  message: z.strictObject({ value: z.unknown(), revision: z.number().int().nonnegative() }),
});

export const INVOKE_PREFIX = 'invoke:';
export const PUSH_PREFIX = 'event:';

export function refusal(code: IpcError['code'], message: string): { ok: false; error: IpcError } {
  return { ok: false, error: { code, message } };
}
