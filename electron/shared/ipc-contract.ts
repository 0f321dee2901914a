/**
 * THE list of IPC channels between the renderer and the main process.
 *
 * Every request channel names a zod schema for its argument and for its result; every push
 * event names a schema for its payload. The preload, the router, the renderer's typed API and
 * the browser test bridge are all derived from this file, so a channel exists exactly when it
 * is listed here. Schemas are strict: an unknown field is an error, not something ignored.
 *
 * This file runs in the main process, the preload and the renderer, so it imports nothing but zod.
 */
import { z } from 'zod';
import { CATEGORIES } from './categories.js';
import { LANGUAGE_SETTINGS } from './locales.js';
import { methodName, type MethodName } from './method-names.js';

export { methodName };

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

export { CATEGORIES };
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

/** What the switcher asks for unless the user picks otherwise (forwards are rarely what one jumps to). */
export const DEFAULT_CATEGORIES: readonly Category[] = CATEGORIES.filter((category) => !category.startsWith('forward_'));

/**
 * `user:123`, `chat:7` (basic group) or `channel:9` (supergroup or broadcast channel): Telegram's bare
 * ids; `@2`…`@5` names the account for every account but the first (shared/peer-key.ts).
 */
export const PeerKey = z.string().regex(/^(user|chat|channel):[1-9][0-9]{0,18}(@[2-5])?$/, 'not a peer key');
export type PeerKey = z.infer<typeof PeerKey>;

export const PeerKind = z.enum(['user', 'bot', 'group', 'supergroup', 'channel']);
export type PeerKind = z.infer<typeof PeerKind>;

const Title = z.string().max(256);
/** Which signed-in account a row belongs to (1–5); present only while more than one is signed in. */
export const AccountId = z.number().int().min(1).max(5);
export type AccountId = z.infer<typeof AccountId>;
const Timestamp = z.number().int().nonnegative(); // ms since the epoch

/** One top peer, normalised and deduplicated across categories. */
export const Peer = z.strictObject({
  key: PeerKey,
  kind: PeerKind,
  title: Title,
  firstName: Title.optional(),
  lastName: Title.optional(),
  username: z.string().max(64).optional(),
  isSelf: z.boolean(),
  verified: z.boolean(),
  premium: z.boolean(),
  deleted: z.boolean(),
  /** Opaque id of the current small profile photo; fetch it with `peers:avatar`. */
  photoId: z.string().max(32).optional(),
  /** Rating in each category the peer appears in. */
  categories: z.partialRecord(Category, z.number().finite()),
  /** Known only for users the core has a status for. */
  online: z.boolean().optional(),
  unreadCount: z.number().int().nonnegative().optional(),
  /** Last time the user opened this peer from TopSwitch (local recency, for ranking). */
  lastOpenedAt: Timestamp.optional(),
  account: AccountId.optional(),
});
export type Peer = z.infer<typeof Peer>;

export const TopPeersSnapshot = z.strictObject({
  /** 'ok': a list; 'disabled': the user turned suggestions off on Telegram; 'empty': nothing cached yet. */
  status: z.enum(['ok', 'disabled', 'empty']),
  peers: z.array(Peer),
  categories: z.array(Category),
  /** When the list last changed (a full answer), and when the server was last asked (also NotModified). */
  fetchedAt: Timestamp.nullable(),
  checkedAt: Timestamp.nullable(),
});
export type TopPeersSnapshot = z.infer<typeof TopPeersSnapshot>;

