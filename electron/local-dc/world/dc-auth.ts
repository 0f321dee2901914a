/**
 * Moving a login to another DC, as Telegram does it: auth.exportAuthorization on the logged-in
 * key hands out single-use bytes for a target DC; auth.importAuthorization on a fresh key there
 * logs that key in. gramjs takes this road whenever a file's dc_id is not its session's DC
 * (downloadMedia, downloadProfilePhoto).
 *
 * This DC is every DC: help.getConfig lists ids 1–5 at its one address, and a key made over any
 * of them is good on all. A client that began on another id than the one config calls this_dc
 * (gramjs starts on DC 4) therefore sees files "on DC 2", exports its login there and imports it
 * on a new key, instead of asking DC 2 with a key that has no user (401 AUTH_KEY_UNREGISTERED).
 */
import { randomBytes } from 'node:crypto';
import { Api } from 'telegram';
import { RpcError, type CallContext, type TlResult } from '../types';
import type { WorldState } from './state';
import { expectRequest, fromLong, renderUser, toLong } from './tl';

/** Telegram's production DC ids; anything else is DC_ID_INVALID. */
export const DC_IDS = [1, 2, 3, 4, 5] as const;
/** Exported bytes are for an immediate import; Telegram's own are short-lived too. */
const EXPORT_TTL_SECONDS = 60;

export function exportAuthorization(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.auth.ExportAuthorization);
  const account = state.callerAccount(ctx);
  if (!(DC_IDS as readonly number[]).includes(call.dcId)) throw new RpcError(400, 'DC_ID_INVALID');
  const bytes = randomBytes(32);
  state.exportedLogins.set(bytes.toString('hex'), { userId: account.userId, dcId: call.dcId, expires: state.clock() + EXPORT_TTL_SECONDS });
  return new Api.auth.ExportedAuthorization({ id: toLong(account.userId), bytes });
}

export function importAuthorization(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.auth.ImportAuthorization);
  const table = state.exportedLogins;
  const key = Buffer.from(call.bytes).toString('hex');
  const login = table.get(key);
  // Single use: whatever the outcome, these bytes are spent.
  table.delete(key);
  if (!login || login.expires < state.clock() || login.userId !== fromLong(call.id)) throw new RpcError(400, 'AUTH_BYTES_INVALID');
  const user = state.user(login.userId);
  if (!user || !state.accounts.has(login.userId)) throw new RpcError(400, 'USER_ID_INVALID');
  ctx.bindUser(login.userId);
  return new Api.auth.Authorization({ user: renderUser(user, { ...state.renderOptions(ctx), selfId: user.id }) });
}
