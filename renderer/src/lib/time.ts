/**
 * Human wording for times the switcher shows: "updated 12 min. ago" and "try again in 4:59", in
 * the UI's language (Intl.RelativeTimeFormat; "just now" comes from the catalogue).
 */
import { translator, type Locale } from '../../../electron/shared/i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const formats = new Map<string, Intl.RelativeTimeFormat>();
function relative(locale: Locale, style: 'short' | 'long'): Intl.RelativeTimeFormat {
  const id = `${locale}:${style}`;
  let format = formats.get(id);
  if (!format) formats.set(id, (format = new Intl.RelativeTimeFormat(locale, { style, numeric: 'auto' })));
  return format;
}

/** "just now", "12 min. ago", "3 hr. ago", "yesterday", "5 days ago" (or the same in `locale`). */
export function relativeTime(then: number, now: number, locale: Locale = 'en'): string {
  const elapsed = Math.max(0, now - then);
  if (elapsed < MINUTE) return translator(locale)('time.justNow');
  if (elapsed < HOUR) return relative(locale, 'short').format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return relative(locale, 'short').format(-Math.floor(elapsed / HOUR), 'hour');
  // Days read better spelled out ("5 days ago", "5 дней назад") than abbreviated.
  return relative(locale, 'long').format(-Math.floor(elapsed / DAY), 'day');
}

/**
 * Remaining time as a clock: "0:07", "4:59", "1:02:03". Rounded up, so the display never shows
 * 0:00 while the wait is still running.
 */
export function formatCountdown(remainingMs: number): string {
  const total = Math.max(0, Math.ceil(remainingMs / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}
