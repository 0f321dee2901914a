/**
 * The one error type the core throws on purpose. It carries a contract error code, so the
 * router can hand it to the renderer as data and the CLI can map it to an exit code.
 */
import type { ErrorCode, IpcError } from '../shared/ipc-contract.js';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAt?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }

  toIpc(): IpcError {
    return this.retryAt === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, retryAt: this.retryAt };
  }
}

/** Anything thrown that is not an AppError is a bug: the user gets a generic message, the log gets the detail. */
export function toIpcError(error: unknown): IpcError {
  if (error instanceof AppError) return error.toIpc();
  return { code: 'INTERNAL', message: 'Something went wrong inside TopSwitch. The details are in the log.' };
}
