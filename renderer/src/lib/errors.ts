/** Turns anything a call threw into words for the user, keeping the contract's code when there is one. */
import { ApiError } from './api';
import { t } from './i18n.svelte';

export interface UiError {
  code: string;
  message: string;
  retryAt?: number;
}

export function toUiError(cause: unknown): UiError {
  if (cause instanceof ApiError) {
    return cause.retryAt === undefined
      ? { code: cause.code, message: cause.message }
      : { code: cause.code, message: cause.message, retryAt: cause.retryAt };
  }
  return { code: 'INTERNAL', message: t('errors.internal') };
}
