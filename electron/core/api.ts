/**
 * The core's typed API: the one set of methods the shell, the CLI and the router's handler table
 * (handlers.ts) call. Methods take and return the contract's types; arguments from outside the
 * process (the renderer, the command line) are validated by the router before they get here, so
 * the CLI calls channels through `invoke.ts` and only trusted callers call these directly.
 */
import type { ChatsService } from './chats/service.js';
import type { Category, ChannelResult, ChatList, ChatSearchResult, HotkeyStatus, PeerKey, SessionState, Settings, SyncStatus, TopPeersSnapshot } from '../shared/ipc-contract.js';
import type { Accounts, Credentials } from './accounts.js';
import { AppError } from './errors.js';
import type { AppHost } from './host.js';
import { openUrl, publicLink } from './peer-links.js';
import type { FetchResult, Profile, RefreshResult } from './profile.js';
import type { EventBus } from './router.js';
import type { SettingsService } from './settings.js';
import type { CoreStatus } from './status.js';
import type { FloodWait } from './telegram/call-gate.js';
import type { FetchOptions } from './top-peers/service.js';
import { toAppError } from './telegram/rpc-errors.js';
import { callMethodGated } from './method-call.js';
import { isWebLink } from '../shared/links.js';

export type { FetchOptions, FetchResult, RefreshResult };

export interface CoreApi {
  /** The ready account's chats service (history, send, read, badges); NOT_LOGGED_IN otherwise. */
  chats(): ChatsService;
  version(): ChannelResult<'app:version'>;

  // Session and login: every step answers with the session state it led to.
  getSession(): SessionState;
  setCredentials(credentials: Credentials): Promise<SessionState>;
  startDemo(): Promise<SessionState>;
  /** Logs out and wipes the account's session, cache and avatars; leaving the demo returns to the real account. */
  logout(): Promise<SessionState>;
  submitPhone(phone: string): Promise<SessionState>;
  submitCode(code: string): Promise<SessionState>;
  resendCode(): Promise<SessionState>;
  submitPassword(password: string): Promise<SessionState>;
  startQr(): Promise<SessionState>;
  restartLogin(): SessionState;

  // Top peers.
  getTopPeers(): TopPeersSnapshot;
  getSync(): SyncStatus;
  /** Refresh now (joining a refresh already running) and say what Telegram answered. */
  refreshTopPeers(): Promise<RefreshResult>;
  /** A fetch with explicit categories/limit/paging, outside the scheduler (the CLI's `top-peers`). */
  fetchTopPeers(options?: FetchOptions): Promise<FetchResult>;
  removeTopPeer(key: PeerKey, category: Category): Promise<TopPeersSnapshot>;
  /** FLOOD_WAITs still running (the call gate's, persisted across runs), latest first: the CLI's `status`. */
  rateLimits(): FloodWait[];
  /** The hash of the cached list (what `top-peers --json` reports), read without the network. */
  topPeersHash(): string;
  /** Telegram's top-peer methods in their own form, for scripts (`topswitch call`, the local HTTP API): see method-call.ts. */
  callMethod(method: string, params: unknown): Promise<Record<string, unknown>>;
  setTopPeersEnabled(enabled: boolean): Promise<TopPeersSnapshot>;

  // The whole chat list and Telegram's search.
  getChats(): ChatList;
  /** Fetch both folders now, with the list's hash. */
  refreshChats(): Promise<ChatList>;
  /** contacts.search; a newer search answers an older one still waiting 'cancelled'. */
  searchChats(query: string, limit?: number): Promise<ChatSearchResult>;
  cancelChatSearch(): void;

  // Peers from the list: top peers, chats of the chat list, results of the last search.
  /** The small profile photo as a data URL, or null when there is none to be had. */
  peerAvatar(key: PeerKey): Promise<string | null>;
  openPeer(key: PeerKey, target: 'app' | 'telegram'): Promise<ChannelResult<'peers:open'>>;
  /** A public t.me link, or null when the peer has none. */
  peerLink(key: PeerKey): string | null;
  /** A message's photo at bubble size as a data URL (downloaded once, kept on disk); null when it has none. */
  chatPhoto(key: PeerKey, id: number): Promise<string | null>;
  /** A link clicked in a message: a web page or a Telegram link, handed to the shell's allowlist. */
  openLink(url: string): Promise<void>;

  // Settings and windows.
  getSettings(): Settings;
  setSettings(patch: Partial<Settings>): Promise<Settings>;
  hideWindow(): void;
  /** What the shell says about its desktop shortcut; 'none' from a host without one. */
  hotkeyStatus(): HotkeyStatus;
  /** The shell showed a window: tell the page (`window:shown`) and refresh if the last check is older than 2 minutes. */
  windowShown(): void;
}

const NO_DESKTOP_HOTKEY: HotkeyStatus = { state: 'none', accelerator: null, message: 'This host has no system-wide shortcut.', command: null, where: null, trayMissing: false };