/** One entry of the user's chat list (messages.getDialogs), or a contacts.search result. */
export const Chat = z.strictObject({
  key: PeerKey,
  kind: PeerKind,
  title: Title,
  firstName: Title.optional(),
  lastName: Title.optional(),
  username: z.string().max(64).optional(),
  isSelf: z.boolean(),
  verified: z.boolean(),
  deleted: z.boolean(),
  /** Opaque id of the current small profile photo; fetch it with `peers:avatar`. */
  photoId: z.string().max(32).optional(),
  unreadCount: z.number().int().nonnegative(),
  muted: z.boolean(),
  /** Pinned in its folder on Telegram (not TopSwitch's own pins, which live in the renderer). */
  pinned: z.boolean(),
  /** In the archive (folder 1). */
  archived: z.boolean(),
  /** The top message's date; null for a search result that is not in the list. */
  lastMessageAt: Timestamp.nullable(),
  account: AccountId.optional(),
});
export type Chat = z.infer<typeof Chat>;

/** The whole chat list: the main list in Telegram's order (pins first), then the archive. */
export const ChatList = z.strictObject({
  /** 'ok': a list (possibly cached); 'empty': nothing fetched yet. */
  status: z.enum(['ok', 'empty']),
  chats: z.array(Chat),
  fetchedAt: Timestamp.nullable(),
  checkedAt: Timestamp.nullable(),
});
export type ChatList = z.infer<typeof ChatList>;

/** contacts.search: your own chats and contacts ('mine'), then public peers ('global'). */
export const ChatSearchResult = z.strictObject({
  query: z.string().max(128),
  /** 'cancelled': a newer search (or chats:cancelSearch) replaced this one before it answered. */
  status: z.enum(['ok', 'cancelled']),
  mine: z.array(Chat),
  global: z.array(Chat),
});
export type ChatSearchResult = z.infer<typeof ChatSearchResult>;

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

