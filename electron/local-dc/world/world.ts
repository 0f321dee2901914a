/**
 * The World: the fake DC's Telegram, as data plus one handler per API method. The protocol layer
 * sees only `methods` and `attach` (DcWorld); tests also drive the mutation API below to change
 * the world under a connected client.
 */
import { createHash } from 'node:crypto';
import { Api } from 'telegram';
import type { CallContext, DcWorld, MethodHandler, MethodTable, TlResult, WorldHost } from '../types';
import * as auth from './auth';
import * as chatList from './dialogs';
import { getFile } from './files';
import { recordForDifference } from './away-log';
import * as difference from './difference';
import * as help from './help';
import * as users from './users';
import * as messages from './messages';
import * as chatMethods from './chat-methods';
import * as chatEvents from './chat-events';
import type { RichMessage } from './history-model';
import { createMessagePhoto } from './media-photos';
import {
  TOP_PEER_CATEGORIES,
  peerKey,
  type Account,
  type PeerRef,
  type TopPeerCategory,
  type WorldChannel,
  type WorldChat,
  type WorldMessage,
  type WorldPeer,
  type WorldUser,
} from './model';
import { renderPhotoJpeg, type PhotoStyle } from './photos';
import { WorldState } from './state';
import { onlineExpires, renderChannel, renderChat, renderUser, toLong } from './tl';
import * as topPeers from './top-peers';
import * as dcAuth from './dc-auth';

/** An account by its user id or its phone number (any '+', spaces or dashes are ignored). */
export type AccountRef = bigint | string;

export interface WorldOptions {
  /** Unix seconds for live values (status expiry, token expiry, sent-message dates). Defaults to the real clock. */
  clock?: () => number;
  /** The DC id photos are announced on outside a call (pushed updates); calls use the connection's own. Default 2. */
  dcId?: number;
}

type Handler = (state: WorldState, request: unknown, ctx: CallContext) => TlResult | Promise<TlResult>;

/** Keyed by gramjs class name (`Api.contacts.GetTopPeers.className`). */
const HANDLERS: Record<string, Handler> = {
  'help.GetConfig': help.getConfig,
  'help.GetNearestDc': help.getNearestDc,
  'help.GetAppConfig': help.getAppConfig,
  'account.UpdateStatus': users.updateStatus,
  'updates.GetState': help.getState,
  'updates.GetDifference': difference.getDifference,
  'updates.GetChannelDifference': difference.getChannelDifference,
  'users.GetUsers': users.getUsers,
  'users.GetFullUser': users.getFullUser,
  'auth.SendCode': auth.sendCode,
  'auth.ResendCode': auth.resendCode,
  'auth.SignIn': auth.signIn,
  'auth.CheckPassword': auth.checkPassword,
  'account.GetPassword': auth.getPassword,
  'auth.ExportLoginToken': auth.exportLoginToken,
  'auth.ImportLoginToken': auth.importLoginToken,
  'auth.ImportBotAuthorization': auth.importBotAuthorization,
  'auth.LogOut': auth.logOut,
  'auth.ExportAuthorization': dcAuth.exportAuthorization,
  'auth.ImportAuthorization': dcAuth.importAuthorization,
  'contacts.GetTopPeers': topPeers.getTopPeers,
  'contacts.ResetTopPeerRating': topPeers.resetTopPeerRating,
  'contacts.ToggleTopPeers': topPeers.toggleTopPeers,
  'messages.GetHistory': messages.getHistory,
  'messages.SendMessage': messages.sendMessage,
  'messages.ReadHistory': messages.readHistory,
  'channels.ReadHistory': messages.readChannelHistory,
  'messages.GetPeerDialogs': messages.getPeerDialogs,
  'messages.GetMessages': chatMethods.getMessages,
  'channels.GetMessages': chatMethods.getChannelMessages,
  'messages.EditMessage': chatMethods.editMessageCall,
  'messages.DeleteMessages': chatMethods.deleteMessagesCall,
  'channels.DeleteMessages': chatMethods.deleteChannelMessagesCall,
  'messages.SetTyping': chatMethods.setTyping,
  'messages.GetDialogs': chatList.getDialogs,
  'contacts.Search': chatList.searchContacts,
  'contacts.ResolveUsername': users.resolveUsername,
  'upload.GetFile': getFile,
};

/** A stable, id-derived access hash, so a peer added twice in two worlds gets the same one. */
export function defaultAccessHash(id: bigint): bigint {
  return createHash('sha256').update(`access-hash:${id}`).digest().readBigInt64LE(0);
}

export class World implements DcWorld {
  readonly state: WorldState;
  readonly methods: MethodTable;
  /** Photo ids count up from here; deterministic so two identical worlds stay identical after setPhoto. */
  private nextPhotoId = 5_000_000_000_000_001n;
  private readonly dcId: number;

