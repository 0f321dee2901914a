/**
 * A failure in the UI's language. The core words its errors in English for the CLI and the log;
 * the screen says the same thing from the catalogues, by the contract's error code. Codes whose
 * message carries detail only the core knows (Telegram's own error, a refused argument) keep it.
 */
import { MAX_ACCOUNTS } from '../../../electron/shared/peer-key';
import { refusedWith } from '../../../electron/shared/telegram-refusal';
import type { StorageProblem } from '../../../electron/shared/ipc-contract';
import { BY_CODE, BY_STORAGE } from './errorCodes';
import type { UiError } from './errors';
import { t } from './i18n.svelte';

export function errorText(error: Pick<UiError, 'code' | 'message'>): string {
  const key = error.code in BY_CODE ? BY_CODE[error.code as keyof typeof BY_CODE] : undefined;
  if (key) return t(key, { max: MAX_ACCOUNTS });
  const refused = error.code === 'TELEGRAM' ? refusedWith(error.message) : undefined;
  return refused ? t('errors.telegramRefused', { error: refused }) : error.message;
}

/** The sync state's failure: the disk problem if a write failed, else as errorText; its English message when it has no code. */
export function syncErrorText(failure: { code?: UiError['code'] | undefined; storage?: StorageProblem | undefined; message?: string | undefined }): string {
  if (failure.storage) return t(BY_STORAGE[failure.storage]);
  if (failure.code) return errorText({ code: failure.code, message: failure.message ?? '' });
  return failure.message ?? '';
}
