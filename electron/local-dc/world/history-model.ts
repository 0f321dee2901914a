/**
 * The rich parts of a world message, beyond its text: what Telegram's `message` and
 * `messageService` carry for replies, forwards, media, formatting, edits and service actions.
 */
import type { PeerRef } from './model';

/** Formatting as Telegram sends it: offsets and lengths in UTF-16 code units. */
export type EntityKind =
  | 'bold'
  | 'italic'
  | 'underline'
  | 'strike'
  | 'code'
  | 'pre'
  | 'spoiler'
  | 'url'
  | 'textUrl'
  | 'mention'
  | 'hashtag';

export interface WorldEntity {
  readonly kind: EntityKind;
  readonly offset: number;
  readonly length: number;
  /** textUrl's target. */
  readonly url?: string;
  /** pre's language. */
  readonly language?: string;
}

/** Media other than photos are placeholders for clients: enough metadata to label them. */
export type WorldMedia =
  | { readonly kind: 'photo'; readonly photoId: bigint }
  | { readonly kind: 'video'; readonly duration: number; readonly size: number; readonly w: number; readonly h: number }
  | { readonly kind: 'voice'; readonly duration: number; readonly size: number }
  | { readonly kind: 'file'; readonly fileName: string; readonly size: number; readonly mimeType: string }
  | { readonly kind: 'sticker'; readonly emoji: string; readonly size: number }
  | { readonly kind: 'location'; readonly lat: number; readonly long: number }
  | { readonly kind: 'poll'; readonly question: string; readonly answers: readonly string[] };

export type ServiceAction =
  | { readonly kind: 'chatCreate'; readonly title: string; readonly userIds: readonly bigint[] }
  | { readonly kind: 'chatEditTitle'; readonly title: string }
  | { readonly kind: 'chatAddUser'; readonly userIds: readonly bigint[] }
  | { readonly kind: 'pinMessage' }
  | { readonly kind: 'channelCreate'; readonly title: string };

export interface Forwarded {
  /** The original author, when they allow linking; otherwise `fromName`. */
  readonly fromId?: PeerRef;
  readonly fromName?: string;
  readonly date: number;
}

export interface RichMessage {
  readonly replyToId?: number;
  readonly forwarded?: Forwarded;
  readonly media?: WorldMedia;
  readonly entities?: readonly WorldEntity[];
  /** Set once the message was edited. */
  readonly editDate?: number;
  /** A service message (the text is empty). */
  readonly action?: ServiceAction;
}