  constructor(options: WorldOptions = {}) {
    this.state = new WorldState(options.clock ?? (() => Math.floor(Date.now() / 1000)));
    this.dcId = options.dcId ?? 2;
    const table = new Map<string, MethodHandler>();
    for (const [name, handler] of Object.entries(HANDLERS)) {
      table.set(name, (request, ctx) => handler(this.state, request, ctx));
    }
    this.methods = table;
  }

  attach(host: WorldHost): void {
    this.state.host = host;
  }

  // ---- building ----

  addUser(init: Omit<WorldUser, 'kind' | 'accessHash'> & { accessHash?: bigint }): WorldUser {
    return this.addPeer({ ...init, kind: 'user', accessHash: init.accessHash ?? defaultAccessHash(init.id) });
  }

  addChat(init: Omit<WorldChat, 'kind'>): WorldChat {
    return this.addPeer({ ...init, kind: 'chat' });
  }

  addChannel(init: Omit<WorldChannel, 'kind' | 'accessHash'> & { accessHash?: bigint }): WorldChannel {
    return this.addPeer({ ...init, kind: 'channel', accessHash: init.accessHash ?? defaultAccessHash(init.id) });
  }

  /** Add (or replace) any peer. */
  addPeer<T extends WorldPeer>(peer: T): T {
    this.state.peers.set(peerKey(peer), peer);
    return peer;
  }

  /** Remove a peer and every trace of it: ratings, dialogs, an account and bot token if it had them. */
  removePeer(ref: PeerRef): void {
    const key = peerKey(ref);
    this.state.peers.delete(key);
    for (const account of this.state.accounts.values()) {
      for (const ratings of account.ratings.values()) ratings.delete(key);
      account.dialogs.delete(key);
    }
    if (ref.kind === 'user') {
      this.state.accounts.delete(ref.id);
      for (const [token, botId] of this.state.botTokens) if (botId === ref.id) this.state.botTokens.delete(token);
    }
  }

  /** Make a user able to log in. `phone` defaults to the user's phone; bots have none. */
  addAccount(init: { userId: bigint; phone?: string; password?: string; passwordHint?: string; topPeersEnabled?: boolean }): Account {
    const user = this.state.user(init.userId);
    if (!user) throw new Error(`no user ${init.userId} in the world`);
    const phone = init.phone ?? user.phone;
    if (phone !== undefined && this.state.accountByPhone(phone)) throw new Error(`phone ${phone} already has an account`);
    const account: Account = {
      userId: init.userId,
      phone,
      password: init.password,
      passwordHint: init.passwordHint,
      topPeersEnabled: init.topPeersEnabled ?? true,
      ratings: new Map(TOP_PEER_CATEGORIES.map((category) => [category, new Map()])),
      dialogs: new Map(),
      nextMessageId: 1,
      pts: 1,
    };
    this.state.accounts.set(init.userId, account);
    return account;
  }

  /** A bot token for auth.importBotAuthorization ('<bot id>:<secret>', as BotFather issues). */
  addBotToken(botUserId: bigint, token: string): void {
    if (!this.state.user(botUserId)?.bot) throw new Error(`user ${botUserId} is not a bot`);
    if (!this.state.accounts.has(botUserId)) this.addAccount({ userId: botUserId });
    this.state.botTokens.set(token, botUserId);
  }

  /** Store a generated photo as the peer's current one; returns the new photo id. */
  setPhoto(ref: PeerRef, style: PhotoStyle = { from: [90, 120, 200], to: [20, 40, 90] }, date = this.state.clock()): bigint {
    const peer = this.requirePeer(ref);
    const id = this.nextPhotoId++;
    const side = Math.min(160, Math.max(64, style.size ?? 96));
    // Encoded on first download, not here: a DC with the demo world starts in milliseconds
    // instead of encoding ~60 JPEGs nobody may ask for.
    this.state.photos.set(id, {
      id,
      owner: peerKey(ref),
      side,
      date,
      get jpeg() {
        return renderPhotoJpeg(style);
      },
    });
    peer.photoId = id;
    this.announce(ref);
    return id;
  }

