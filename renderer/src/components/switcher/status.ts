/** What the banner above the list says: the sync state first, else what the last refresh said. */
import type { ErrorCode, StorageProblem, SyncStatus } from '../../../../electron/shared/ipc-contract';
import type { UiError } from '../../lib/errors';

export interface Banner {
  kind: 'offline' | 'rate-limited' | 'error';
  retryAt?: number;
  message?: string;
  /** For 'error' from the sync state: what to say it by in the user's language (errorText.ts). */
  code?: ErrorCode;
  storage?: StorageProblem;
}

export function bannerFor(status: SyncStatus, failure: UiError | null): Banner | null {
  if (status.state === 'offline') return { kind: 'offline', ...pick(status) };
  if (status.state === 'rate-limited') return { kind: 'rate-limited', ...pick(status) };
  if (status.state === 'error') return { kind: 'error', ...pick(status), ...(status.code ? { code: status.code } : {}), ...(status.storage ? { storage: status.storage } : {}) };
  if (failure?.code === 'RATE_LIMITED') return { kind: 'rate-limited', ...pick(failure) };
  if (failure?.code === 'NETWORK' || failure?.code === 'TIMEOUT') return { kind: 'offline', message: failure.message };
  return null;
}

function pick(source: { retryAt?: number | undefined; message?: string | undefined }): Pick<Banner, 'retryAt' | 'message'> {
  const out: Pick<Banner, 'retryAt' | 'message'> = {};
  if (source.retryAt !== undefined) out.retryAt = source.retryAt;
  if (source.message !== undefined) out.message = source.message;
  return out;
}
