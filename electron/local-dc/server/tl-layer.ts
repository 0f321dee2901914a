/**
 * Answering each client in the TL layer it declared (invokeWithLayer), as Telegram does.
 *
 * The world builds gramjs `Api` objects, which serialise as layer 198. A client on a newer layer
 * cannot parse the constructors that changed since (user, channel, message, dialog, ...): it
 * drops the answer as an unknown object, reconnects and resends the call. So for clients at or
 * above LAYER_227 those constructors are written from their layer-227 definitions (LAYER_227_TYPES),
 * and the few requests whose layout changed are read from theirs (LAYER_227_REQUESTS).
 * Between 199 and 226 clients get layer 198 (what gramjs speaks); newer ones get 227.
 */
import { Api } from 'telegram';
import { BinaryReader } from 'telegram/extensions/BinaryReader.js';
import { serializeBytes } from 'telegram/tl/index.js';

export const BASE_LAYER = 198;
export const LAYER_227 = 227;

interface Arg {
  readonly name: string;
  readonly type: string;
  readonly vector: boolean;
  readonly flag?: { readonly field: string; readonly bit: number };
}
interface Def {
  readonly id: number;
  readonly args: readonly Arg[];
}

const camel = (snake: string) => snake.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** `name#id a:# b:flags.3?true c:Vector<long> ...` (Telegram's TL schema notation). */
function parseDef(line: string): [string, Def] {
  const [head, ...params] = line.trim().split(/\s+/);
  const [name, hex] = head!.split('#');
  const args = params.map((param): Arg => {
    const [argName, spec] = param.split(':') as [string, string];
    const conditional = /^(\w+)\.(\d+)\?(.+)$/.exec(spec);
    const type = conditional ? conditional[3]! : spec;
    const vector = /^Vector<(.+)>$/.exec(type);
    return {
      name: camel(argName),
      type: vector ? vector[1]! : type,
      vector: !!vector,
      ...(conditional ? { flag: { field: camel(conditional[1]!), bit: Number(conditional[2]) } } : {}),
    };
  });
  return [name!, { id: parseInt(hex!, 16), args }];
}

/** gramjs class name -> layer-227 definition, for the answers whose constructors changed after 198. */
const LAYER_227_TYPES: ReadonlyMap<string, Def> = new Map(
  [
    ['User', 'user#31774388 flags:# self:flags.10?true contact:flags.11?true mutual_contact:flags.12?true deleted:flags.13?true bot:flags.14?true bot_chat_history:flags.15?true bot_nochats:flags.16?true verified:flags.17?true restricted:flags.18?true min:flags.20?true bot_inline_geo:flags.21?true support:flags.23?true scam:flags.24?true apply_min_photo:flags.25?true fake:flags.26?true bot_attach_menu:flags.27?true premium:flags.28?true attach_menu_enabled:flags.29?true flags2:# bot_can_edit:flags2.1?true close_friend:flags2.2?true stories_hidden:flags2.3?true stories_unavailable:flags2.4?true contact_require_premium:flags2.10?true bot_business:flags2.11?true bot_has_main_app:flags2.13?true id:long access_hash:flags.0?long first_name:flags.1?string last_name:flags.2?string username:flags.3?string phone:flags.4?string photo:flags.5?UserProfilePhoto status:flags.6?UserStatus bot_info_version:flags.14?int restriction_reason:flags.18?Vector<RestrictionReason> bot_inline_placeholder:flags.19?string lang_code:flags.22?string emoji_status:flags.30?EmojiStatus usernames:flags2.0?Vector<Username> stories_max_id:flags2.5?RecentStory color:flags2.8?PeerColor profile_color:flags2.9?PeerColor bot_active_users:flags2.12?int bot_verification_icon:flags2.14?long send_paid_messages_stars:flags2.15?long'],
    ['Channel', 'channel#1c32b11c flags:# creator:flags.0?true left:flags.2?true broadcast:flags.5?true verified:flags.7?true megagroup:flags.8?true restricted:flags.9?true signatures:flags.11?true min:flags.12?true scam:flags.19?true has_link:flags.20?true has_geo:flags.21?true slowmode_enabled:flags.22?true call_active:flags.23?true call_not_empty:flags.24?true fake:flags.25?true gigagroup:flags.26?true noforwards:flags.27?true join_to_send:flags.28?true join_request:flags.29?true forum:flags.30?true flags2:# stories_hidden:flags2.1?true stories_hidden_min:flags2.2?true stories_unavailable:flags2.3?true signature_profiles:flags2.12?true autotranslation:flags2.15?true broadcast_messages_allowed:flags2.16?true monoforum:flags2.17?true forum_tabs:flags2.19?true id:long access_hash:flags.13?long title:string username:flags.6?string photo:ChatPhoto date:int restriction_reason:flags.9?Vector<RestrictionReason> admin_rights:flags.14?ChatAdminRights banned_rights:flags.15?ChatBannedRights default_banned_rights:flags.18?ChatBannedRights participants_count:flags.17?int usernames:flags2.0?Vector<Username> stories_max_id:flags2.4?RecentStory color:flags2.7?PeerColor profile_color:flags2.8?PeerColor emoji_status:flags2.9?EmojiStatus level:flags2.10?int subscription_until_date:flags2.11?int bot_verification_icon:flags2.13?long send_paid_messages_stars:flags2.14?long linked_monoforum_id:flags2.18?long'],
    ['Message', 'message#7600b9d3 flags:# out:flags.1?true mentioned:flags.4?true media_unread:flags.5?true silent:flags.13?true post:flags.14?true from_scheduled:flags.18?true legacy:flags.19?true edit_hide:flags.21?true pinned:flags.24?true noforwards:flags.26?true invert_media:flags.27?true flags2:# offline:flags2.1?true video_processing_pending:flags2.4?true id:int from_id:flags.8?Peer from_boosts_applied:flags.29?int from_rank:flags2.12?string peer_id:Peer saved_peer_id:flags.28?Peer fwd_from:flags.2?MessageFwdHeader via_bot_id:flags.11?long via_business_bot_id:flags2.0?long reply_to:flags.3?MessageReplyHeader date:int message:string media:flags.9?MessageMedia reply_markup:flags.6?ReplyMarkup entities:flags.7?Vector<MessageEntity> views:flags.10?int forwards:flags.10?int replies:flags.23?MessageReplies edit_date:flags.15?int post_author:flags.16?string grouped_id:flags.17?long reactions:flags.20?MessageReactions restriction_reason:flags.22?Vector<RestrictionReason> ttl_period:flags.25?int quick_reply_shortcut_id:flags.30?int effect:flags2.2?long factcheck:flags2.3?FactCheck report_delivery_until_date:flags2.5?int paid_message_stars:flags2.6?long'],
    ['MessageService', 'messageService#7a800e0a flags:# out:flags.1?true mentioned:flags.4?true media_unread:flags.5?true reactions_are_possible:flags.9?true silent:flags.13?true post:flags.14?true legacy:flags.19?true id:int from_id:flags.8?Peer peer_id:Peer saved_peer_id:flags.28?Peer reply_to:flags.3?MessageReplyHeader date:int action:MessageAction reactions:flags.20?MessageReactions ttl_period:flags.25?int'],
    ['MessageMediaPhoto', 'messageMediaPhoto#e216eb63 flags:# spoiler:flags.3?true photo:flags.0?Photo ttl_seconds:flags.2?int'],
    ['MessageMediaPoll', 'messageMediaPoll#773f4e66 flags:# poll:Poll results:PollResults'],
    ['Poll', 'poll#966e2dbf id:long flags:# closed:flags.0?true public_voters:flags.1?true multiple_choice:flags.2?true quiz:flags.3?true question:TextWithEntities answers:Vector<PollAnswer> close_period:flags.4?int close_date:flags.5?int hash:long'],
    ['PollAnswer', 'pollAnswer#4b7d786a flags:# text:TextWithEntities option:bytes'],
    ['PollResults', 'pollResults#ba7bb15e flags:# min:flags.0?true results:flags.1?Vector<PollAnswerVoters> total_voters:flags.2?int recent_voters:flags.3?Vector<Peer> solution:flags.4?string solution_entities:flags.4?Vector<MessageEntity>'],
    ['Dialog', 'dialog#fc89f7f3 flags:# pinned:flags.2?true unread_mark:flags.3?true view_forum_as_messages:flags.6?true peer:Peer top_message:int read_inbox_max_id:int read_outbox_max_id:int unread_count:int unread_mentions_count:int unread_reactions_count:int unread_poll_votes_count:int notify_settings:PeerNotifySettings pts:flags.0?int draft:flags.1?DraftMessage folder_id:flags.4?int ttl_period:flags.5?int'],
    ['MessageReplyHeader', 'messageReplyHeader#1b97dd66 flags:# reply_to_scheduled:flags.2?true forum_topic:flags.3?true quote:flags.9?true reply_to_msg_id:flags.4?int reply_to_peer_id:flags.0?Peer reply_from:flags.5?MessageFwdHeader reply_media:flags.8?MessageMedia reply_to_top_id:flags.1?int quote_text:flags.6?string quote_entities:flags.7?Vector<MessageEntity> quote_offset:flags.10?int'],
    ['PeerSettings', 'peerSettings#f47741f7 flags:# report_spam:flags.0?true add_contact:flags.1?true block_contact:flags.2?true share_contact:flags.3?true need_contacts_exception:flags.4?true report_geo:flags.5?true autoarchived:flags.7?true invite_members:flags.8?true request_chat_broadcast:flags.10?true geo_distance:flags.6?int request_chat_title:flags.9?string request_chat_date:flags.9?int'],
    ['messages.Messages', 'messages.messages#1d73e7ea messages:Vector<Message> topics:Vector<ForumTopic> chats:Vector<Chat> users:Vector<User>'],
    ['messages.MessagesSlice', 'messages.messagesSlice#5f206716 flags:# inexact:flags.1?true count:int next_rate:flags.0?int offset_id_offset:flags.2?int messages:Vector<Message> topics:Vector<ForumTopic> chats:Vector<Chat> users:Vector<User>'],
    ['UpdateUserTyping', 'updateUserTyping#2a17bf5c flags:# user_id:long top_msg_id:flags.0?int action:SendMessageAction'],
    ['UpdateReadHistoryInbox', 'updateReadHistoryInbox#9e84bc99 flags:# folder_id:flags.0?int peer:Peer top_msg_id:flags.1?int max_id:int still_unread_count:int pts:int pts_count:int'],
  ].map(([className, line]) => [className!, parseDef(line!)[1]]),
);

/** Layer-227 requests whose layout differs from 198, read into the gramjs request the world handles. */
const LAYER_227_REQUESTS: ReadonlyMap<number, { build: (fields: Record<string, unknown>) => unknown; def: Def }> = new Map(
  (
    [
      [(f: Record<string, unknown>) => new Api.messages.SendMessage(f as never), 'messages.sendMessage#fef48f62 flags:# no_webpage:flags.1?true silent:flags.5?true background:flags.6?true clear_draft:flags.7?true noforwards:flags.14?true update_stickersets_order:flags.15?true invert_media:flags.16?true allow_paid_floodskip:flags.19?true peer:InputPeer reply_to:flags.0?InputReplyTo message:string random_id:long reply_markup:flags.2?ReplyMarkup entities:flags.3?Vector<MessageEntity> schedule_date:flags.10?int schedule_repeat_period:flags.24?int send_as:flags.13?InputPeer quick_reply_shortcut:flags.17?InputQuickReplyShortcut effect:flags.18?long allow_paid_stars:flags.21?long suggested_post:flags.22?SuggestedPost rich_message:flags.23?InputRichMessage'],
      [(f: Record<string, unknown>) => new Api.messages.EditMessage(f as never), 'messages.editMessage#b106e66c flags:# no_webpage:flags.1?true invert_media:flags.16?true peer:InputPeer id:int message:flags.11?string media:flags.14?InputMedia reply_markup:flags.2?ReplyMarkup entities:flags.3?Vector<MessageEntity> schedule_date:flags.15?int schedule_repeat_period:flags.18?int quick_reply_shortcut_id:flags.17?int rich_message:flags.23?InputRichMessage'],
      [(f: Record<string, unknown>) => new Api.InputReplyToMessage(f as never), 'inputReplyToMessage#3bd4b7c2 flags:# reply_to_msg_id:int top_msg_id:flags.0?int reply_to_peer_id:flags.1?InputPeer quote_text:flags.2?string quote_entities:flags.3?Vector<MessageEntity> quote_offset:flags.4?int monoforum_peer_id:flags.5?InputPeer todo_item_id:flags.6?int poll_option:flags.7?bytes'],
    ] as const
  ).map(([build, line]) => {
    const def = parseDef(line)[1];
    return [def.id, { build, def }];
  }),
);

// ---- writing ----

const VECTOR = 0x1cb5c415;
const int32 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value >>> 0, 0);
  return bytes;
};
const int64 = (value: unknown) => {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64LE(BigInt.asIntN(64, BigInt(String(value ?? 0))), 0);
  return bytes;
};