  /**
   * Tell every logged-in client that a peer changed, as Telegram does: an `updates` bundle
   * (updateUserName / updateUser for users, updateChat / updateChannel for chats) carrying the
   * fresh entity. The top-peers hash covers ids only, so this is how clients learn of renames.
   */
  private announce(ref: PeerRef): void {
    const host = this.state.host;
    const peer = this.requirePeer(ref);
    if (!host) return; // still being built: nobody is connected
    const date = this.state.clock();
    for (const account of this.state.accounts.values()) {
      const options = { selfId: account.userId, now: date, dcId: this.dcId };
      const update =
        peer.kind === 'user'
          ? new Api.Updates({
              updates: [
                new Api.UpdateUserName({
                  userId: toLong(peer.id),
                  firstName: peer.firstName ?? '',
                  lastName: peer.lastName ?? '',
                  usernames: [],
                }),
              ],
              users: [renderUser(peer, options)],
              chats: [],
              date,
              seq: 0,
            })
          : new Api.Updates({
              updates: [
                peer.kind === 'chat'
                  ? new Api.UpdateChat({ chatId: toLong(peer.id) })
                  : new Api.UpdateChannel({ channelId: toLong(peer.id) }),
              ],
              users: [],
              chats: [peer.kind === 'chat' ? renderChat(peer, options) : renderChannel(peer, options)],
              date,
              seq: 0,
            });
      host.pushToUser(account.userId, update);
      recordForDifference(this.state, account.userId, update);
    }
  }

  // ---- mutations for tests ----

  account(ref: AccountRef): Account {
    // Phones are stored as bare digits; accept '+99966 2 1234' as people write them.
    const account = typeof ref === 'bigint' ? this.state.accounts.get(ref) : this.state.accountByPhone(ref.replace(/\D/g, ''));
    if (!account) throw new Error(`no account ${String(ref)}`);
    return account;
  }

  rating(account: AccountRef, peer: PeerRef, category: TopPeerCategory): number | undefined {
    return this.account(account).ratings.get(category)?.get(peerKey(peer));
  }

  setRating(account: AccountRef, peer: PeerRef, category: TopPeerCategory, rating: number): void {
    this.requirePeer(peer);
    this.account(account).ratings.get(category)?.set(peerKey(peer), rating);
  }

  /** Add to a rating (a peer not yet in the category starts at 0); returns the new rating. */
  bumpRating(account: AccountRef, peer: PeerRef, category: TopPeerCategory, delta = 1): number {
    const next = (this.rating(account, peer, category) ?? 0) + delta;
    this.setRating(account, peer, category, next);
    return next;
  }

  /** Take a peer out of a category, as contacts.resetTopPeerRating does. */
  zeroRating(account: AccountRef, peer: PeerRef, category: TopPeerCategory): void {
    this.account(account).ratings.get(category)?.delete(peerKey(peer));
  }

  setTopPeersEnabled(account: AccountRef, enabled: boolean): void {
    this.account(account).topPeersEnabled = enabled;
  }

  /**
   * Rename a user ({ firstName, lastName? }) or a group/channel ({ title }). Ids stay, so the
   * top-peers hash does not change; logged-in clients learn the new name from a pushed update.
   */
  renamePeer(ref: PeerRef, name: { firstName: string; lastName?: string } | { title: string }): void {
    const peer = this.requirePeer(ref);
    if (peer.kind === 'user' && 'firstName' in name) {
      peer.firstName = name.firstName;
      peer.lastName = name.lastName;
    } else if (peer.kind !== 'user' && 'title' in name) {
      peer.title = name.title;
    } else {
      throw new Error(`a ${peer.kind} is renamed with ${peer.kind === 'user' ? 'firstName' : 'title'}`);
    }
    this.announce(ref);
  }

  /** Online (see onlineExpires) or offline since now; logged-in clients are told. */
  setOnline(userId: bigint, online: boolean): void {
    const user = this.state.user(userId);
    if (!user) throw new Error(`no user ${userId}`);
    const now = this.state.clock();
    user.status = online ? { kind: 'online' } : { kind: 'offline', wasOnline: now };
    const status = online ? new Api.UserStatusOnline({ expires: onlineExpires(now) }) : new Api.UserStatusOffline({ wasOnline: now });
    const update = new Api.UpdateShort({ update: new Api.UpdateUserStatus({ userId: toLong(userId), status }), date: now });
    for (const account of this.state.accounts.values()) {
      if (account.userId !== userId) this.state.host?.pushToUser(account.userId, update);
    }
  }

  /**
   * Put a message into an account's dialog with `peer` (incoming by default, from the peer or,
   * in a group, from `fromId`) and push it to that account's connected clients. `rich` adds a
   * reply, forward, media, entities or a service action (history-model.ts).
   */
  addMessage(
    account: AccountRef,
    peer: PeerRef,
    message: { text: string; out?: boolean; fromId?: bigint; date?: number; rich?: RichMessage },
  ): WorldMessage {
    const owner = this.account(account);
    this.requirePeer(peer);
    const out = message.out ?? false;
    const fromId = out ? owner.userId : (message.fromId ?? (peer.kind === 'user' ? peer.id : owner.userId));
    const date = message.date ?? this.state.clock();
    return chatEvents.deliverMessage(this.state, owner, peer, { out, fromId, text: message.text, date, rich: message.rich }, this.dcId);
  }

