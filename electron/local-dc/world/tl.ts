/**
 * Rendering world data as gramjs `Api` objects, and the few TL encodings gramjs does not do
 * for a server (boxed `Vector<T>` and `Bool` results).
 */
import { Api } from 'telegram';
import { returnBigInt } from 'telegram/Helpers.js';
import type bigInt from 'big-integer';
import { RpcError } from '../types';
import type { PeerRef, WorldChannel, WorldChat, WorldPeer, WorldUser } from './model';

/** gramjs models TL `long` with big-integer; the world uses native bigint. */
export const toLong = (value: bigint): bigInt.BigInteger => returnBigInt(value.toString());
export const fromLong = (value: bigInt.BigInteger | bigint | number | string): bigint => BigInt(value.toString());

const VECTOR_ID = 0x1cb5c415;
const BOOL_TRUE = 0x997275b5;
const BOOL_FALSE = 0xbc799737;

/** A boxed `Vector<T>` result (users.getUsers and friends); gramjs only writes vectors inside objects. */
export function vectorOf(items: readonly { getBytes(): Buffer }[]): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32LE(VECTOR_ID, 0);
  head.writeInt32LE(items.length, 4);
  return Buffer.concat([head, ...items.map((item) => item.getBytes())]);
}

/** A `Bool` result (toggleTopPeers, channels.readHistory, auth.logOut's older form). */
export function boolResult(value: boolean): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value ? BOOL_TRUE : BOOL_FALSE, 0);
  return bytes;
}

export interface RenderOptions {
  /** The user asking: sets `self` on their own user object. */
  readonly selfId: bigint | undefined;
  /** Unix seconds now, for `userStatusOnline.expires`. */
  readonly now: number;
  /** This DC's id: every photo lives here, so clients never need a second DC to download. */
  readonly dcId: number;
}

/**
 * `userStatusOnline.expires` for a user who stays online: like Telegram's, it is one fixed moment
 * that two answers a second apart agree on, renewed in five-minute steps so it is always 5 to
 * 10 minutes ahead.
 */
export function onlineExpires(now: number): number {
  const step = 300;
  return (Math.floor(now / step) + 2) * step;
}

export function renderUser(user: WorldUser, options: RenderOptions): Api.User {
  if (user.deleted) {
    // Telegram strips a deleted account to its id and the deleted flag (no name, no hash needed
    // by clients, but gramjs entity caches like one, so keep it).
    return new Api.User({ id: toLong(user.id), deleted: true, accessHash: toLong(user.accessHash) });
  }
  const status = (() => {
    switch (user.status?.kind) {
      case 'online':
        return new Api.UserStatusOnline({ expires: onlineExpires(options.now) });
      case 'offline':
        return new Api.UserStatusOffline({ wasOnline: user.status.wasOnline });
      case 'recently':
        return new Api.UserStatusRecently({});
      default:
        return undefined;
    }
  })();
  return new Api.User({
    id: toLong(user.id),
    self: options.selfId === user.id ? true : undefined,
    accessHash: toLong(user.accessHash),
    firstName: user.firstName,
    lastName: user.lastName,
    username: user.username,
    phone: user.phone,
    verified: user.verified || undefined,
    premium: user.premium || undefined,
    bot: user.bot ? true : undefined,
    // bot and bot_info_version share flags.14: a bot without a version would corrupt the frame.
    botInfoVersion: user.bot ? 1 : undefined,
    botInlinePlaceholder: user.bot?.inlinePlaceholder,
    botHasMainApp: user.bot?.hasMainApp || undefined,
    photo:
      user.photoId === undefined
        ? undefined
        : new Api.UserProfilePhoto({ photoId: toLong(user.photoId), dcId: options.dcId }),
    status: user.bot ? undefined : status,
  });
}

const chatPhoto = (photoId: bigint | undefined, dcId: number): Api.TypeChatPhoto =>
  photoId === undefined ? new Api.ChatPhotoEmpty() : new Api.ChatPhoto({ photoId: toLong(photoId), dcId });

export function renderChat(chat: WorldChat, options: RenderOptions): Api.Chat {
  return new Api.Chat({
    id: toLong(chat.id),
    title: chat.title,
    photo: chatPhoto(chat.photoId, options.dcId),
    participantsCount: chat.participantsCount,
    date: chat.date,
    version: 1,
  });
}

export function renderChannel(channel: WorldChannel, options: RenderOptions): Api.Channel {
  return new Api.Channel({
    id: toLong(channel.id),
    accessHash: toLong(channel.accessHash),
    title: channel.title,
    username: channel.username,
    broadcast: channel.broadcast || undefined,
    megagroup: !channel.broadcast || undefined,
    verified: channel.verified || undefined,
    photo: chatPhoto(channel.photoId, options.dcId),
    date: channel.date,
    participantsCount: channel.participantsCount,
  });
}

export function renderPeerRef(peer: PeerRef): Api.TypePeer {
  switch (peer.kind) {
    case 'user':
      return new Api.PeerUser({ userId: toLong(peer.id) });
    case 'chat':
      return new Api.PeerChat({ chatId: toLong(peer.id) });
    case 'channel':
      return new Api.PeerChannel({ channelId: toLong(peer.id) });
  }
}

/** Split a set of peers into the `users` and `chats` vectors every answer carries. */
export function renderEntities(
  peers: Iterable<WorldPeer>,
  options: RenderOptions,
): { users: Api.TypeUser[]; chats: Api.TypeChat[] } {
  const users: Api.TypeUser[] = [];
  const chats: Api.TypeChat[] = [];
  const seen = new Set<string>();
  for (const peer of peers) {
    const key = `${peer.kind}:${peer.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (peer.kind === 'user') users.push(renderUser(peer, options));
    else chats.push(peer.kind === 'chat' ? renderChat(peer, options) : renderChannel(peer, options));
  }
  return { users, chats };
}

/** Guard for handlers: the protocol layer hands over `Api.AnyRequest`; each handler wants one class. */
export function expectRequest<T>(request: unknown, type: abstract new (...args: never[]) => T): T {
  if (!(request instanceof type)) throw new RpcError(400, 'INPUT_REQUEST_INVALID');
  return request;
}
