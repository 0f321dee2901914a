/** upload.getFile for profile photos, with Telegram's offset/limit rules so clients that break them fail here too. */
import { Api } from 'telegram';
import { RpcError, type CallContext, type TlResult } from '../types';
import { peerKey } from './model';
import type { WorldState } from './state';
import { expectRequest, fromLong } from './tl';

const MAX_LIMIT = 1024 * 1024;

export function getFile(state: WorldState, request: unknown, ctx: CallContext): TlResult {
  const call = expectRequest(request, Api.upload.GetFile);
  const account = state.callerAccount(ctx);
  const location = call.location;
  let photoId: bigint;
  if (location instanceof Api.InputPeerPhotoFileLocation) {
    const owner = state.resolveInputPeer(account, location.peer);
    photoId = fromLong(location.photoId);
    // A photo is only reachable through the peer that has (or had) it.
    if (state.photos.get(photoId)?.owner !== peerKey(owner)) throw new RpcError(400, 'LOCATION_INVALID');
  } else if (location instanceof Api.InputPhotoFileLocation) {
    photoId = fromLong(location.id);
  } else {
    throw new RpcError(400, 'LOCATION_INVALID');
  }
  const photo = state.photos.get(photoId);
  if (!photo) throw new RpcError(400, 'LOCATION_INVALID');

  const offset = Number(fromLong(call.offset));
  if (offset < 0 || offset % 1024 !== 0) throw new RpcError(400, 'OFFSET_INVALID');
  if (call.limit <= 0 || call.limit > MAX_LIMIT || call.limit % 1024 !== 0) throw new RpcError(400, 'LIMIT_INVALID');
  return new Api.upload.File({
    type: new Api.storage.FileJpeg(),
    mtime: photo.date,
    bytes: photo.jpeg.subarray(offset, offset + call.limit),
  });
}
