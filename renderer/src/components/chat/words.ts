/**
 * What the chat pane says, in the user's language (the catalogues' `chat` keys), and how it words
 * dates, presence and media: dates and counts through Intl in the current locale. `WORDS` reads
 * the catalogue on each access, so a template that shows a word follows a change of language.
 */
import type { ChatAbout, ChatMedia, ChatMessage } from '../../../../electron/shared/ipc-contract';
import { formatNumber, locale, t } from '../../lib/i18n.svelte';
import { formatDuration, sizeParts, type SizeUnit } from '../../lib/chat/media';
import { formatCountdown } from '../../lib/time';

export const WORDS = {
  get back() { return t('chat.back'); },
  get openInTelegram() { return t('chat.openInTelegram'); },
  get messages() { return t('chat.messages'); },
  get loading() { return t('chat.loading'); },
  get loadingOlder() { return t('chat.loadingOlder'); },
  get empty() { return t('chat.empty'); },
  get emptyHint() { return t('chat.emptyHint'); },
  get gone() { return t('chat.gone'); },
  get goneHint() { return t('chat.goneHint'); },
  get offline() { return t('chat.offline'); },
  get tryAgain() { return t('chat.tryAgain'); },
  get unread() { return t('chat.unread'); },
  get composer() { return t('chat.composer'); },
  get composerPlaceholder() { return t('chat.composerPlaceholder'); },
  get editing() { return t('chat.editing'); },
  get cancelEdit() { return t('chat.cancelEdit'); },
  get send() { return t('chat.send'); },
  get save() { return t('chat.save'); },
  get retry() { return t('chat.retry'); },
  get queued() { return t('chat.queued'); },
  get deleteUnsent() { return t('chat.deleteUnsent'); },
  get notSent() { return t('chat.notSent'); },
  get sending() { return t('chat.sending'); },
  get sent() { return t('chat.sent'); },
  get read() { return t('chat.read'); },
  get edited() { return t('chat.edited'); },
  get replyTo() { return t('chat.replyTo'); },
  get replyUnknown() { return t('chat.replyUnknown'); },
  get menu() { return t('chat.menu'); },
  get copyText() { return t('chat.copyText'); },
  get editMessage() { return t('chat.editMessage'); },
  get you() { return t('chat.you'); },
  hints: {
    get send() { return t('chat.hints.send'); },
    get newline() { return t('chat.hints.newline'); },
    get edit() { return t('chat.hints.edit'); },
    get back() { return t('chat.hints.back'); },
    get telegram() { return t('chat.hints.telegram'); },
  },
  backTitle: (shortcut: string) => t('chat.backTitle', { shortcut }),
  openInTelegramTitle: (shortcut: string) => t('chat.openInTelegramTitle', { shortcut }),
  wait: (remainingMs: number) => t('chat.wait', { countdown: formatCountdown(remainingMs) }),
  newMessages: (count: number) => (count > 0 ? t('chat.toNewestUnread', { count }) : t('chat.toNewest')),
  forwardedFrom: (name: string) => t('chat.forwardedFrom', { name }),
  typing: (who: string | undefined) => (who ? t('chat.typingWho', { name: who }) : t('chat.typing')),
  newMessage: (who: string, text: string) => t('chat.newMessage', { name: who, text }),
};

