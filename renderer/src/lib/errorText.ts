/**
 * A failure in the UI's language. The core words its errors in English for the CLI and the log;
 * the screen says the same thing from the catalogues, by the contract's error code. Codes whose
 * message carries detail only the core knows (Telegram's own error, a refused argument) keep it.
 */
import type { ErrorCode } from '../../../electron/shared/ipc-contract';
import type { UiError } from './errors';
import { t } from './i18n.svelte';

const BY_CODE = {
  INTERNAL: 'errors.internal',
  NETWORK: 'errors.network',
  TIMEOUT: 'errors.timeout',
  RATE_LIMITED: 'errors.rateLimited',
  NOT_LOGGED_IN: 'errors.notLoggedIn',
  PEER_NOT_FOUND: 'errors.peerNotFound',
  TOP_PEERS_DISABLED: 'errors.topPeersDisabled',
  BOT_ACCOUNT: 'errors.botAccount',
  API_ID_INVALID: 'errors.apiIdInvalid',
} as const satisfies Partial<Record<ErrorCode, string>>;

export function errorText(error: Pick<UiError, 'code' | 'message'>): string {
  const key = error.code in BY_CODE ? BY_CODE[error.code as keyof typeof BY_CODE] : undefined;
  return key ? t(key) : error.message;
}
