/**
 * Users and names: users.getUsers (gramjs's getMe), users.getFullUser, contacts.resolveUsername
 * (getEntity('name')), and the caller's own account.updateStatus.
 */
import { Api } from 'telegram';
import { RpcError, type CallContext, type TlResult } from '../types';
import type { WorldState } from './state';
import { boolResult, expectRequest, renderEntities, renderPeerRef, renderUser, toLong, vectorOf } from './tl';

export function getUsers(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.users.GetUsers);
  const account = state.callerAccount(ctx);
  const options = state.renderOptions(ctx);
  return vectorOf(
    call.id.map((input) => {
      const user = state.resolveInputUser(account, input);
      // Telegram answers unknown (or wrong-hash) users with userEmpty rather than failing the batch.
      return user ? renderUser(user, options) : new Api.UserEmpty({ id: toLong(0n) });
    }),
  );
}

export function getFullUser(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.users.GetFullUser);
  const account = state.callerAccount(ctx);
  const user = state.resolveInputUser(account, call.id);
  if (!user) throw new RpcError(400, 'USER_ID_INVALID');
  const photo = user.photoId === undefined ? undefined : state.photos.get(user.photoId);
  return new Api.users.UserFull({
    fullUser: new Api.UserFull({
      id: toLong(user.id),
      about: user.bot ? `The ${user.firstName} bot of the local test DC.` : undefined,
      settings: new Api.PeerSettings({}),
      notifySettings: new Api.PeerNotifySettings({}),
      commonChatsCount: 0,
      phoneCallsAvailable: user.bot ? undefined : true,
      profilePhoto: photo
        ? new Api.Photo({
            id: toLong(photo.id),
            accessHash: toLong(photo.id ^ 0x5a5a5a5an),
            fileReference: Buffer.alloc(0),
            date: photo.date,
            sizes: [new Api.PhotoSize({ type: 'a', w: photo.side, h: photo.side, size: photo.jpeg.length })],
            dcId: ctx.dc.id,
          })
        : undefined,
    }),
    ...renderEntities([user], state.renderOptions(ctx)),
  });
}

/** The client's own online/offline report (gramjs and the app send it on focus changes). */
export function updateStatus(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.account.UpdateStatus);
  const account = state.callerAccount(ctx);
  const user = state.user(account.userId);
  if (user && !user.bot) user.status = call.offline ? { kind: 'offline', wasOnline: state.clock() } : { kind: 'online' };
  return boolResult(true);
}

/** @username -> peer, for users and public channels/supergroups (case-insensitive, as on Telegram). */
export function resolveUsername(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.contacts.ResolveUsername);
  state.callerAccount(ctx);
  const wanted = call.username.replace(/^@/, '').toLowerCase();
  for (const peer of state.peers.values()) {
    if (peer.kind === 'chat' || peer.username?.toLowerCase() !== wanted) continue;
    return new Api.contacts.ResolvedPeer({ peer: renderPeerRef(peer), ...renderEntities([peer], state.renderOptions(ctx)) });
  }
  throw new RpcError(400, 'USERNAME_NOT_OCCUPIED');
}
