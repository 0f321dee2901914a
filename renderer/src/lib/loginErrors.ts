/** Login failures in words a person understands, next to the field that caused them. */
import type { UiError } from './errors';
import { errorText } from './errorText';
import { t } from './i18n.svelte';
import { formatCountdown } from './time';

export function humaneLoginError(error: UiError, now: number): string {
  switch (error.code) {
    case 'PHONE_NUMBER_INVALID':
      return t('login.error.phoneInvalid');
    case 'PHONE_NUMBER_UNOCCUPIED':
      return t('login.error.phoneUnoccupied');
    case 'PHONE_CODE_INVALID':
      return t('login.error.codeInvalid');
    case 'PHONE_CODE_EXPIRED':
      return t('login.error.codeExpired');
    case 'PASSWORD_INVALID':
      return t('login.error.passwordInvalid');
    case 'RATE_LIMITED':
      return error.retryAt !== undefined && error.retryAt > now
        ? t('login.error.rateLimitedFor', { countdown: formatCountdown(error.retryAt - now) })
        : t('login.error.rateLimited');
    case 'NETWORK':
    case 'TIMEOUT':
      return t('login.error.network');
    default:
      return errorText(error);
  }
}
