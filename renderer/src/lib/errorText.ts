/**
 * A failure in the UI's language. The core words its errors in English for the CLI and the log;
 * the screen says the same thing from the catalogues, by the contract's error code. Codes whose
 * message carries detail only the core knows (Telegram's own error, a refused argument) keep it.
 */
import { MAX_ACCOUNTS } from '../../../electron/shared/peer-key';
import { BY_CODE } from './errorCodes';
import type { UiError } from './errors';
import { t } from './i18n.svelte';

export function errorText(error: Pick<UiError, 'code' | 'message'>): string {
  const key = error.code in BY_CODE ? BY_CODE[error.code as keyof typeof BY_CODE] : undefined;
  return key ? t(key, { max: MAX_ACCOUNTS }) : error.message;
}
