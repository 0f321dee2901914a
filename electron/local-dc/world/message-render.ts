/**
 * World messages as Telegram's `message` / `messageService`: replies, forwards, media,
 * formatting entities, edit marks and service actions.
 */
import { Api } from 'telegram';
import type { Dialog, WorldMessage } from './model';
import type { ServiceAction, WorldEntity, WorldMedia } from './history-model';
import type { WorldState } from './state';
import { renderPeerRef, toLong } from './tl';

function renderEntity(entity: WorldEntity): Api.TypeMessageEntity {
  const at = { offset: entity.offset, length: entity.length };
  switch (entity.kind) {
    case 'bold':
      return new Api.MessageEntityBold(at);
    case 'italic':
      return new Api.MessageEntityItalic(at);
    case 'underline':
      return new Api.MessageEntityUnderline(at);
    case 'strike':
      return new Api.MessageEntityStrike(at);
    case 'code':
      return new Api.MessageEntityCode(at);
    case 'pre':
      return new Api.MessageEntityPre({ ...at, language: entity.language ?? '' });
    case 'spoiler':
      return new Api.MessageEntitySpoiler(at);
    case 'url':
      return new Api.MessageEntityUrl(at);
    case 'textUrl':
      return new Api.MessageEntityTextUrl({ ...at, url: entity.url ?? '' });
    case 'mention':
      return new Api.MessageEntityMention(at);
    case 'hashtag':
      return new Api.MessageEntityHashtag(at);
  }
}

/** A document's fields every placeholder kind shares; ids derive from the message so answers are stable. */
function documentOf(dcId: number, seed: bigint, mimeType: string, size: number, attributes: Api.TypeDocumentAttribute[]): Api.Document {
  return new Api.Document({
    id: toLong(seed),
    accessHash: toLong(seed * 31n),
    fileReference: Buffer.from(seed.toString(16).padStart(16, '0'), 'hex'),
    date: 0,
    mimeType,
    size: toLong(BigInt(size)),
    dcId,
    attributes,
  });
}

export function renderMedia(state: WorldState, media: WorldMedia, seed: bigint, dcId: number): Api.TypeMessageMedia {
  switch (media.kind) {
    case 'photo': {
      const photo = state.messagePhotos.get(media.photoId);
      if (!photo) return new Api.MessageMediaEmpty();
      return new Api.MessageMediaPhoto({
        photo: new Api.Photo({
          id: toLong(photo.id),
          accessHash: toLong(photo.accessHash),
          fileReference: photo.fileReference,
          date: photo.date,
          sizes: [
            new Api.PhotoStrippedSize({ type: 'i', bytes: Buffer.from(photo.stripped) }),
            ...photo.sizes.map((size) => new Api.PhotoSize({ type: size.type, w: size.w, h: size.h, size: size.jpeg.length })),
          ],
          dcId,
        }),
      });
    }
    case 'video':
      return new Api.MessageMediaDocument({
        document: documentOf(dcId, seed, 'video/mp4', media.size, [
          new Api.DocumentAttributeVideo({ duration: media.duration, w: media.w, h: media.h, supportsStreaming: true }),
          new Api.DocumentAttributeFilename({ fileName: 'video.mp4' }),
        ]),
      });
    case 'voice':
      return new Api.MessageMediaDocument({
        voice: true,
        document: documentOf(dcId, seed, 'audio/ogg', media.size, [new Api.DocumentAttributeAudio({ voice: true, duration: media.duration })]),
      });
    case 'file':
      return new Api.MessageMediaDocument({
        document: documentOf(dcId, seed, media.mimeType, media.size, [new Api.DocumentAttributeFilename({ fileName: media.fileName })]),
      });
    case 'sticker':
      return new Api.MessageMediaDocument({
        document: documentOf(dcId, seed, 'image/webp', media.size, [
          new Api.DocumentAttributeSticker({ alt: media.emoji, stickerset: new Api.InputStickerSetEmpty() }),
          new Api.DocumentAttributeImageSize({ w: 512, h: 512 }),
        ]),
      });
    case 'location':
      return new Api.MessageMediaGeo({ geo: new Api.GeoPoint({ lat: media.lat, long: media.long, accessHash: toLong(seed) }) });
    case 'poll':
      return new Api.MessageMediaPoll({
        poll: new Api.Poll({
          id: toLong(seed),
          question: new Api.TextWithEntities({ text: media.question, entities: [] }),
          answers: media.answers.map((text, index) => new Api.PollAnswer({ text: new Api.TextWithEntities({ text, entities: [] }), option: Buffer.from([index]) })),
        }),
        results: new Api.PollResults({}),
      });
  }
}

function renderAction(action: ServiceAction): Api.TypeMessageAction {
  switch (action.kind) {
    case 'chatCreate':
      return new Api.MessageActionChatCreate({ title: action.title, users: action.userIds.map(toLong) });
    case 'chatEditTitle':
      return new Api.MessageActionChatEditTitle({ title: action.title });
    case 'chatAddUser':
      return new Api.MessageActionChatAddUser({ users: action.userIds.map(toLong) });
    case 'pinMessage':
      return new Api.MessageActionPinMessage();
    case 'channelCreate':
      return new Api.MessageActionChannelCreate({ title: action.title });
  }
}

const isBroadcast = (state: WorldState, dialog: Dialog): boolean =>
  dialog.peer.kind === 'channel' && state.channel(dialog.peer.id)?.broadcast === true;

/** One message as the account owning `dialog` sees it. */
export function renderWorldMessage(state: WorldState, dialog: Dialog, message: WorldMessage, dcId = 2): Api.Message | Api.MessageService {
  const post = isBroadcast(state, dialog);
  // Private chats carry the author only implicitly (peer_id + out); groups name each member.
  const fromId = post || dialog.peer.kind === 'user' ? undefined : new Api.PeerUser({ userId: toLong(message.fromId) });
  const rich = message.rich ?? {};
  const replyTo = rich.replyToId === undefined ? undefined : new Api.MessageReplyHeader({ replyToMsgId: rich.replyToId });
  if (rich.action) {
    return new Api.MessageService({
      id: message.id,
      out: message.out || undefined,
      post: post || undefined,
      fromId,
      peerId: renderPeerRef(dialog.peer),
      replyTo,
      date: message.date,
      action: renderAction(rich.action),
    });
  }
  const forwarded = rich.forwarded;
  return new Api.Message({
    id: message.id,
    out: message.out || undefined,
    post: post || undefined,
    fromId,
    peerId: renderPeerRef(dialog.peer),
    fwdFrom: forwarded
      ? new Api.MessageFwdHeader({
          fromId: forwarded.fromId ? renderPeerRef(forwarded.fromId) : undefined,
          fromName: forwarded.fromId ? undefined : forwarded.fromName,
          date: forwarded.date,
        })
      : undefined,
    replyTo,
    date: message.date,
    message: message.text,
    media: rich.media ? renderMedia(state, rich.media, BigInt(message.id) * 1_000_003n + dialog.peer.id, dcId) : undefined,
    entities: rich.entities?.map(renderEntity),
    editDate: rich.editDate,
  });
}

/** Whether the short update forms (updateShortMessage / updateShortChatMessage) can carry it. */
export function fitsShortUpdate(message: WorldMessage): boolean {
  const rich = message.rich;
  return !rich || (rich.media === undefined && rich.action === undefined && rich.forwarded === undefined);
}
