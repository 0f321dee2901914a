/**
 * The peers Telegram's answers named: how to address a chat (its InputPeer), the names of
 * senders and forward origins, and what an open chat's header says about it.
 */
import { Api } from 'telegram';
import { AppError } from '../errors.js';
import type { ChatAbout, ChatMessage } from './model.js';
import { userAbout } from './presence.js';

export class ChatPeers {
  readonly #known = new Map<string, Api.TypeInputPeer>();
  /** Names and header lines of the peers Telegram's answers mentioned (senders, the chats themselves). */
  readonly #names = new Map<string, string>();
  readonly #about = new Map<string, ChatAbout>();

  constructor(
    /** The InputPeer of a chat key from what the account already knows (top peers, dialogs). */
    private readonly listed: (key: string) => Api.TypeInputPeer | undefined,
    private readonly now: () => number,
  ) {}

  learn(users: readonly Api.TypeUser[], chats: readonly Api.TypeChat[]): void {
    for (const user of users) {
      if (!(user instanceof Api.User)) continue;
      const key = `user:${user.id.toString()}`;
      if (user.accessHash) this.#known.set(key, new Api.InputPeerUser({ userId: user.id, accessHash: user.accessHash }));
      this.#names.set(key, [user.firstName, user.lastName].filter(Boolean).join(' ') || (user.deleted ? 'Deleted Account' : (user.username ?? key)));
      if (!user.bot) this.#about.set(key, userAbout(user.status, this.now()));
    }
    for (const chat of chats) {
      if (chat instanceof Api.Chat) {
        const key = `chat:${chat.id.toString()}`;
        this.#known.set(key, new Api.InputPeerChat({ chatId: chat.id }));
        this.#names.set(key, chat.title);
        this.#about.set(key, { members: chat.participantsCount });
      }
      if (chat instanceof Api.Channel) {
        const key = `channel:${chat.id.toString()}`;
        if (chat.accessHash) this.#known.set(key, new Api.InputPeerChannel({ channelId: chat.id, accessHash: chat.accessHash }));
        this.#names.set(key, chat.title);
        this.#about.set(key, { ...(chat.participantsCount !== undefined ? { members: chat.participantsCount } : {}), ...(chat.broadcast ? { broadcast: true } : {}) });
      }
    }
  }

  /** The chat's InputPeer, from the account's lists or from any answer that named it. */
  find(key: string): Api.TypeInputPeer | undefined {
    return this.listed(key) ?? this.#known.get(key);
  }

  require(key: string): Api.TypeInputPeer {
    const peer = this.find(key);
    if (!peer) throw new AppError('PEER_NOT_FOUND', 'That chat is not in your chat list.');
    return peer;
  }

  about(key: string): ChatAbout | undefined {
    return this.#about.get(key);
  }

  /** A user's presence changed: only a chat whose header was learned says so (false otherwise). */
  setStatus(key: string, status: Api.TypeUserStatus): boolean {
    if (!this.#about.has(key)) return false;
    this.#about.set(key, userAbout(status, this.now()));
    return true;
  }

  /** Names of the authors and forward origins of these messages, by peer key. */
  sendersOf(messages: readonly ChatMessage[]): Record<string, string> {
    const senders: Record<string, string> = {};
    for (const message of messages) {
      for (const key of [message.fromKey, message.forwardedFrom]) {
        const name = key === undefined ? undefined : this.#names.get(key);
        if (key !== undefined && name !== undefined) senders[key] = name;
      }
    }
    return senders;
  }
}
