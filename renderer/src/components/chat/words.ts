/**
 * Everything the chat pane says, in one place (English), and how it words dates, presence and
 * media. Components take their strings from here.
 */
import type { ChatAbout, ChatMedia, ChatMessage } from '../../../../electron/shared/ipc-contract';
import { formatCountdown } from '../../lib/time';

export const WORDS = {
  back: 'Back to the switcher',
  openInTelegram: 'Open in Telegram',
  messages: 'Messages',
  loading: 'Loading messages…',
  loadingOlder: 'Loading older messages…',
  empty: 'No messages here yet',
  emptyHint: 'Say hello: type below and press Enter.',
  gone: 'This chat is not available',
  goneHint: 'It may have been deleted, or you left it. Telegram itself may still show it.',
  offline: 'Offline: showing saved messages. What you send waits for a retry once Telegram is back.',
  unread: 'Unread messages',
  newMessages: (count: number) => (count > 0 ? `Scroll to the newest messages, ${count} unread` : 'Scroll to the newest messages'),
  composer: 'Message',
  composerPlaceholder: 'Write a message…',
  editing: 'Editing a message',
  cancelEdit: 'Cancel editing',
  send: 'Send',
  save: 'Save',
  retry: 'Retry',
  notSent: 'Not sent',
  sending: 'Sending',
  sent: 'Sent',
  read: 'Read',
  edited: 'edited',
  forwardedFrom: (name: string) => `Forwarded from ${name}`,
  replyTo: 'Reply to',
  replyUnknown: 'a message not loaded',
  typing: (who: string | undefined) => (who ? `${who} is typing…` : 'typing…'),
  menu: 'Message actions',
  copyText: 'Copy text',
  editMessage: 'Edit',
  newMessage: (who: string, text: string) => `${who}: ${text}`,
  you: 'You',
  hints: { send: 'send', newline: 'new line', edit: 'edit last', back: 'back', telegram: 'in Telegram' },
} as const;

export function dayLabel(dayMs: number, nowMs: number): string {
  const today = new Date(nowMs);
  today.setHours(0, 0, 0, 0);
  const days = Math.round((today.getTime() - dayMs) / 86_400_000);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  const date = new Date(dayMs);
  return date.toLocaleDateString('en', { day: 'numeric', month: 'long', ...(date.getFullYear() !== today.getFullYear() ? { year: 'numeric' } : {}) });
}

export const timeLabel = (date: number): string => new Date(date * 1000).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** The header's second line: presence for a person, the size of a group or channel. */
export function aboutLine(about: ChatAbout | undefined, nowMs: number): string {
  if (!about) return '';
  if (about.members !== undefined) return `${about.members.toLocaleString('en')} ${about.broadcast ? (about.members === 1 ? 'subscriber' : 'subscribers') : about.members === 1 ? 'member' : 'members'}`;
  if (about.online) return 'online';
  if (about.seen) return about.seen === 'recently' ? 'last seen recently' : `last seen within a ${about.seen}`;
  if (about.lastSeenAt !== undefined) {
    const ago = Math.max(0, nowMs / 1000 - about.lastSeenAt);
    if (ago < 60) return 'last seen just now';
    if (ago < 3600) return `last seen ${Math.floor(ago / 60)} min ago`;
    if (ago < 86_400) return `last seen at ${timeLabel(about.lastSeenAt)}`;
    return `last seen ${new Date(about.lastSeenAt * 1000).toLocaleDateString('en', { day: 'numeric', month: 'short' })}`;
  }
  return '';
}

const size = (bytes: number): string =>
  bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} B`;
const duration = (seconds: number): string => formatCountdown(seconds * 1000);

/** A media placeholder's words, with size and duration where Telegram gives them. */
export function mediaLabel(media: ChatMedia): string {
  switch (media.kind) {
    case 'photo':
      return 'Photo';
    case 'video':
      return `Video, ${duration(media.duration)}, ${size(media.size)}`;
    case 'voice':
      return `Voice message, ${duration(media.duration)}`;
    case 'file':
      return `File: ${media.name}, ${size(media.size)}`;
    case 'sticker':
      return `Sticker ${media.emoji}`.trim();
    case 'location':
      return 'Location';
    case 'poll':
      return `Poll: ${media.question}`;
    default:
      return 'Unsupported message';
  }
}

/** One line about a message, for a reply's quote and the live region. */
export function summary(message: ChatMessage): string {
  if (message.service) return message.service;
  if (message.text) return message.text.length > 140 ? `${message.text.slice(0, 140)}…` : message.text;
  return message.media ? mediaLabel(message.media) : '';
}

/** Why a message did not go, with the wait when Telegram set one. */
export function failureText(error: ChatMessage['error'], nowMs: number): string {
  if (!error) return WORDS.notSent;
  if (error.retryAt !== undefined && error.retryAt > nowMs) {
    const kind = /^SLOWMODE|Slow mode/i.test(error.message) ? 'Slow mode' : 'Telegram asks to wait';
    return `${WORDS.notSent}. ${kind}: try again in ${formatCountdown(error.retryAt - nowMs)}.`;
  }
  return `${WORDS.notSent}: ${error.message}`;
}
