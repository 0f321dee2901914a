/** Login failures in words a person understands, next to the field that caused them. */
import type { UiError } from './errors';
import { formatCountdown } from './time';

export function humaneLoginError(error: UiError, now: number): string {
  switch (error.code) {
    case 'PHONE_NUMBER_INVALID':
      return "That number doesn't look right. Include the country code, like +44 7700 900123.";
    case 'PHONE_NUMBER_UNOCCUPIED':
      return 'No Telegram account uses this number yet. Sign up in the Telegram app first.';
    case 'PHONE_CODE_INVALID':
      return "That code isn't right. Check the message and try again.";
    case 'PHONE_CODE_EXPIRED':
      return 'That code has expired. Ask for a new one below.';
    case 'PASSWORD_INVALID':
      return "That password isn't right. Try again, or check the hint.";
    case 'RATE_LIMITED':
      return error.retryAt !== undefined && error.retryAt > now
        ? `Too many attempts. Telegram lets you try again in ${formatCountdown(error.retryAt - now)}.`
        : 'Too many attempts. Wait a little and try again.';
    case 'NETWORK':
    case 'TIMEOUT':
      return "Can't reach Telegram. Check your connection and try again.";
    case 'BOT_ACCOUNT':
      return error.message;
    default:
      return error.message;
  }
}
