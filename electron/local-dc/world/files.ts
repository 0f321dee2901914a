/** upload.getFile for profile photos, with Telegram's offset/limit rules so clients that break them fail here too. */
import { Api } from 'telegram';
import { RpcError, type CallContext, type TlResult } from '../types';
import { peerKey } from './model';
import type { WorldState } from './state';
import { expectRequest, fromLong } from './tl';
import type { MessagePhoto } from './media-photos';

const MAX_LIMIT = 1024 * 1024;

/** Telegram's offset/limit rules: offsets on 1 KiB, limits 1 KiB multiples up to 1 MiB. */
function checkRange(call: Api.upload.GetFile): number {
  const offset = Number(fromLong(call.offset));
  if (offset < 0 || offset % 1024 !== 0) throw new RpcError(400, 'OFFSET_INVALID');
  if (call.limit <= 0 || call.limit > MAX_LIMIT || call.limit % 1024 !== 0) throw new RpcError(400, 'LIMIT_INVALID');
  return offset;
}

/** A size of a photo sent in a message: the access hash and file reference must match, as on Telegram. */
function messagePhotoPart(photo: MessagePhoto, location: Api.InputPhotoFileLocation, call: Api.upload.GetFile): TlResult {
  if (fromLong(location.accessHash) !== photo.accessHash) throw new RpcError(400, 'LOCATION_INVALID');
  if (!Buffer.from(location.fileReference).equals(photo.fileReference)) throw new RpcError(400, 'FILE_REFERENCE_EXPIRED');
  const size = photo.sizes.find((candidate) => candidate.type === location.thumbSize);
  if (!size) throw new RpcError(400, 'LOCATION_INVALID');
  const offset = checkRange(call);
  return new Api.upload.File({ type: new Api.storage.FileJpeg(), mtime: photo.date, bytes: size.jpeg.subarray(offset, offset + call.limit) });
}

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
    const sent = state.messagePhotos.get(photoId);
    if (sent) return messagePhotoPart(sent, location, call);
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
