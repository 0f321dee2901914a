/**
 * The core's typed API: the one set of methods the shell, the CLI and the router's handler table
 * (handlers.ts) call. Methods take and return the contract's types; arguments from outside the
 * process (the renderer, the command line) are validated by the router before they get here, so
 * the CLI calls channels through `invoke.ts` and only trusted callers call these directly.
 */
import type { ChatsService } from './chats/service.js';
import type { AccountsState, Category, ChannelResult, ChatList, ChatSearchResult, HotkeyStatus, PeerKey, SessionState, Settings, SyncStatus, TopPeersSnapshot } from '../shared/ipc-contract.js';
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
import { markChats, mergeTopPeers } from './account-merge.js';
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

  // Several accounts (accounts.ts): each with its own session, folder, gate and scheduler.
  listAccounts(): AccountsState;
  /** Begin signing in one more account; the login steps below then drive it. */
  addAccount(): Promise<SessionState>;
  cancelAddAccount(): Promise<SessionState>;
  /** Log out of one account; the others keep their sessions and lists. */
  logoutAccount(account: number): Promise<AccountsState>;
  /** Run `work` as one account (a key of that account, the CLI's `--account`): lists and calls see only it. */
  withAccount<T>(account: number, work: () => T): T;
  /** `--account N|phone` to the account's number (ACCOUNT_NOT_FOUND otherwise). */
  resolveAccount(selector: string): number;
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
  /**
   * The user opened the chat in the pane: it counts as use for the ranking, as opening it in
   * Telegram does, once `after` settles (the pane's first messages come first).
   */
  countOpen(key: PeerKey, after: Promise<void>): void;
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

    getSession: () => accounts.actingStatus()?.session ?? status.session,
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
      await accounts.logout(accounts.idOf(current));
      // Leaving the last demo account returns to the real one.
      if (current.demo && !accounts.current?.isReady) await accounts.startReal();
      return status.session;
    },

    listAccounts: () => accounts.state(),
    async addAccount() {
      await accounts.add();
      return status.session;
    },
    async cancelAddAccount() {
      await accounts.cancelAdd();
      return status.session;
    },
    async logoutAccount(account) {
      const demo = accounts.mode === 'demo';
      await accounts.logout(account);
      if (demo && !accounts.current?.isReady) await accounts.startReal();
      return accounts.state();
    },
    withAccount: (account, work) => accounts.withAccount(account, work),
    resolveAccount: (selector) => accounts.resolve(selector),
    submitPhone: (phone) => login((session) => session.submitPhone(phone)),
    submitCode: (code) => login((session) => session.submitCode(code)),
    resendCode: () => login((session) => session.resendCode()),
    submitPassword: (password) => login((session) => session.submitPassword(password)),
    startQr: () => login((session) => session.startQr()),
    restartLogin: () => login((session) => session.restartLogin()),

    getTopPeers: () => accounts.topPeers(emptySnapshot(settings.current)),
    getSync: () => accounts.actingStatus()?.sync ?? status.sync,
    chats: () => accounts.requireReady().chats(),
    async refreshTopPeers() {
      const ready = accounts.requireReadyInScope();
      if (ready.length === 1) {
        const { outcome, snapshot } = await ready[0]!.profile.refreshTopPeers();
        return { outcome, snapshot: accounts.topPeers(snapshot) };
      }
      // Each account asks with its own gate; one offline or rate-limited does not fail the others.
      const results = await settleAll(ready.map(({ profile }) => profile.refreshTopPeers()));
      return { outcome: combineOutcomes(results.flatMap((result) => (result ? [result.outcome] : []))), snapshot: accounts.topPeers(emptySnapshot(settings.current)) };
    },
    async fetchTopPeers(options = {}) {
      const ready = accounts.requireReadyInScope();
      const results = await settleAll(ready.map(({ profile }) => profile.fetchTopPeers(options)));
      // What each account answered to these options (its categories and limit), merged.
      const answered = ready.flatMap(({ account }, index) => {
        const result = results[index];
        return result ? [{ account, result }] : [];
      });
      const first = answered[0]!.result;
      const snapshot = mergeTopPeers(answered.map(({ account, result }) => ({ account, value: result.snapshot })), first.snapshot);
      return { outcome: combineOutcomes(answered.map(({ result }) => result.outcome)), snapshot, hash: first.hash };
    },
    async removeTopPeer(key, category) {
      await accounts.requireReady().topPeers.remove(key, category);
      return accounts.topPeers(emptySnapshot(settings.current), true);
    },
    rateLimits: () => accounts.current?.session.gate.active() ?? [],
    topPeersHash: () => accounts.current?.topPeers.hash ?? '0',
    callMethod: (method, params) => callMethodGated(accounts.actingStatus()?.sync ?? status.sync, accounts.current?.session, method, params),
    async setTopPeersEnabled(enabled) {
      await Promise.all(accounts.requireReadyInScope().map(({ profile }) => profile.topPeers.setEnabled(enabled)));
      return accounts.topPeers(emptySnapshot(settings.current));
    },

    getChats: () => accounts.chats(EMPTY_CHAT_LIST),
    async refreshChats() {
      const ready = accounts.requireReadyInScope();
      try {
        await settleAll(ready.map(({ profile }) => profile.dialogs.refresh()));
      } catch (error) {
        throw toAppError(error, Date.now());
      }
      return accounts.chats(EMPTY_CHAT_LIST);
    },
    async searchChats(query, limit) {
      const ready = accounts.requireReadyInScope();
      const results = await Promise.all(ready.map(({ profile }) => profile.dialogs.search(query, limit)));
      const multi = ready.length > 1;
      return {
        query: results[0]!.query,
        status: results.some((result) => result.status === 'cancelled') ? 'cancelled' : 'ok',
        mine: ready.flatMap(({ account }, index) => markChats(results[index]!.mine, account, multi)),
        global: ready.flatMap(({ account }, index) => markChats(results[index]!.global, account, multi)),
      };
    },
    cancelChatSearch: () => accounts.inScope().forEach(({ profile }) => profile.dialogs.cancelSearch()),

    async peerAvatar(key) {
      const { profile, peer, ref } = cachedPeer(key);
      return profile.avatars.dataUrl(key, peer.photoId, ref);
    },
    async openPeer(key) {
      const { profile, peer, top } = cachedPeer(key);
      const url = openUrl(peer);
      await host.openExternal(url);
      if (top) profile.topPeers.bumpOnOpen(key);
      // The pane opens with chat:open (and counts there, countOpen); a caller asking 'app' here has
      // no pane to open in: the chat goes to Telegram too, and the answer says so.
      return { openedIn: 'telegram', url };
    },
    countOpen(key, after) {
      const { topPeers } = accounts.requireReady();
      const count = () => {
        try {
          // Telegram's local rule applies to top peers only (as openPeer's): a chat of the list has
          // no rating to bump, and a list cleared meanwhile (logged out) has nothing left to count in.
          if (topPeers.peer(key)) topPeers.bumpOnOpen(key);
        } catch (error) {
          // A ranking that could not be saved (a full disk, say) is the banner's to say; the chat is open regardless.
          status.reportFailure(error, 0);
        }
      };
      void after.then(count, count);
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
      for (const { profile } of accounts.inScope()) profile.settingsChanged(change);
      return change.settings;
    },
    hideWindow: () => host.hideWindow(),
    hotkeyStatus: () => host.hotkeyStatus?.() ?? NO_DESKTOP_HOTKEY,
    windowShown() {
      events.emit('window:shown', {});
      accounts.windowShown();
    },
  };
}

/**
 * Every account's answer; an account that failed (offline, rate-limited, logged out meanwhile)
 * leaves the others' answers standing, and only when every one failed is the first error thrown.
 */
async function settleAll<T>(work: Promise<T>[]): Promise<Array<T | undefined>> {
  const settled = await Promise.allSettled(work);
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed && settled.every((result) => result.status === 'rejected')) throw failed.reason;
  return settled.map((result) => (result.status === 'fulfilled' ? result.value : undefined));
}

function combineOutcomes(outcomes: RefreshResult['outcome'][]): RefreshResult['outcome'] {
  if (outcomes.includes('modified')) return 'modified';
  return outcomes.length > 0 && outcomes.every((outcome) => outcome === 'disabled') ? 'disabled' : 'not-modified';
}

const EMPTY_CHAT_LIST: ChatList = { status: 'empty', chats: [], fetchedAt: null, checkedAt: null };

function emptySnapshot(settings: Settings): TopPeersSnapshot {
  return { status: 'empty', peers: [], categories: settings.categories, fetchedAt: null, checkedAt: null };
}
