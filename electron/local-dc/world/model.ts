import type { RichMessage } from './history-model';

/**
 * The world's plain data: what exists on this fake Telegram, independent of TL. Handlers render
 * it into gramjs `Api` objects (see tl.ts). Ids and hashes are bigints because Telegram's are
 * 64-bit; dates are unix seconds.
 */
import { splitPeerKey } from '../../shared/peer-key.js';

/** The nine top-peer categories, in THE fold order (see topPeersHash in top-peers.ts). */
export const TOP_PEER_CATEGORIES = [
  'correspondents',
  'botsPm',
  'botsInline',
  'phoneCalls',
  'forwardUsers',
  'forwardChats',
  'groups',
  'channels',
  'botsApp',
] as const;
export type TopPeerCategory = (typeof TOP_PEER_CATEGORIES)[number];

export type PeerKind = 'user' | 'chat' | 'channel';

/** A peer as the world addresses it: a user, a basic group or a channel/supergroup. */
export interface PeerRef {
  readonly kind: PeerKind;
  readonly id: bigint;
}

/** Map keys for peers: 'user:42', 'chat:7', 'channel:9'. */
export type PeerKey = `${PeerKind}:${string}`;
export const peerKey = (peer: PeerRef): PeerKey => `${peer.kind}:${peer.id}`;
export function parsePeerKey(key: PeerKey): PeerRef {
  const { kind, id } = splitPeerKey(key);
  return { kind, id: BigInt(id) };
}

export type UserStatus =
  | { readonly kind: 'online' } // rendered with onlineExpires(now): between 5 and 10 min ahead
  | { readonly kind: 'offline'; readonly wasOnline: number }
  | { readonly kind: 'recently' };

export interface BotInfo {
  /** Set for inline bots: the input field placeholder ('Search GIFs…'). */
  inlinePlaceholder?: string;
  /** Bots with a Main Mini App (`bot_has_main_app`), the `bots_app` category. */
  hasMainApp?: boolean;
}

export interface WorldUser {
  readonly kind: 'user';
  readonly id: bigint;
  accessHash: bigint;
  firstName: string;
  lastName?: string;
  username?: string;
  phone?: string;
  bot?: BotInfo;
  verified?: boolean;
  premium?: boolean;
  deleted?: boolean;
  status?: UserStatus;
  photoId?: bigint;
}

/** A basic group (TL `chat`): no access hash, addressed by id alone. */
export interface WorldChat {
  readonly kind: 'chat';
  readonly id: bigint;
  title: string;
  participantsCount: number;
  date: number;
  photoId?: bigint;
}

/** A supergroup (megagroup) or broadcast channel (TL `channel`). */
export interface WorldChannel {
  readonly kind: 'channel';
  readonly id: bigint;
  accessHash: bigint;
  title: string;
  username?: string;
  broadcast: boolean; // false = megagroup
  verified?: boolean;
  participantsCount: number;
  date: number;
  photoId?: bigint;
}

export type WorldPeer = WorldUser | WorldChat | WorldChannel;

export interface WorldPhoto {
  readonly id: bigint;
  /** The peer whose photo this is (or was): upload.getFile checks the asking location names it. */
  readonly owner: PeerKey;
  readonly jpeg: Buffer;
  /** Side length in pixels (square). */
  readonly side: number;
  readonly date: number;
}

export interface WorldMessage {
  readonly id: number;
  /** Sent by the account (outgoing) rather than received. */
  readonly out: boolean;
  /** Author: the account's user for outgoing, the other side (or a group member) for incoming. */
  readonly fromId: bigint;
  readonly date: number;
  readonly text: string;
  /** Rich parts (replies, forwards, media, service actions, entities, edits): see history-model.ts. */
  readonly rich?: RichMessage;
}

/** One account's view of one dialog. */
export interface Dialog {
  readonly peer: PeerRef;
  /** Oldest first; handlers reverse for newest-first answers. */
  readonly messages: WorldMessage[];
  readInboxMaxId: number;
  readOutboxMaxId: number;
  /** Chat-list state (see dialogs.ts): pinned (higher = nearer the top), in the archive (folder 1), muted until (unix s). */
  pinOrder?: number;
  folderId?: 0 | 1;
  muteUntil?: number;
}

export interface Account {
  readonly userId: bigint;
  /** Absent for bots, which log in with a token instead. */
  readonly phone?: string;
  /** Cloud password (2FA); the world keeps the clear text because it is a test fixture. */
  password?: string;
  passwordHint?: string;
  topPeersEnabled: boolean;
  /** category -> peer -> rating. Absent = not in that category. */
  readonly ratings: Map<TopPeerCategory, Map<PeerKey, number>>;
  readonly dialogs: Map<PeerKey, Dialog>;
  /** Private chats and basic groups share one message id sequence per account (as in Telegram). */
  nextMessageId: number;
  pts: number;
}