/** The pane's date shapes; `time` is a 24-hour clock in English as in Russian (en-GB: "14:05", not "2:05 PM"). */
const DATE_SHAPES = {
  dayYear: { day: 'numeric', month: 'long', year: 'numeric' },
  day: { day: 'numeric', month: 'long' },
  time: { hour: '2-digit', minute: '2-digit' },
  short: { day: 'numeric', month: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
type DateShape = keyof typeof DATE_SHAPES;

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** A date format in the current locale, made once per locale and shape. */
function dateFormat(shape: DateShape): Intl.DateTimeFormat {
  const tag = shape === 'time' && locale.current === 'en' ? 'en-GB' : locale.current;
  const memo = `${tag}:${shape}`;
  let format = dateFormats.get(memo);
  if (!format) dateFormats.set(memo, (format = new Intl.DateTimeFormat(tag, DATE_SHAPES[shape])));
  return format;
}

/**
 * Makes every shape for the current locale. A page's first Intl format costs milliseconds (its
 * locale data): called as the pane's code loads, which the app does while the page is idle once
 * the list is up, so the first Enter of a session does not pay it.
 */
export function warmDateFormats(): void {
  for (const shape of Object.keys(DATE_SHAPES) as DateShape[]) dateFormat(shape);
}
warmDateFormats();

export function dayLabel(dayMs: number, nowMs: number): string {
  const today = new Date(nowMs);
  today.setHours(0, 0, 0, 0);
  const days = Math.round((today.getTime() - dayMs) / 86_400_000);
  if (days === 0) return t('chat.today');
  if (days === 1) return t('chat.yesterday');
  const date = new Date(dayMs);
  return date.getFullYear() !== today.getFullYear()
    ? dateFormat('dayYear').format(date)
    : dateFormat('day').format(date);
}

export const timeLabel = (date: number): string => dateFormat('time').format(new Date(date * 1000));

/** The header's second line: presence for a person, the size of a group or channel. */
export function aboutLine(about: ChatAbout | undefined, nowMs: number): string {
  if (!about) return '';
  if (about.members !== undefined) return about.broadcast ? t('chat.subscribers', { count: about.members }) : t('chat.members', { count: about.members });
  if (about.online) return t('chat.online');
  if (about.seen) return about.seen === 'recently' ? t('chat.seenRecently') : about.seen === 'week' ? t('chat.seenWeek') : t('chat.seenMonth');
  if (about.lastSeenAt !== undefined) {
    const ago = Math.max(0, nowMs / 1000 - about.lastSeenAt);
    if (ago < 60) return t('chat.seenJustNow');
    if (ago < 3600) return t('chat.seenMinutes', { count: Math.floor(ago / 60) });
    if (ago < 86_400) return t('chat.seenAt', { time: timeLabel(about.lastSeenAt) });
    return t('chat.seenOn', { date: dateFormat('short').format(new Date(about.lastSeenAt * 1000)) });
  }
  return '';
}

const SIZE_KEYS = { b: 'chat.size.b', kb: 'chat.size.kb', mb: 'chat.size.mb', gb: 'chat.size.gb', tb: 'chat.size.tb' } as const satisfies Record<SizeUnit, string>;

/** A file's size in the UI's language: its digits (1.5 / 1,5) and its units (KB / КБ). */
export function sizeLabel(bytes: number): string {
  const parts = sizeParts(bytes);
  return parts ? t(SIZE_KEYS[parts.unit], { value: formatNumber(parts.value) }) : '';
}

/** A media placeholder's words, with size and duration where Telegram gives them. */
export function mediaLabel(media: ChatMedia): string {
  switch (media.kind) {
    case 'photo':
      return t('chat.media.photo');
    case 'video':
      return t('chat.media.video', { duration: formatDuration(media.duration), size: sizeLabel(media.size) });
    case 'voice':
      return t('chat.media.voice', { duration: formatDuration(media.duration) });
    case 'file':
      return t('chat.media.file', { name: media.name, size: sizeLabel(media.size) });
    case 'sticker':
      return t('chat.media.sticker', { emoji: media.emoji }).trim();
    case 'location':
      return t('chat.media.location');
    case 'poll':
      return t('chat.media.poll', { question: media.question });
    default:
      return t('chat.media.unsupported');
  }
}

/** One line about a message, for a reply's quote and the live region. */
export function summary(message: ChatMessage): string {
  if (message.service) return message.service;
  if (message.text) return message.text.length > 140 ? `${message.text.slice(0, 140)}…` : message.text;
  return message.media ? mediaLabel(message.media) : '';
}

/** Why a queued message waits: no connection, or Telegram's wait with its countdown. */
export function queueNote(error: NonNullable<ChatMessage['error']>, nowMs: number): string {
  if (error.retryAt !== undefined && error.retryAt > nowMs) {
    const reason = /^SLOWMODE|Slow mode/i.test(error.message) ? t('chat.failure.slowMode') : t('chat.failure.floodWait');
    return t('chat.queue.wait', { reason, countdown: formatCountdown(error.retryAt - nowMs) });
  }
  return t('chat.queue.offline');
}

/** Why a message did not go, with the wait when Telegram set one. */
export function failureText(error: ChatMessage['error'], nowMs: number): string {
  if (!error) return WORDS.notSent;
  if (error.retryAt !== undefined && error.retryAt > nowMs) {
    const reason = /^SLOWMODE|Slow mode/i.test(error.message) ? t('chat.failure.slowMode') : t('chat.failure.floodWait');
    return t('chat.failure.wait', { reason, countdown: formatCountdown(error.retryAt - nowMs) });
  }
  return t('chat.failure.because', { reason: error.message });
}
