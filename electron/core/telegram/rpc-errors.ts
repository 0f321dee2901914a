/**
 * gramjs failures → the contract's error codes. Every call into Telegram goes through this, so
 * the rest of the core reasons about AppError codes, never about gramjs error classes or strings.
 */
import { AppError } from '../errors.js';
import type { ErrorCode, StorageProblem } from '../../shared/ipc-contract.js';
import { telegramRefusal } from '../../shared/telegram-refusal.js';

/** Errors after which the stored session is worthless: log out and wipe. */
export const SESSION_DEAD = new Set([
  'AUTH_KEY_UNREGISTERED',
  'SESSION_REVOKED',
  'SESSION_EXPIRED',
  'USER_DEACTIVATED',
  'USER_DEACTIVATED_BAN',
  'AUTH_KEY_INVALID',
  'AUTH_KEY_PERM_EMPTY',
]);

const DIRECT: Record<string, [ErrorCode, string]> = {
  PHONE_NUMBER_INVALID: ['PHONE_NUMBER_INVALID', 'That phone number is not valid. Use the international format, e.g. +44 7700 900123.'],
  PHONE_NUMBER_BANNED: ['PHONE_NUMBER_INVALID', 'Telegram has banned this phone number.'],
  PHONE_NUMBER_UNOCCUPIED: ['PHONE_NUMBER_UNOCCUPIED', 'No Telegram account uses this number. Sign up in a Telegram app first.'],
  PHONE_CODE_INVALID: ['PHONE_CODE_INVALID', 'That code is wrong. Check it and try again.'],
  PHONE_CODE_EMPTY: ['PHONE_CODE_INVALID', 'Enter the code Telegram sent you.'],
  PHONE_CODE_EXPIRED: ['PHONE_CODE_EXPIRED', 'That code has expired. Ask for a new one.'],
  PASSWORD_HASH_INVALID: ['PASSWORD_INVALID', 'Wrong password.'],
  API_ID_INVALID: ['API_ID_INVALID', 'Telegram does not accept this api_id/api_hash pair.'],
  API_ID_PUBLISHED_FLOOD: ['API_ID_INVALID', 'This api_id is published and blocked by Telegram; create your own at my.telegram.org.'],
  TYPES_EMPTY: ['TELEGRAM', 'No top-peer category was requested; choose at least one category.'],
  BOT_METHOD_INVALID: ['BOT_ACCOUNT', 'TopSwitch needs a user account: Telegram does not give top peers to bots'],
  USER_BOT_REQUIRED: ['BOT_ACCOUNT', 'TopSwitch needs a user account: Telegram does not give top peers to bots'],
};

/** A write to the data dir failed for a reason the user can fix: say which, not "something went wrong". */
const STORAGE_ERRORS: Record<StorageProblem, string> = {
  ENOSPC: 'the disk is full.',
  EDQUOT: 'the disk quota is used up.',
  EROFS: 'the disk is read-only.',
  EACCES: 'permission denied in its data folder.',
  EPERM: 'permission denied in its data folder.',
};

/** Our own timeout marker, so callers can tell "no answer" from a broken socket. */
export class InvokeTimeoutError extends Error {
  constructor(readonly method: string, readonly ms: number) {
    super(`${method} got no answer within ${ms} ms`);
    this.name = 'InvokeTimeoutError';
  }
}

type GramError = { errorMessage?: unknown; code?: unknown; seconds?: unknown; message?: unknown };

/** The Telegram error string of an rpc_error, e.g. 'FLOOD_WAIT_100' → 'FLOOD_WAIT', or undefined for non-RPC failures. */
export function rpcMessage(error: unknown): string | undefined {
  const candidate = error as GramError | undefined;
  return typeof candidate?.errorMessage === 'string' ? candidate.errorMessage : undefined;
}

export function toAppError(error: unknown, now: number): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof InvokeTimeoutError) {
    return new AppError('TIMEOUT', 'Telegram did not answer in time.', undefined, { cause: error });
  }
  const gram = (error ?? {}) as GramError;
  const rpc = rpcMessage(error);
  // FloodWaitError carries the wait in .seconds; other flood forms only in the message.
  const floodSeconds =
    typeof gram.seconds === 'number' ? gram.seconds : rpc ? Number(/^(?:FLOOD_WAIT|FLOOD_PREMIUM_WAIT|SLOWMODE_WAIT)_(\d+)$/.exec(rpc)?.[1] ?? NaN) : NaN;
  if (Number.isFinite(floodSeconds)) {
    const retryAt = now + floodSeconds * 1000;
    return new AppError('RATE_LIMITED', `Telegram asks to wait ${floodSeconds} s before the next request.`, retryAt, { cause: error });
  }
  if (rpc !== undefined) {
    if (SESSION_DEAD.has(rpc)) return new AppError('NOT_LOGGED_IN', 'This Telegram session has ended; log in again.', undefined, { cause: error });
    if (rpc === 'SESSION_PASSWORD_NEEDED') return new AppError('WRONG_STEP', 'A two-step verification password is needed.', undefined, { cause: error });
    const direct = DIRECT[rpc];
    if (direct) return new AppError(direct[0], direct[1], undefined, { cause: error });
    return new AppError('TELEGRAM', telegramRefusal(rpc), undefined, { cause: error });
  }
  const problem = storageProblem(error);
  const storage = problem && STORAGE_ERRORS[problem];
  if (storage) return new AppError('INTERNAL', `TopSwitch could not save its data: ${storage}`, undefined, { cause: error });
  const message = typeof gram.message === 'string' ? gram.message : String(error);
  if (/disconnected|not connected|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|socket|Connection/i.test(message)) {
    return new AppError('NETWORK', 'Cannot reach Telegram.', undefined, { cause: error });
  }
  return new AppError('INTERNAL', 'Something went wrong inside TopSwitch. The details are in the log.', undefined, { cause: error });
}

/** The disk problem behind a failed write (the error itself or the AppError made of it), if any. */
export function storageProblem(error: unknown): StorageProblem | undefined {
  for (let cause = error, depth = 0; cause && depth < 3; cause = (cause as { cause?: unknown }).cause, depth++) {
    const code = String((cause as { code?: unknown }).code);
    if (Object.hasOwn(STORAGE_ERRORS, code)) return code as StorageProblem;
  }
  return undefined;
}

/** Codes that mean "try again later", not "you did something wrong". */
export const isTransient = (code: ErrorCode): boolean => code === 'NETWORK' || code === 'TIMEOUT' || code === 'RATE_LIMITED';