function writeValue(type: string, value: unknown): Buffer {
  switch (type) {
    case 'int':
      return int32(Number(value ?? 0));
    case 'long':
      return int64(value);
    case 'double': {
      const bytes = Buffer.alloc(8);
      bytes.writeDoubleLE(Number(value ?? 0), 0);
      return bytes;
    }
    case 'string':
      return serializeBytes(String(value ?? ''));
    case 'bytes':
      return serializeBytes(Buffer.isBuffer(value) ? value : Buffer.alloc(0));
    case 'Bool':
      return int32(value ? 0x997275b5 : 0xbc799737);
    default:
      if (!value || typeof (value as { getBytes?: unknown }).getBytes !== 'function') throw new Error(`layer ${LAYER_227}: no value for a ${type}`);
      return (value as { getBytes(): Buffer }).getBytes();
  }
}

function writeWithDef(object: Record<string, unknown>, def: Def): Buffer {
  const present = (arg: Arg) => {
    const value = object[arg.name];
    return arg.type === 'true' ? value === true : value !== undefined && value !== null;
  };
  const flags = new Map<string, number>();
  for (const arg of def.args) {
    if (arg.flag && present(arg)) flags.set(arg.flag.field, (flags.get(arg.flag.field) ?? 0) | (1 << arg.flag.bit));
  }
  const parts: Buffer[] = [int32(def.id)];
  for (const arg of def.args) {
    if (arg.type === '#') {
      parts.push(int32(flags.get(arg.name) ?? 0));
      continue;
    }
    if (arg.flag && !present(arg)) continue;
    if (arg.type === 'true') continue;
    const value = object[arg.name];
    if (arg.vector) {
      const items = Array.isArray(value) ? value : [];
      parts.push(int32(VECTOR), int32(items.length), ...items.map((item) => writeValue(arg.type, item)));
    } else {
      parts.push(writeValue(arg.type, value));
    }
  }
  return Buffer.concat(parts);
}

