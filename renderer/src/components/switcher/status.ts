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
  if (status.state === 'error') return { kind: 'error', ...pick(status) };
  if (failure?.code === 'RATE_LIMITED') return { kind: 'rate-limited', ...pick({ retryAt: failure.retryAt, message: failure.message }) };
  if (failure?.code === 'NETWORK' || failure?.code === 'TIMEOUT') return { kind: 'offline', message: failure.message };
  return null;
}

const CARRIED = ['retryAt', 'message', 'code', 'storage'] as const;
type Carried = Pick<Banner, (typeof CARRIED)[number]>;

/** The fields a banner carries over, those that are set. */
function pick(source: { [K in keyof Carried]?: Carried[K] | undefined }): Carried {
  const out: Record<string, unknown> = {};
  for (const key of CARRIED) if (source[key] !== undefined) out[key] = source[key];
  return out as Carried;
}
