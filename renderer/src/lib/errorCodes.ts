/**
 * Which error codes the screens say from the catalogues (and with which key), and which they show
 * with the message that came with them. Kept apart from errorText.ts (no DOM, no i18n instance) so
 * the catalogue tests read it under Node: every code of the contract is in one list or the other.
 */
import type { ErrorCode, StorageProblem } from '../../../electron/shared/ipc-contract';

export const BY_CODE = {
  INTERNAL: 'errors.internal',
  // Only a frame that is not the app's own, or a renderer older than its core, meets these.
  FORBIDDEN_SENDER: 'errors.internal',
  UNKNOWN_CHANNEL: 'errors.internal',
  NETWORK: 'errors.network',
  TIMEOUT: 'errors.timeout',
  RATE_LIMITED: 'errors.rateLimited',
  NOT_LOGGED_IN: 'errors.notLoggedIn',
  NEEDS_CREDENTIALS: 'errors.needsCredentials',
  WRONG_STEP: 'errors.wrongStep',
  PHONE_NUMBER_INVALID: 'login.error.phoneInvalid',
  PHONE_NUMBER_UNOCCUPIED: 'login.error.phoneUnoccupied',
  PHONE_CODE_INVALID: 'login.error.codeInvalid',
  PHONE_CODE_EXPIRED: 'login.error.codeExpired',
  PASSWORD_INVALID: 'login.error.passwordInvalid',
  PEER_NOT_FOUND: 'errors.peerNotFound',
  TOP_PEERS_DISABLED: 'errors.topPeersDisabled',
  BOT_ACCOUNT: 'errors.botAccount',
  API_ID_INVALID: 'errors.apiIdInvalid',
  HOTKEY_UNAVAILABLE: 'errors.hotkeyUnavailable',
  ACCOUNT_LIMIT: 'errors.accountLimit',
  ACCOUNT_NOT_FOUND: 'errors.accountNotFound',
} as const satisfies Partial<Record<ErrorCode, string>>;

/** Codes said from the catalogues. */
export const TRANSLATED_CODES = Object.keys(BY_CODE) as ErrorCode[];
/**
 * Codes whose message is the point, shown as it came: INVALID_ARGUMENT (a refused argument; the
 * hotkey's reasons are worded by the shell in the user's language), SECRET_STORAGE_UNAVAILABLE
 * (the shell's keyring advice, in the user's language), TELEGRAM (Telegram's own error, inside a sentence from the catalogues where the core had no better words: telegram-refusal.ts).
 */
export const DETAIL_CODES = ['INVALID_ARGUMENT', 'SECRET_STORAGE_UNAVAILABLE', 'TELEGRAM'] as const satisfies readonly ErrorCode[];


/** A failed write's disk problem (SyncStatus.storage), said from the catalogues. */
export const BY_STORAGE = {
  ENOSPC: 'errors.storage.diskFull',
  EDQUOT: 'errors.storage.quotaUsed',
  EROFS: 'errors.storage.readOnly',
  EACCES: 'errors.storage.denied',
  EPERM: 'errors.storage.denied',
} as const satisfies Record<StorageProblem, string>;
