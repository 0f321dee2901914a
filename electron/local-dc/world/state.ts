/**
 * The world's tables and the lookups every handler shares: who is calling, which peer an
 * InputPeer names (with Telegram's access-hash checks), and how to render for this caller.
 */
import { Api } from 'telegram';
import { RpcError, type CallContext, type WorldHost } from '../types';
import {
  peerKey,
  type Account,
  type Dialog,
  type PeerKey,
  type PeerRef,
  type WorldChannel,
  type WorldChat,
  type WorldPeer,
  type WorldPhoto,
  type WorldUser,
} from './model';
import type { SrpChallenge } from './srp';
import type { MessagePhoto } from './media-photos';
import { UpdateLog } from './update-log';
import { fromLong, type RenderOptions } from './tl';

export interface LoginToken {
  readonly token: Buffer;
  /** The auth key that asked for it: the one told about the scan. */
  readonly authKeyId: string;
  readonly expires: number;
  /** Set by a scan from a logged-in device. */
  acceptedBy?: bigint;
}

export interface PendingCode {
  readonly phone: string;
  readonly code: string;
}

export class WorldState {
  readonly peers = new Map<PeerKey, WorldPeer>();
  readonly photos = new Map<bigint, WorldPhoto>();
  /** By the account's user id. */
  readonly accounts = new Map<bigint, Account>();
  readonly botTokens = new Map<string, bigint>();
  /** By token hex. */
  readonly loginTokens = new Map<string, LoginToken>();
  /** By phone_code_hash. */
  readonly pendingCodes = new Map<string, PendingCode>();
  /** Auth keys that passed the code (or a QR scan) and now owe the 2FA password: authKeyId -> user. */
  readonly pendingPassword = new Map<string, bigint>();
  /** The challenge account.getPassword last handed each auth key; auth.checkPassword answers it. */
  readonly srpChallenges = new Map<string, { readonly userId: bigint; readonly challenge: SrpChallenge }>();
  /** PBKDF2 is slow (100 000 rounds): compute each account's verifier once per password. */
  readonly srpVerifiers = new Map<string, bigint>();
  host: WorldHost | undefined;
  /** Photos sent in messages, by photo id. */
  readonly messagePhotos = new Map<bigint, MessagePhoto>();
  /** What each account (and each channel it is in) was told, by pts: updates.getDifference replays it. */
  readonly updateLog = new UpdateLog();
  /** `${account}:${random_id}` of every message sent: a repeated random_id is refused. */
  readonly sentRandomIds = new Set<string>();
  /** auth.exportAuthorization's single-use bytes (hex), until auth.importAuthorization spends them. */
  readonly exportedLogins = new Map<string, { readonly userId: bigint; readonly dcId: number; readonly expires: number }>();

  /** Unix seconds. Content dates come from the world's fixed epoch; only live values (status expiry, token expiry, State.date) read this. */
  constructor(readonly clock: () => number) {}

  user(id: bigint): WorldUser | undefined {
    const peer = this.peers.get(`user:${id}`);
    return peer?.kind === 'user' ? peer : undefined;
  }

  chat(id: bigint): WorldChat | undefined {
    const peer = this.peers.get(`chat:${id}`);
    return peer?.kind === 'chat' ? peer : undefined;
  }

  channel(id: bigint): WorldChannel | undefined {
    const peer = this.peers.get(`channel:${id}`);
    return peer?.kind === 'channel' ? peer : undefined;
  }

  peer(ref: PeerRef): WorldPeer | undefined {
    return this.peers.get(peerKey(ref));
  }

  accountByPhone(phone: string): Account | undefined {
    for (const account of this.accounts.values()) if (account.phone === phone) return account;
    return undefined;
  }

  /** The caller's account, or Telegram's answer to an unauthorised key. */
  callerAccount(ctx: CallContext): Account {
    const account = ctx.userId === undefined ? undefined : this.accounts.get(ctx.userId);
    if (!account) throw new RpcError(401, 'AUTH_KEY_UNREGISTERED');
    return account;
  }

  /** Like callerAccount, but also refuses bots (methods that are user-only in Telegram). */
  callerUserAccount(ctx: CallContext): Account {
    const account = this.callerAccount(ctx);
    if (this.user(account.userId)?.bot) throw new RpcError(400, 'BOT_METHOD_INVALID');
    return account;
  }

  renderOptions(ctx: CallContext): RenderOptions {
    return { selfId: ctx.userId, now: this.clock(), dcId: ctx.dc.id };
  }

  /**
   * Resolve an InputPeer for `account`, checking the access hash as Telegram does: a user or
   * channel whose hash does not match is "invalid", exactly like one that does not exist.
   * `input` is untyped because gramjs types request fields as EntityLike; on the wire they are InputPeers.
   */
  resolveInputPeer(account: Account, input: unknown): PeerRef {
    if (input instanceof Api.InputPeerSelf) return { kind: 'user', id: account.userId };
    if (input instanceof Api.InputPeerUser) {
      const user = this.user(fromLong(input.userId));
      if (!user || user.accessHash !== fromLong(input.accessHash)) throw new RpcError(400, 'PEER_ID_INVALID');
      return { kind: 'user', id: user.id };
    }
    if (input instanceof Api.InputPeerChat) {
      const chat = this.chat(fromLong(input.chatId));
      if (!chat) throw new RpcError(400, 'PEER_ID_INVALID');
      return { kind: 'chat', id: chat.id };
    }
    if (input instanceof Api.InputPeerChannel) {
      return { kind: 'channel', id: this.resolveChannel(input.channelId, input.accessHash).id };
    }
    throw new RpcError(400, 'PEER_ID_INVALID');
  }

  resolveInputChannel(input: unknown): WorldChannel {
    if (input instanceof Api.InputChannel) return this.resolveChannel(input.channelId, input.accessHash);
    throw new RpcError(400, 'CHANNEL_INVALID');
  }

  resolveInputUser(account: Account | undefined, input: unknown): WorldUser | undefined {
    if (input instanceof Api.InputUserSelf) return account ? this.user(account.userId) : undefined;
    if (input instanceof Api.InputUser) {
      const user = this.user(fromLong(input.userId));
      return user && user.accessHash === fromLong(input.accessHash) ? user : undefined;
    }
    return undefined;
  }

  private resolveChannel(id: Parameters<typeof fromLong>[0], accessHash: Parameters<typeof fromLong>[0]): WorldChannel {
    const channel = this.channel(fromLong(id));
    if (!channel || channel.accessHash !== fromLong(accessHash)) throw new RpcError(400, 'CHANNEL_INVALID');
    return channel;
  }

  /** The account's dialog with a peer, created empty on first use (sending to a new contact). */
  dialog(account: Account, peer: PeerRef): Dialog {
    const key = peerKey(peer);
    let dialog = account.dialogs.get(key);
    if (!dialog) {
      dialog = { peer, messages: [], readInboxMaxId: 0, readOutboxMaxId: 0 };
      account.dialogs.set(key, dialog);
    }
    return dialog;
  }
}