/**
 * `result`'s bytes in the client's layer: every object in it whose constructor changed gets, for
 * the duration of this call, an own getBytes() writing the new layout (gramjs's parents call
 * their children's getBytes). World objects are shared between clients, so nothing stays patched.
 */
export function bytesForLayer(result: { getBytes(): Buffer }, layer: number | undefined): Buffer {
  if (layer === undefined || layer < LAYER_227) return result.getBytes();
  const patched: object[] = [];
  const seen = new Set<object>();
  const visit = (value: unknown) => {
    if (!value || typeof value !== 'object' || seen.has(value) || Buffer.isBuffer(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    for (const child of Object.values(value)) visit(child);
    const className = (value as { className?: string }).className;
    const def = className ? LAYER_227_TYPES.get(className) : undefined;
    if (def) {
      Object.defineProperty(value, 'getBytes', { value: () => writeWithDef(value as Record<string, unknown>, def), configurable: true });
      patched.push(value);
    }
  };
  visit(result);
  try {
    return result.getBytes();
  } finally {
    for (const value of patched) delete (value as { getBytes?: unknown }).getBytes;
  }
}

// ---- reading ----

/** A gramjs BinaryReader that also knows the layer-227 forms of the requests whose layout changed. */
export class LayeredReader extends BinaryReader {
  override tgReadObject(): any {
    const id = this.readInt(false);
    const request = LAYER_227_REQUESTS.get(id);
    if (!request) {
      this.seek(-4);
      return super.tgReadObject();
    }
    return request.build(this.readWithDef(request.def));
  }

  private readWithDef(def: Def): Record<string, unknown> {
    const fields: Record<string, unknown> = {};
    const flags = new Map<string, number>();
    for (const arg of def.args) {
      if (arg.type === '#') {
        flags.set(arg.name, this.readInt(false));
        continue;
      }
      if (arg.flag && ((flags.get(arg.flag.field) ?? 0) & (1 << arg.flag.bit)) === 0) continue;
      if (arg.type === 'true') {
        fields[arg.name] = true;
        continue;
      }
      if (arg.vector) {
        if (this.readInt(false) !== VECTOR) throw new Error('expected a vector');
        const count = this.readInt();
        fields[arg.name] = Array.from({ length: count }, () => this.readValue(arg.type));
      } else {
        fields[arg.name] = this.readValue(arg.type);
      }
    }
    return fields;
  }

  private readValue(type: string): unknown {
    switch (type) {
      case 'int':
        return this.readInt();
      case 'long':
        return this.readLong();
      case 'double':
        return this.readDouble();
      case 'string':
        return this.tgReadString();
      case 'bytes':
        return this.tgReadBytes();
      case 'Bool':
        return this.tgReadBool();
      default:
        return this.tgReadObject();
    }
  }
}