export interface CoreApiDeps {
  accounts: Accounts;
  settings: SettingsService;
  status: CoreStatus;
  events: EventBus;
  host: AppHost;
  version: string;
}

export function createCoreApi({ accounts, settings, status, events, host, version }: CoreApiDeps): CoreApi {
  /** A top peer, else a chat of the list or of the last search: anything the switcher shows can be opened. */
  const cachedPeer = (key: PeerKey) => {
    const profile = accounts.requireReady();
    const top = profile.topPeers.peer(key);
    if (top) return { profile, ...top, top: true };
    const chat = profile.dialogs.peer(key);
    if (chat) return { profile, peer: chat.chat, ref: chat.ref, top: false };
    throw new AppError('PEER_NOT_FOUND', 'That chat is not in the list.');
  };
  const login = <T>(step: (session: Profile['session']) => T): T => step(accounts.requireProfile().session);

  return {
    version: () => ({ version, demo: accounts.current?.demo ?? false }),

    getSession: () => status.session,
    async setCredentials(credentials) {
      accounts.saveCredentials(credentials);
      const current = accounts.current;
      if (!current || current.demo || !current.isReady) await accounts.startReal();
      return status.session;
    },
    async startDemo() {
      await accounts.startDemo();
      return status.session;
    },
    async logout() {
      const current = accounts.requireProfile();
      await current.session.logout();
      if (current.demo) await accounts.startReal();
      return status.session;
    },
    submitPhone: (phone) => login((session) => session.submitPhone(phone)),
    submitCode: (code) => login((session) => session.submitCode(code)),
    resendCode: () => login((session) => session.resendCode()),
    submitPassword: (password) => login((session) => session.submitPassword(password)),
    startQr: () => login((session) => session.startQr()),
    restartLogin: () => login((session) => session.restartLogin()),

    getTopPeers: () => accounts.current?.topPeers.snapshot() ?? emptySnapshot(settings.current),
    getSync: () => status.sync,
    chats: () => accounts.requireReady().chats(),
    refreshTopPeers: () => accounts.requireReady().refreshTopPeers(),
    fetchTopPeers: (options = {}) => accounts.requireReady().fetchTopPeers(options),
    removeTopPeer: (key, category) => accounts.requireReady().topPeers.remove(key, category),
    rateLimits: () => accounts.current?.session.gate.active() ?? [],
    topPeersHash: () => accounts.current?.topPeers.hash ?? '0',
    callMethod: (method, params) => callMethodGated(status.sync, accounts.current?.session, method, params),
    setTopPeersEnabled: (enabled) => accounts.requireReady().topPeers.setEnabled(enabled),

    getChats: () => accounts.current?.dialogs.snapshot() ?? EMPTY_CHAT_LIST,
    async refreshChats() {
      const profile = accounts.requireReady();
      try {
        return await profile.dialogs.refresh();
      } catch (error) {
        throw toAppError(error, Date.now());
      }
    },
    searchChats: (query, limit) => accounts.requireReady().dialogs.search(query, limit),
    cancelChatSearch: () => accounts.current?.dialogs.cancelSearch(),

    async peerAvatar(key) {
      const { profile, peer, ref } = cachedPeer(key);
      return profile.avatars.dataUrl(key, peer.photoId, ref);
    },
    async openPeer(key) {
      const { profile, peer, top } = cachedPeer(key);
      const url = openUrl(peer);
      await host.openExternal(url);
      if (top) profile.topPeers.bumpOnOpen(key);
      // There is no chat pane to open in: 'app' hands the chat to Telegram too, and the answer says so.
      return { openedIn: 'telegram', url };
    },
    peerLink: (key) => publicLink(cachedPeer(key).peer),
    chatPhoto: (key, id) => accounts.requireReady().chatPhotos.dataUrl(key, id),
    async openLink(url) {
      if (!isWebLink(url) && !/^(tg:\/\/|https:\/\/t\.me\/)/i.test(url)) {
        throw new AppError('INVALID_ARGUMENT', 'TopSwitch opens only web pages (http, https) and Telegram links.');
      }
      if (!host.openLink) throw new AppError('INVALID_ARGUMENT', 'This host cannot open links.');
      await host.openLink(url);
    },

    getSettings: () => settings.current,
    async setSettings(patch) {
      const change = settings.update(patch);
      accounts.current?.settingsChanged(change);
      return change.settings;
    },
    hideWindow: () => host.hideWindow(),
    hotkeyStatus: () => host.hotkeyStatus?.() ?? NO_DESKTOP_HOTKEY,
    windowShown() {
      events.emit('window:shown', {});
      accounts.current?.windowShown();
    },
  };
}

const EMPTY_CHAT_LIST: ChatList = { status: 'empty', chats: [], fetchedAt: null, checkedAt: null };

function emptySnapshot(settings: Settings): TopPeersSnapshot {
  return { status: 'empty', peers: [], categories: settings.categories, fetchedAt: null, checkedAt: null };
}
