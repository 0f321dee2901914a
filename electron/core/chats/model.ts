/**
 * What the chat pane shows, as plain data: messages normalised from Telegram's (entities kept as
 * UTF-16 offsets, never HTML), the view of one open chat, and a switcher row's badge.
 */
export type EntityType = 'bold' | 'italic' | 'underline' | 'strike' | 'code' | 'pre' | 'spoiler' | 'url' | 'textUrl' | 'mention' | 'hashtag';

export interface ChatEntity {
  readonly type: EntityType;
  /** UTF-16 code units, as Telegram sends them (JS string indices). */
  readonly offset: number;
  readonly length: number;
  readonly url?: string;
}

export type ChatMedia =
  | { readonly kind: 'photo'; readonly photoId: string; readonly w: number; readonly h: number }
  | { readonly kind: 'video'; readonly duration: number; readonly size: number }
  | { readonly kind: 'voice'; readonly duration: number; readonly size: number }
  | { readonly kind: 'file'; readonly name: string; readonly size: number }
  | { readonly kind: 'sticker'; readonly emoji: string }
  | { readonly kind: 'location' }
  | { readonly kind: 'poll'; readonly question: string }
  | { readonly kind: 'other' };

export type SendState = 'sent' | 'pending' | 'failed';

export interface ChatMessage {
  /** Telegram's id; 0 while not sent. */
  readonly id: number;
  /** The random_id of a message this client sent (the echo's key until Telegram names its id). */
  readonly randomId?: string;
  readonly state: SendState;
  readonly error?: { readonly code: string; readonly message: string; readonly retryAt?: number };
  readonly date: number;
  readonly out: boolean;
  /** Author in groups ('user:42'); absent in private chats and channel posts. */
  readonly fromKey?: string;
  readonly text: string;
  readonly entities: readonly ChatEntity[];
  readonly replyToId?: number;
  readonly forwardedFrom?: string;
  readonly editDate?: number;
  /** A service message's description ("created the group", "pinned a message"). */
  readonly service?: string;
  readonly media?: ChatMedia;
}

export interface ChatView {
  readonly key: string;
  /** Newest first. */
  readonly messages: readonly ChatMessage[];
  /** Older messages exist beyond the oldest shown (on Telegram or in the cache). */
  readonly hasOlder: boolean;
  readonly loading: boolean;
  readonly draft: string;
  /** Outgoing messages up to this id were read by the other side ("read" ticks). */
  readonly readOutboxMaxId: number;
  readonly unreadCount: number;
  /** Someone is typing (their key), cleared after a few seconds. */
  readonly typing?: string;
  /** The last failure to load (offline, a chat that no longer exists). */
  readonly error?: { readonly code: string; readonly message: string; readonly retryAt?: number };
}

export interface ChatBadge {
  readonly key: string;
  readonly unreadCount: number;
  readonly muted: boolean;
  readonly online?: boolean;
}
