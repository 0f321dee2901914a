/**
 * The core's typed API: the one set of methods the shell, the CLI and the router's handler table
 * (handlers.ts) call. Methods take and return the contract's types; arguments from outside the
 * process (the renderer, the command line) are validated by the router before they get here, so
 * the CLI calls channels through `invoke.ts` and only trusted callers call these directly.
 */
import type { ChatsService } from './chats/service.js';
import type { Category, ChannelResult, PeerKey, SessionState, Settings, SyncStatus, TopPeersSnapshot } from '../shared/ipc-contract.js';
import type { Accounts, Credentials } from './accounts.js';
import { AppError } from './errors.js';
import type { AppHost } from './host.js';
import { openUrl, publicLink } from './peer-links.js';
import type { FetchResult, Profile, RefreshResult } from './profile.js';
import type { EventBus } from './router.js';
import type { SettingsService } from './settings.js';
import type { CoreStatus } from './status.js';
import type { FetchOptions } from './top-peers/service.js';

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
  setTopPeersEnabled(enabled: boolean): Promise<TopPeersSnapshot>;

  // Peers from the list.
  /** The small profile photo as a data URL, or null when there is none to be had. */
  peerAvatar(key: PeerKey): Promise<string | null>;
  openPeer(key: PeerKey, target: 'app' | 'telegram'): Promise<ChannelResult<'peers:open'>>;
  /** A public t.me link, or null when the peer has none. */
  peerLink(key: PeerKey): string | null;

  // Settings and windows.
  getSettings(): Settings;
  setSettings(patch: Partial<Settings>): Promise<Settings>;
  hideWindow(): void;
  /** The shell showed a window: tell the page (`window:shown`) and refresh if the last check is older than 2 minutes. */
  windowShown(): void;
}

export interface CoreApiDeps {
  accounts: Accounts;
  settings: SettingsService;
  status: CoreStatus;
  events: EventBus;
  host: AppHost;
  version: string;
}

export function createCoreApi({ accounts, settings, status, events, host, version }: CoreApiDeps): CoreApi {
  const cachedPeer = (key: PeerKey) => {
    const profile = accounts.requireReady();
    const found = profile.topPeers.peer(key);
    if (!found) throw new AppError('PEER_NOT_FOUND', 'That peer is not in the list.');
    return { profile, ...found };
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
    setTopPeersEnabled: (enabled) => accounts.requireReady().topPeers.setEnabled(enabled),

    async peerAvatar(key) {
      const { profile, peer, ref } = cachedPeer(key);
      return profile.avatars.dataUrl(key, peer.photoId, ref);
    },
    async openPeer(key) {
      const { profile, peer } = cachedPeer(key);
      const url = openUrl(peer);
      await host.openExternal(url);
      profile.topPeers.bumpOnOpen(key);
      // There is no chat pane to open in: 'app' hands the chat to Telegram too, and the answer says so.
      return { openedIn: 'telegram', url };
    },
    peerLink: (key) => publicLink(cachedPeer(key).peer),

    getSettings: () => settings.current,
    async setSettings(patch) {
      const change = settings.update(patch);
      accounts.current?.settingsChanged(change);
      return change.settings;
    },
    hideWindow: () => host.hideWindow(),
    windowShown() {
      events.emit('window:shown', {});
      accounts.current?.windowShown();
    },
  };
}

function emptySnapshot(settings: Settings): TopPeersSnapshot {
  return { status: 'empty', peers: [], categories: settings.categories, fetchedAt: null, checkedAt: null };
}