export const ERROR_CODES = [
  'INVALID_ARGUMENT', // the renderer sent something the schema refuses
  'FORBIDDEN_SENDER', // the call did not come from the app's own main frame
  'UNKNOWN_CHANNEL',
  'NOT_LOGGED_IN',
  'NEEDS_CREDENTIALS',
  'WRONG_STEP', // a login call that does not fit the current step
  'PHONE_NUMBER_INVALID',
  'PHONE_NUMBER_UNOCCUPIED',
  'PHONE_CODE_INVALID',
  'PHONE_CODE_EXPIRED',
  'PASSWORD_INVALID',
  'BOT_ACCOUNT', // TopSwitch needs a user account
  'API_ID_INVALID',
  'RATE_LIMITED',
  'NETWORK',
  'TIMEOUT',
  'TOP_PEERS_DISABLED',
  'PEER_NOT_FOUND',
  'SECRET_STORAGE_UNAVAILABLE',
  'HOTKEY_UNAVAILABLE',
  'ACCOUNT_LIMIT', // already five accounts signed in
  'ACCOUNT_NOT_FOUND', // no signed-in account by that number or phone
  'TELEGRAM', // any other rpc_error, with Telegram's message
  'INTERNAL',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const IpcError = z.strictObject({
  code: ErrorCode,
  message: z.string().max(2000),
  /** For RATE_LIMITED (and NETWORK when a retry is scheduled): when trying again makes sense. */
  retryAt: Timestamp.optional(),
});
export type IpcError = z.infer<typeof IpcError>;

/** Why a write to the data folder failed, when the user can fix it (the system's own error code). */
export const StorageProblem = z.enum(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM']);
export type StorageProblem = z.infer<typeof StorageProblem>;

/** The connection to Telegram as the user should see it. */
export const SyncStatus = z.strictObject({
  state: z.enum(['idle', 'refreshing', 'offline', 'rate-limited', 'error']),
  /** For 'offline' and 'rate-limited': when the next attempt happens. */
  retryAt: Timestamp.optional(),
  /** For 'error' and 'offline': what went wrong, in English words (the CLI and the log say these). */
  message: z.string().max(1000).optional(),
  /** For 'error': the failure's code, so a screen can say it in the user's language. */
  code: ErrorCode.optional(),
  /** For 'error' from a failed write: which problem with the disk, to be said in the user's language. */
  storage: StorageProblem.optional(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const CodeDelivery = z.enum(['app', 'sms', 'call', 'flash-call', 'missed-call', 'email', 'fragment', 'other']);
export type CodeDelivery = z.infer<typeof CodeDelivery>;

/** Where a login currently stands; the UI and the CLI both drive this state machine. */
export const LoginStep = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('phone') }),
  z.strictObject({
    step: z.literal('code'),
    phone: z.string().max(32),
    delivery: CodeDelivery,
    codeLength: z.number().int().positive().optional(),
    /** How a resend would be delivered, if Telegram offers one. */
    nextDelivery: CodeDelivery.optional(),
    /** When "resend" becomes available. */
    resendAt: Timestamp.optional(),
  }),
  z.strictObject({ step: z.literal('password'), hint: z.string().max(256).optional() }),
  z.strictObject({
    step: z.literal('qr'),
    /** `tg://login?token=…`, to be shown as a QR code; it is replaced before it expires. */
    url: z.string().max(512),
    expiresAt: Timestamp,
  }),
]);
export type LoginStep = z.infer<typeof LoginStep>;

export const SelfUser = z.strictObject({
  key: PeerKey,
  title: Title,
  username: z.string().max(64).optional(),
});
export type SelfUser = z.infer<typeof SelfUser>;

export const SessionState = z.discriminatedUnion('status', [
  /** First run: no api_id/api_hash yet; the user enters them or tries the demo. */
  z.strictObject({ status: z.literal('needs-credentials') }),
  z.strictObject({ status: z.literal('connecting'), demo: z.boolean() }),
  z.strictObject({ status: z.literal('logged-out'), demo: z.boolean(), login: LoginStep }),
  z.strictObject({ status: z.literal('ready'), demo: z.boolean(), user: SelfUser }),
]);
export type SessionState = z.infer<typeof SessionState>;

/** One signed-in (or signing-in) account: what the switcher's row marks and Settings lists. */
export const AccountSummary = z.strictObject({
  id: AccountId,
  status: z.enum(['needs-credentials', 'connecting', 'logged-out', 'ready']),
  demo: z.boolean(),
  /** The account's own name once logged in (its initial marks its rows). */
  title: Title.optional(),
  username: z.string().max(64).optional(),
  phone: z.string().max(32).optional(),
  sync: SyncStatus,
});
export type AccountSummary = z.infer<typeof AccountSummary>;

export const AccountsState = z.strictObject({
  /** Signed-in accounts by id; the one being added is listed too, with its login status. */
  accounts: z.array(AccountSummary).max(5),
  /** The account the login screens are signing in (Settings → Add account), else null. */
  adding: AccountId.nullable(),
  max: z.literal(5),
});
export type AccountsState = z.infer<typeof AccountsState>;

export const Theme = z.enum(['system', 'light', 'dark']);
/** 'system' follows the OS's preferred languages; a locale pins the UI (renderer and shell) to it. */
export const Language = z.enum(LANGUAGE_SETTINGS);

export const Settings = z.strictObject({
  /** 1 minute to 24 hours; the scheduler adds jitter. */
  refreshIntervalMinutes: z.number().int().min(1).max(1440),
  categories: z.array(Category).min(1).max(CATEGORIES.length),
  /** An Electron accelerator, e.g. `CommandOrControl+Alt+K`. */
  hotkey: z.string().min(1).max(64),
  theme: Theme,
  language: Language,
  launchAtLogin: z.boolean(),
  /** The local HTTP API for scripts and launchers (loopback, bearer token); off unless switched on. */
  localApi: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  refreshIntervalMinutes: 10,
  categories: [...DEFAULT_CATEGORIES],
  hotkey: 'CommandOrControl+Alt+K',
  theme: 'system',
  language: 'system',
  launchAtLogin: false,
  localApi: false,
};

/** On macOS Ctrl+Alt+K reads oddly and Cmd+Shift+K is the habit; elsewhere the contract's default. */
export const MAC_DEFAULT_HOTKEY = 'Command+Shift+K';

/** The hotkey a platform's user expects out of the box: the one place that says so (settings and shell both read it). */
export function defaultHotkeyFor(platform: string): string {
  return platform === 'darwin' ? MAC_DEFAULT_HOTKEY : DEFAULT_SETTINGS.hotkey;
}

/** The defaults as this platform's user expects them. */
export function defaultSettingsFor(platform: string): Settings {
  return { ...DEFAULT_SETTINGS, categories: [...DEFAULT_SETTINGS.categories], hotkey: defaultHotkeyFor(platform) };
}

/**
 * Whether the system-wide shortcut really works, as far as the shell can tell, and the way in
 * that always works: a command the desktop can bind to a key of its own.
 */
export const HotkeyStatus = z.strictObject({
  /**
   * 'registered': the OS confirmed it; 'unconfirmed': asked for, but the OS cannot say whether it
   * took (Wayland portals, X11 grabs); 'unavailable': it will not work here; 'none': this host has
   * no desktop shortcut (CLI, browser mode).
   */
  state: z.enum(['registered', 'unconfirmed', 'unavailable', 'none']),
  accelerator: z.string().max(64).nullable(),
  /** What is going on, in plain words. */
  message: z.string().max(1000),
  /** The exact command that toggles the switcher, for a custom desktop shortcut; null when not useful. */
  command: z.string().max(2048).nullable(),
  /** One line on where this desktop keeps custom shortcuts. */
  where: z.string().max(500).nullable(),
  /** No tray icon host on this desktop: closing the window quits TopSwitch. */
  trayMissing: z.boolean(),
});
export type HotkeyStatus = z.infer<typeof HotkeyStatus>;


// ---------------------------------------------------------------------------------------------
// Revisions: the one state protocol
// ---------------------------------------------------------------------------------------------

/**
 * Every snapshot the core sends, a read's answer or a push, carries a revision from one counter
 * the core only increases: an answer takes its tick as the core starts answering, a push as it is
 * sent. Whoever holds a snapshot (a renderer store, the preload's early reads) takes a new one only
 * if its revision is newer than the one it holds. So an answer that was under way while a push went
 * out is older than that push, whichever of the two arrives first, and is dropped; the push (the
 * core pushes every change of what it pushes) already holds what the answer knew. The router and
 * the EventBus stamp revisions (electron/core/router.ts): no handler thinks about them, and a
 * transport passes them on untouched, as part of the envelope and of the push message.
 */
export type Revision = number;

/** Every request resolves to this envelope: errors cross IPC as data, never as thrown objects. */
export type Envelope<T> = { ok: true; value: T; revision: Revision } | { ok: false; error: IpcError };

/** A push as it crosses a transport (`event:<name>`): the event's payload and its revision. */
export interface PushMessage<T = unknown> {
  value: T;
  revision: Revision;
}


// ---------------------------------------------------------------------------------------------
// The chat pane (core/chats): messages as plain data, entities as UTF-16 offsets, never HTML
// ---------------------------------------------------------------------------------------------

export const ChatEntity = z.strictObject({
  type: z.enum(['bold', 'italic', 'underline', 'strike', 'code', 'pre', 'spoiler', 'url', 'textUrl', 'mention', 'hashtag']),
  offset: z.number().int().min(0),
  length: z.number().int().min(1),
  url: z.string().max(2048).optional(),
});
export const ChatMedia = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('photo'),
    photoId: z.string().max(24),
    w: z.number().int(),
    h: z.number().int(),
    /** Telegram's stripped thumbnail (`photoStrippedSize.bytes`), base64: shown blurred at once (shared/stripped-thumb.ts expands it). */
    thumb: z.string().max(4096).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64').optional(),
  }),
  z.strictObject({ kind: z.literal('video'), duration: z.number(), size: z.number() }),
  z.strictObject({ kind: z.literal('voice'), duration: z.number(), size: z.number() }),
  z.strictObject({ kind: z.literal('file'), name: z.string().max(512), size: z.number() }),
  z.strictObject({ kind: z.literal('sticker'), emoji: z.string().max(32) }),
  z.strictObject({ kind: z.literal('location') }),
  z.strictObject({ kind: z.literal('poll'), question: z.string().max(512) }),
  z.strictObject({ kind: z.literal('other') }),
]);
export type ChatMedia = z.infer<typeof ChatMedia>;
const ChatError = z.strictObject({ code: z.string(), message: z.string(), retryAt: z.number().optional() });
export const ChatMessage = z.strictObject({
  id: z.number().int().min(0),
  randomId: z.string().max(24).optional(),
  /** pending: being sent now; queued: kept until the connection is back or Telegram's wait ends; failed: refused, for Retry or Delete. */
  state: z.enum(['sent', 'pending', 'queued', 'failed']),
  error: ChatError.optional(),
  date: z.number().int(),
  out: z.boolean(),
  fromKey: PeerKey.optional(),
  text: z.string().max(8192),
  entities: z.array(ChatEntity).max(1000),
  replyToId: z.number().int().optional(),
  forwardedFrom: z.string().max(256).optional(),
  editDate: z.number().int().optional(),
  service: z.string().max(512).optional(),
  media: ChatMedia.optional(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;
/** What the pane's header says under the title: a user's presence, or a group's or channel's size. */
export const ChatAbout = z.strictObject({
  online: z.boolean().optional(),
  /** Unix seconds; only when the user shares it. */
  lastSeenAt: z.number().int().optional(),
  /** When the exact time is hidden: Telegram's rough wording. */
  seen: z.enum(['recently', 'week', 'month']).optional(),
  members: z.number().int().min(0).optional(),
  broadcast: z.boolean().optional(),
});
export type ChatAbout = z.infer<typeof ChatAbout>;
export const ChatView = z.strictObject({
  key: PeerKey,
  messages: z.array(ChatMessage),
  hasOlder: z.boolean(),
  loading: z.boolean(),
  draft: z.string().max(4096),
  readOutboxMaxId: z.number().int(),
  unreadCount: z.number().int().min(0),
  typing: z.string().optional(),
  error: ChatError.optional(),
  about: ChatAbout.optional(),
  /** Names of the authors (and forward origins) of the messages shown, by peer key. */
  senders: z.record(PeerKey, Title).optional(),
});
export type ChatView = z.infer<typeof ChatView>;
export const ChatBadge = z.strictObject({ key: PeerKey, unreadCount: z.number().int().min(0), muted: z.boolean(), online: z.boolean().optional() });
export type ChatBadge = z.infer<typeof ChatBadge>;
const ChatText = z.string().min(1).max(4096);
/** A photo at bubble size is tens of KB; the cap (1.5 MiB of JPEG) keeps a bad download out of IPC. */
export const MAX_PHOTO_BYTES = 1_572_864;
const MAX_PHOTO_DATA_URL = 'data:image/jpeg;base64,'.length + Math.ceil(MAX_PHOTO_BYTES / 3) * 4;

// ---------------------------------------------------------------------------------------------
// Channels
// ---------------------------------------------------------------------------------------------

const None = z.strictObject({});
const Ok = z.strictObject({ ok: z.literal(true) });

export const channels = {
  'app:version': {
    args: None,
    result: z.strictObject({
      version: z.string(),
      demo: z.boolean(),
      /** Which shell hosts the page; absent means the desktop app. Settings says what a browser cannot do. */
      host: z.enum(['desktop', 'browser']).optional(),
    }),
  },

  'session:get': { args: None, result: SessionState },
  'session:setCredentials': {
    args: z.strictObject({
      apiId: z.number().int().positive().max(2 ** 31 - 1),
      apiHash: z.string().regex(/^[0-9a-f]{32}$/i, 'api_hash is 32 hexadecimal characters'),
    }),
    result: SessionState,
  },
  'session:startDemo': { args: None, result: SessionState },
  'session:logout': { args: None, result: SessionState },

  /** Every account: the switcher marks rows with them, Settings lists them. */
  'accounts:list': { args: None, result: AccountsState },
  /** Begin signing in one more account (up to five): the login screens follow its session state. */
  'accounts:add': { args: None, result: SessionState },
  /** Leave the login screens of an account being added; the others stay as they are. */
  'accounts:cancelAdd': { args: None, result: SessionState },
  /** Log out of one account; the others keep their sessions and lists. */
  'accounts:logout': { args: z.strictObject({ account: AccountId }), result: AccountsState },

  // Room for a pasted bot token, so it reaches the session's own refusal instead of a length error.
  'login:submitPhone': { args: z.strictObject({ phone: z.string().min(5).max(64) }), result: SessionState },
  'login:submitCode': { args: z.strictObject({ code: z.string().min(1).max(16) }), result: SessionState },
  'login:resendCode': { args: None, result: SessionState },
  'login:submitPassword': { args: z.strictObject({ password: z.string().min(1).max(256) }), result: SessionState },
  'login:startQr': { args: None, result: SessionState },
  /** Back to the phone step from code, password or QR. */
  'login:restart': { args: None, result: SessionState },

  'topPeers:get': { args: None, result: TopPeersSnapshot },
  'topPeers:refresh': {
    args: None,
    result: z.strictObject({ outcome: z.enum(['modified', 'not-modified', 'disabled']), snapshot: TopPeersSnapshot }),
  },
  'topPeers:remove': { args: z.strictObject({ key: PeerKey, category: Category }), result: TopPeersSnapshot },
  'topPeers:setEnabled': { args: z.strictObject({ enabled: z.boolean() }), result: TopPeersSnapshot },
  'sync:get': { args: None, result: SyncStatus },

  /** The peer's small profile photo as a `data:image/jpeg;base64,…` URL, or null when it has none. */
  'peers:avatar': { args: z.strictObject({ key: PeerKey }), result: z.strictObject({ dataUrl: z.string().nullable() }) },
  /** Opens a chat: 'telegram' hands it to the official app through a tg:// or t.me link. */
  'peers:open': {
    args: z.strictObject({ key: PeerKey, target: z.enum(['app', 'telegram']) }),
    result: z.strictObject({ openedIn: z.enum(['app', 'telegram']), url: z.string().max(512) }),
  },
  /** A t.me link for the peer, for "copy link"; null when it has no public link. */
  'peers:link': { args: z.strictObject({ key: PeerKey }), result: z.strictObject({ url: z.string().nullable() }) },

  /** The cached chat list at once (refreshed in the background). */
  'chats:get': { args: None, result: ChatList },
  /** Fetch the chat list now (with its hash), both folders to the end. */
  'chats:refresh': { args: None, result: ChatList },
  /** contacts.search; a newer call cancels an older one still waiting (it answers 'cancelled'). */
  'chats:search': {
    args: z.strictObject({ query: z.string().trim().min(1).max(128), limit: z.number().int().min(1).max(100).optional() }),
    result: ChatSearchResult,
  },
  'chats:cancelSearch': { args: None, result: Ok },

  'settings:get': { args: None, result: Settings },
  'settings:set': { args: Settings.partial().strict(), result: Settings },
  /** The system-wide shortcut's real state and the command to bind instead (Settings, first run). */
  'app:hotkeyStatus': { args: None, result: HotkeyStatus },

  /** The switcher asks to be hidden (Esc on an empty query). */
  'window:hide': { args: None, result: Ok },

  /** The chat pane: open shows the cache at once; 'chat:view' pushes follow as Telegram answers. */
  /** `use`: the user opened it (Enter in the switcher): it counts for the ranking as peers:open does. */
  'chat:open': { args: z.strictObject({ key: PeerKey, use: z.boolean().optional() }), result: ChatView },
  'chat:close': { args: z.strictObject({ key: PeerKey }), result: Ok },
  'chat:older': { args: z.strictObject({ key: PeerKey }), result: ChatView },
  'chat:send': { args: z.strictObject({ key: PeerKey, text: ChatText, replyToId: z.number().int().positive().optional() }), result: ChatMessage },
  'chat:retry': { args: z.strictObject({ key: PeerKey, randomId: z.string().regex(/^-?\d{1,20}$/) }), result: ChatMessage },
  /** Delete a queued or failed message before it is sent (not one being sent right now). */
  'chat:cancel': { args: z.strictObject({ key: PeerKey, randomId: z.string().regex(/^-?\d{1,20}$/) }), result: Ok },
  'chat:edit': { args: z.strictObject({ key: PeerKey, id: z.number().int().positive(), text: ChatText }), result: Ok },
  'chat:read': { args: z.strictObject({ key: PeerKey }), result: Ok },
  'chat:draft': { args: z.strictObject({ key: PeerKey, text: z.string().max(4096) }), result: Ok },
  /** Unread counts, muted and online state for the switcher's rows. */
  'chat:badges': { args: z.strictObject({ keys: z.array(PeerKey).max(200) }), result: z.array(ChatBadge) },
  /**
   * A message's photo at bubble size as a `data:image/jpeg;base64,…` URL, downloaded once and kept
   * on disk; null when the message has no photo (any more).
   */
  'chat:photo': {
    args: z.strictObject({ key: PeerKey, id: z.number().int().positive() }),
    result: z.strictObject({ dataUrl: z.string().max(MAX_PHOTO_DATA_URL).startsWith('data:image/jpeg;base64,').nullable() }),
  },
  /** Opens a link from a message (web or Telegram) through the shell's allowlist; the page asks first when its text shows another target. */
  'chat:openLink': { args: z.strictObject({ url: z.string().min(1).max(2048) }), result: Ok },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export const CHANNEL_NAMES = Object.keys(channels) as Channel[];
export type ChannelArgs<C extends Channel> = z.input<Channels[C]['args']>;
export type ChannelResult<C extends Channel> = z.infer<Channels[C]['result']>;

// ---------------------------------------------------------------------------------------------
// Push events (main → renderer)
// ---------------------------------------------------------------------------------------------

export const events = {
  'session:changed': SessionState,
  /** Sent only when the list really changed: a NotModified refresh pushes nothing. */
  'topPeers:changed': TopPeersSnapshot,
  'sync:changed': SyncStatus,
  /** The chat list changed (a fetch, or an update: a message, a read, a pin, a rename). */
  'chats:changed': ChatList,
  /** Telegram was asked and answered "not modified": the list is unchanged, only its check time moved. */
  'topPeers:checked': z.strictObject({ checkedAt: Timestamp }),
  'settings:changed': Settings,
  'accounts:changed': AccountsState,
  /** The window was shown (hotkey, tray): focus the search field and select its text. */
  'window:shown': z.strictObject({}),
  /** An open chat changed (loaded, a message arrived, was edited or deleted, read ticks, typing). */
  'chat:view': ChatView,
  'chat:badges': z.strictObject({ badges: z.array(ChatBadge) }),
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

// ---------------------------------------------------------------------------------------------
// The API the renderer sees as `window.api`
// ---------------------------------------------------------------------------------------------

/** What the preload exposes: one method per channel returning the envelope, plus `on` for push events. */
export type ExposedApi = {
  [C in Channel as MethodName<C>]: (args: ChannelArgs<C>) => Promise<Envelope<ChannelResult<C>>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>, revision: Revision) => void): () => void;
};

/** Names of the IPC transport channels: requests go over `invoke:<channel>`, events over `event:<name>`. */
export const invokeChannel = (channel: Channel): string => `invoke:${channel}`;
export const eventChannel = (event: EventName): string => `event:${event}`;
