/**
 * The switcher's row badges: unread count, muted and online, fetched with messages.getPeerDialogs
 * and kept current by updates. A mark (muted, online) is told only for chats whose badge was asked.
 */
import { Api } from 'telegram';
import type { ChatCache } from './cache.js';
import type { ChatBadge } from './model.js';
import { peerKeyOf } from './normalise.js';
import type { ChatPeers } from './peers.js';
import { isMuted, isOnline } from './presence.js';
import type { ChatsTransport } from './sending.js';

export class ChatBadges {
  /** What a badge says besides the unread count, as last heard (getPeerDialogs, updates). */
  readonly #marks = new Map<string, { muted: boolean; online?: boolean }>();

  constructor(
    private readonly deps: {
      transport: ChatsTransport;
      cache: ChatCache;
      peers: ChatPeers;
      now: () => number;
      tell(badges: readonly ChatBadge[]): void;
    },
  ) {}

  badge(key: string, unreadCount: number): ChatBadge {
    const marks = this.#marks.get(key);
    return { key, unreadCount, muted: marks?.muted ?? false, ...(marks?.online === undefined ? {} : { online: marks.online }) };
  }

  /** Whether the chat's badge was fetched this session: updates have kept its unread count current since. */
  heard(key: string): boolean {
    return this.#marks.has(key);
  }

  /** Tell the chat's badge as the cache has it now (with `unread` when it just changed). */
  tellUnread(key: string, unread = this.deps.cache.chatInfo(key).unread): void {
    this.deps.tell([this.badge(key, unread)]);
  }

  /** Unread counts, muted state and online status for the switcher's rows (messages.getPeerDialogs). */
  async fetch(keys: readonly string[]): Promise<ChatBadge[]> {
    const { cache, peers: directory, transport } = this.deps;
    const peers = keys.map((key) => ({ key, peer: directory.find(key) })).filter((entry): entry is { key: string; peer: Api.TypeInputPeer } => !!entry.peer);
    if (peers.length === 0) return [];
    const result = await transport.invoke(new Api.messages.GetPeerDialogs({ peers: peers.map(({ peer }) => new Api.InputDialogPeer({ peer })) }));
    const now = Math.floor(this.deps.now() / 1000);
    const online = new Map<string, boolean>();
    for (const user of result.users) {
      if (user instanceof Api.User) online.set(`user:${user.id.toString()}`, isOnline(user.status, now));
    }
    const asked = new Set(peers.map(({ key }) => key));
    // Telegram answers a dialog per peer it knows, by the dialog's own peer: not by position.
    const badges = result.dialogs.flatMap((dialog): ChatBadge[] => {
      const key = dialog instanceof Api.Dialog ? peerKeyOf(dialog.peer) : undefined;
      if (!(dialog instanceof Api.Dialog) || !key || !asked.has(key)) return [];
      cache.setChatInfo(key, { unread: dialog.unreadCount, readOutbox: dialog.readOutboxMaxId });
      this.#marks.set(key, { muted: isMuted(dialog.notifySettings, now), ...(online.has(key) ? { online: online.get(key) } : {}) });
      return [this.badge(key, dialog.unreadCount)];
    });
    // A peer with no dialog yet still gets its status and mute changes from now on.
    for (const { key } of peers) {
      if (!this.#marks.has(key)) this.#marks.set(key, { muted: false, ...(online.has(key) ? { online: online.get(key) } : {}) });
    }
    this.deps.tell(badges);
    return badges;
  }

  statusChanged(key: string, status: Api.TypeUserStatus): void {
    this.#mark(key, { online: isOnline(status, Math.floor(this.deps.now() / 1000)) });
  }

  muteChanged(key: string, settings: Api.TypePeerNotifySettings): void {
    this.#mark(key, { muted: isMuted(settings, Math.floor(this.deps.now() / 1000)) });
  }

  /** A changed mark is told only for a chat whose badge was asked for: the switcher shows no others. */
  #mark(key: string, change: { muted?: boolean; online?: boolean }): void {
    const marks = this.#marks.get(key);
    if (!marks) return;
    const next = { ...marks, ...change };
    if (next.muted === marks.muted && next.online === marks.online) return;
    this.#marks.set(key, next);
    this.tellUnread(key);
  }
}