  /** A photo for a message (`rich: { media: { kind: 'photo', photoId } }`); `seed` picks the picture. */
  addMessagePhoto(seed: number, date = this.state.clock()): bigint {
    const id = this.nextPhotoId++;
    this.state.messagePhotos.set(id, createMessagePhoto(id, seed, date));
    return id;
  }

  /** Edit a message in the account's copy of the dialog (as its author did elsewhere); pushed as updateEditMessage. */
  editMessage(account: AccountRef, peer: PeerRef, id: number, text: string, date = this.state.clock()): void {
    chatEvents.editMessage(this.state, this.account(account), peer, id, { text }, date, this.dcId);
  }

  /** Delete messages from the account's copy of the dialog; pushed as updateDeleteMessages / updateDeleteChannelMessages. */
  deleteMessages(account: AccountRef, peer: PeerRef, ids: readonly number[]): void {
    chatEvents.deleteMessages(this.state, this.account(account), peer, ids, this.state.clock(), this.dcId);
  }

  /** The other side of a private chat read the account's messages up to `maxId` (0 = all): "read" ticks. */
  peerReads(account: AccountRef, peer: PeerRef, maxId = 0): void {
    messages.readOutbox(this.state, this.account(account), peer, maxId);
  }

  /** Someone in `peer` (the user, or `fromId` in a group) is typing to the account. */
  peerTypes(account: AccountRef, peer: PeerRef, fromId = peer.id): void {
    chatEvents.typing(this.state, this.account(account), peer, fromId);
  }

  /** Pin or unpin a dialog as if on another device; the account's clients get updateDialogPinned. */
  pinDialog(account: AccountRef, peer: PeerRef, pinned = true): void {
    chatList.setPinned(this.state, this.account(account), this.requirePeer(peer), pinned);
  }

  /** Move a dialog into (or out of) the archive, folder 1; clients get updateFolderPeers. */
  archiveDialog(account: AccountRef, peer: PeerRef, archived = true): void {
    chatList.setArchived(this.state, this.account(account), this.requirePeer(peer), archived);
  }

  /** Mute a dialog until `until` (unix s; 0 unmutes); clients get updateNotifySettings. */
  muteDialog(account: AccountRef, peer: PeerRef, until: number): void {
    chatList.setMuted(this.state, this.account(account), this.requirePeer(peer), until);
  }

  /** Mark messages read as if on another device (0 = all). */
  markRead(account: AccountRef, peer: PeerRef, maxId = 0): void {
    const dialog = this.state.dialog(this.account(account), peer);
    const top = dialog.messages.at(-1)?.id ?? 0;
    dialog.readInboxMaxId = Math.max(dialog.readInboxMaxId, maxId <= 0 ? top : Math.min(maxId, top));
  }

  /**
   * A logged-in device scans the QR code showing `token`: the token is accepted for that account
   * and the waiting client is told (updateShort(updateLoginToken)); its next
   * auth.exportLoginToken returns loginTokenSuccess (or SESSION_PASSWORD_NEEDED for 2FA accounts).
   */
  scanLoginToken(token: Buffer, by: AccountRef): void {
    const account = this.account(by);
    const entry = this.state.loginTokens.get(token.toString('hex'));
    if (!entry) throw new Error('AUTH_TOKEN_INVALID: no such login token');
    const now = this.state.clock();
    if (entry.expires < now) throw new Error('AUTH_TOKEN_EXPIRED');
    entry.acceptedBy = account.userId;
    this.state.host?.pushToAuthKey(entry.authKeyId, new Api.UpdateShort({ update: new Api.UpdateLoginToken(), date: now }));
  }

  /** Everything in the world as stable JSON (photos by digest): two worlds built the same way serialise identically. */
  serialize(): string {
    const photos = [...this.state.photos.values()].map((photo) => ({
      ...photo,
      jpeg: createHash('sha256').update(photo.jpeg).digest('hex'),
    }));
    const accounts = [...this.state.accounts.values()].map((account) => ({
      ...account,
      ratings: [...account.ratings].map(([category, ratings]) => [category, [...ratings]]),
      dialogs: [...account.dialogs.values()],
    }));
    return JSON.stringify(
      { peers: [...this.state.peers.values()], photos, accounts, botTokens: [...this.state.botTokens] },
      (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
    );
  }

  private requirePeer(ref: PeerRef): WorldPeer {
    const peer = this.state.peer(ref);
    if (!peer) throw new Error(`no ${ref.kind} ${ref.id} in the world`);
    return peer;
  }
}
