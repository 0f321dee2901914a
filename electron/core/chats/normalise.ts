/** Telegram's messages (gramjs Api objects) → ChatMessage: text and entity offsets as sent, media as labels. */
import { Api } from 'telegram';
import { MAX_STRIPPED_BYTES } from '../../shared/stripped-thumb.js';
import type { ChatEntity, ChatMedia, ChatMessage, EntityType } from './model.js';

const ENTITY_TYPES: [new (...args: never[]) => Api.TypeMessageEntity, EntityType][] = [
  [Api.MessageEntityBold, 'bold'],
  [Api.MessageEntityItalic, 'italic'],
  [Api.MessageEntityUnderline, 'underline'],
  [Api.MessageEntityStrike, 'strike'],
  [Api.MessageEntityCode, 'code'],
  [Api.MessageEntityPre, 'pre'],
  [Api.MessageEntitySpoiler, 'spoiler'],
  [Api.MessageEntityUrl, 'url'],
  [Api.MessageEntityTextUrl, 'textUrl'],
  [Api.MessageEntityMention, 'mention'],
  [Api.MessageEntityHashtag, 'hashtag'],
];

export function peerKeyOf(peer: Api.TypePeer | undefined): string | undefined {
  if (peer instanceof Api.PeerUser) return `user:${peer.userId.toString()}`;
  if (peer instanceof Api.PeerChat) return `chat:${peer.chatId.toString()}`;
  if (peer instanceof Api.PeerChannel) return `channel:${peer.channelId.toString()}`;
  return undefined;
}

export function entitiesOf(entities: readonly Api.TypeMessageEntity[] | undefined, text: string): ChatEntity[] {
  const kept: ChatEntity[] = [];
  for (const entity of entities ?? []) {
    const type = ENTITY_TYPES.find(([cls]) => entity instanceof cls)?.[1];
    // Out-of-range offsets from a server are dropped rather than trusted.
    if (!type || entity.offset < 0 || entity.length <= 0 || entity.offset + entity.length > text.length) continue;
    kept.push({ type, offset: entity.offset, length: entity.length, ...(entity instanceof Api.MessageEntityTextUrl ? { url: entity.url } : {}) });
  }
  return kept;
}

/** The stripped thumbnail as base64, when it is one (version byte 1) and of a sane size. */
function strippedThumbOf(photo: Api.Photo): string | undefined {
  const stripped = photo.sizes.find((size): size is Api.PhotoStrippedSize => size instanceof Api.PhotoStrippedSize);
  const bytes = stripped ? Buffer.from(stripped.bytes) : undefined;
  return bytes && bytes.length >= 4 && bytes.length <= MAX_STRIPPED_BYTES && bytes[0] === 1 ? bytes.toString('base64') : undefined;
}

function mediaOf(media: Api.TypeMessageMedia | undefined): ChatMedia | undefined {
  if (!media || media instanceof Api.MessageMediaEmpty) return undefined;
  if (media instanceof Api.MessageMediaPhoto && media.photo instanceof Api.Photo) {
    const sizes = media.photo.sizes.filter((size): size is Api.PhotoSize => size instanceof Api.PhotoSize);
    const largest = sizes.at(-1);
    const thumb = strippedThumbOf(media.photo);
    return { kind: 'photo', photoId: media.photo.id.toString(), w: largest?.w ?? 0, h: largest?.h ?? 0, ...(thumb ? { thumb } : {}) };
  }
  if (media instanceof Api.MessageMediaDocument && media.document instanceof Api.Document) {
    const document = media.document;
    const size = Number(document.size.toString());
    for (const attribute of document.attributes) {
      if (attribute instanceof Api.DocumentAttributeSticker) return { kind: 'sticker', emoji: attribute.alt };
      if (attribute instanceof Api.DocumentAttributeAudio && attribute.voice) return { kind: 'voice', duration: attribute.duration, size };
      if (attribute instanceof Api.DocumentAttributeVideo) return { kind: 'video', duration: Math.round(attribute.duration), size };
    }
    const name = document.attributes.find((a): a is Api.DocumentAttributeFilename => a instanceof Api.DocumentAttributeFilename)?.fileName ?? 'file';
    return { kind: 'file', name, size };
  }
  if (media instanceof Api.MessageMediaGeo || media instanceof Api.MessageMediaGeoLive || media instanceof Api.MessageMediaVenue) return { kind: 'location' };
  if (media instanceof Api.MessageMediaPoll) {
    const question = media.poll.question;
    return { kind: 'poll', question: question instanceof Api.TextWithEntities ? question.text : String(question) };
  }
  return { kind: 'other' };
}

function serviceText(action: Api.TypeMessageAction): string {
  if (action instanceof Api.MessageActionChatCreate) return `created the group «${action.title}»`;
  if (action instanceof Api.MessageActionChannelCreate) return `created «${action.title}»`;
  if (action instanceof Api.MessageActionChatEditTitle) return `changed the title to «${action.title}»`;
  if (action instanceof Api.MessageActionChatAddUser) return 'added members';
  if (action instanceof Api.MessageActionChatDeleteUser) return 'removed a member';
  if (action instanceof Api.MessageActionPinMessage) return 'pinned a message';
  if (action instanceof Api.MessageActionChatJoinedByLink) return 'joined by link';
  return 'service message';
}

/** A message of the chat `chatKey` as the pane shows it; undefined for messageEmpty. */
export function normaliseMessage(message: Api.TypeMessage, chatKey: string): ChatMessage | undefined {
  if (message instanceof Api.MessageService) {
    return {
      id: message.id,
      state: 'sent',
      date: message.date,
      out: !!message.out,
      ...(message.fromId ? { fromKey: peerKeyOf(message.fromId) } : {}),
      text: '',
      entities: [],
      service: serviceText(message.action),
    };
  }
  if (!(message instanceof Api.Message)) return undefined;
  const text = message.message ?? '';
  const fromKey = peerKeyOf(message.fromId);
  const forwarded = message.fwdFrom;
  const media = mediaOf(message.media);
  return {
    id: message.id,
    state: 'sent',
    date: message.date,
    out: !!message.out,
    ...(fromKey && fromKey !== chatKey ? { fromKey } : {}),
    text,
    entities: entitiesOf(message.entities, text),
    ...(message.replyTo instanceof Api.MessageReplyHeader && message.replyTo.replyToMsgId ? { replyToId: message.replyTo.replyToMsgId } : {}),
    ...(forwarded ? { forwardedFrom: forwarded.fromName ?? peerKeyOf(forwarded.fromId) ?? 'unknown' } : {}),
    ...(message.editDate ? { editDate: message.editDate } : {}),
    ...(media ? { media } : {}),
  };
}

/** The chat a message belongs to, by its peer_id. */
export function chatKeyOf(message: Api.TypeMessage): string | undefined {
  return message instanceof Api.Message || message instanceof Api.MessageService ? peerKeyOf(message.peerId) : undefined;
}
