/**
 * The signed-in accounts: up to five profiles, numbered 1–5, each with its own session, store,
 * folder, flood gate and scheduler (account-storage.ts says where they live). Either the user's
 * real accounts (credentials from the environment or the first-run screen, Telegram or a TG_DC
 * override) or demo accounts on one in-process local DC; switching between the two stops the others.
 *
 * One account is *focused*: the one being added (Settings → Add account, `login --add`), else the
 * lowest-numbered. The login calls and the session state the screens follow are the focused one's.
 * A call can also *act as* one account (`withAccount`): a peer key of that account crossing the IPC
 * boundary, or the CLI's `--account`. Pushes from each profile pass through here: keys qualified
 * with the account, top peers and chats merged across accounts (account-merge.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { join } from 'node:path';
import { z } from 'zod';
import { loadLocalDc, type LocalDcModule } from '../local-dc/load.js';
import type { AccountsState, AccountSummary, ChatList, EventName, EventPayload, SelfUser, SessionState, SyncStatus, TopPeersSnapshot } from '../shared/ipc-contract.js';
import { MAX_ACCOUNTS } from '../shared/peer-key.js';
import { mergeChatLists, mergeTopPeers, qualifyKeys } from './account-merge.js';
import { ACCOUNT_LIST_KEY, sharedFirstAccount, type AccountStorage } from './account-storage.js';
import { AppError } from './errors.js';
import { Profile, type ProfileContext, type ProfileOptions } from './profile.js';
import type { EventBus } from './router.js';
import { errorSync, type CoreStatus } from './status.js';
import { createMemoryStore, type KeyValueStore } from './store.js';
import { dcOverrideFromEnv, trustServerKey, untrustServerKey } from './telegram/dc-override.js';
import { toAppError } from './telegram/rpc-errors.js';
import { createMemorySecretStore, type SecretStore } from './telegram/secret-store.js';

// The documented Telegram test-number convention the demo world follows: +99966 2 YYYY on DC 2, code 22222.
const DEMO_PHONE = '+9996621234';
const DEMO_CODE = '22222';
/** Placeholder credentials for DCs that do not check them (the local DC, TG_DC override). */
const TEST_API = { apiId: 1, apiHash: '00000000000000000000000000000000' };
/** Each account after the first waits this much longer for its first scheduled refresh. */
const DEFAULT_STAGGER_MS = 20_000;
/** A window shown asks every stale account; each later account a little later than the one before. */
const STAGGER_ON_SHOW_MS = 2_000;

const Credentials = z.object({ apiId: z.number().int().positive(), apiHash: z.string().min(1) });
export type Credentials = z.infer<typeof Credentials>;
const AccountList = z.array(z.number().int().min(1).max(MAX_ACCOUNTS));

export interface AccountsOptions {
  context: Omit<ProfileContext, 'status' | 'events'> & { status: CoreStatus; events: EventBus };
  dataDir: string;
  /** The core's store: settings, credentials, the list of accounts (and by default the first account's things). */
  store: KeyValueStore;
  secretStore: SecretStore;
  /** Where each account keeps its things; default: the first in `store`/`secretStore`, others in `accounts/<n>/`. */
  storage?: AccountStorage;
  env: Record<string, string | undefined>;
  loadLocalDc?: () => Promise<LocalDcModule>;
  refreshStaggerMs?: number;
}

interface DemoDc {
  dc: { host: string; port: number };
  close: () => Promise<void>;
}

export class Accounts {
  readonly #profiles = new Map<number, Profile>();
  #mode: 'real' | 'demo' | undefined;
  #adding: number | undefined;
  #demoDc: DemoDc | undefined;
  #realDc: { host: string; port: number } | undefined;
  #credentials: Credentials | undefined;
  #prepared: Promise<void> | undefined;
  readonly #acting = new AsyncLocalStorage<number>();
  readonly #storage: AccountStorage;

  constructor(private readonly options: AccountsOptions) {
    this.#storage = options.storage ?? sharedFirstAccount(options.dataDir, options.store, options.secretStore);
    options.context.status.onAccountChanged = () => this.#accountChanged();
  }

  /** The account a call acts as, else the focused one. */
  get current(): Profile | undefined {
    const acting = this.#acting.getStore();
    return this.#profiles.get(acting ?? this.#focusId() ?? 0);
  }

  /** Account numbers in use, ascending (the one being added included). */
  ids(): number[] {
    return [...this.#profiles.keys()].sort((a, b) => a - b);
  }

  /** The accounts a list merges: the acting one, else every account but one still being added. */
  inScope(): Array<{ account: number; profile: Profile }> {
    const acting = this.#acting.getStore();
    const ids = acting !== undefined ? [acting] : this.ids().filter((id) => id !== this.#adding);
    return ids.flatMap((account) => {
      const profile = this.#profiles.get(account);
      return profile ? [{ account, profile }] : [];
    });
  }

  /** The acting account's own session state and sync (a call acting as one account), else undefined. */
  actingStatus(): { session: SessionState; sync: SyncStatus } | undefined {
    const acting = this.#acting.getStore();
    if (acting === undefined) return undefined;
    const { status } = this.options.context;
    const session = status.accountSession(acting);
    return session ? { session, sync: status.accountSync(acting) ?? { state: 'idle' } } : undefined;
  }

  idOf(profile: Profile): number {
    for (const [account, candidate] of this.#profiles) if (candidate === profile) return account;
    throw new AppError('ACCOUNT_NOT_FOUND', 'That account is no longer signed in.');
  }

  /** Ready accounts in scope; NOT_LOGGED_IN when there is none. */
  requireReadyInScope(): Array<{ account: number; profile: Profile }> {
    const ready = this.inScope().filter(({ profile }) => profile.isReady);
    if (ready.length === 0) this.requireReady();
    return ready;
  }

  /** A window came up: each account refreshes if stale, the second and later ones a little later. */
  windowShown(): void {
    const { clock } = this.options.context;
    this.inScope().forEach(({ account, profile }, index) => {
      if (index === 0) profile.windowShown();
      else clock.setTimeout(() => this.#profiles.get(account) === profile && profile.windowShown(), index * STAGGER_ON_SHOW_MS);
    });
  }

  /** Run `work` acting as `account` (a key of that account, the CLI's `--account`). */
  withAccount<T>(account: number, work: () => T): T {
    if (!this.#profiles.has(account)) throw new AppError('ACCOUNT_NOT_FOUND', `No account ${account} is signed in.`);
    return this.#acting.run(account, work);
  }

  /** `--account N|phone`: the account's number. */
  resolve(selector: string): number {
    const digits = selector.replace(/[^\d]/g, '');
    if (/^\d$/.test(selector.trim()) && this.#profiles.has(Number(selector))) return Number(selector);
    for (const [account, profile] of this.#profiles) {
      if (digits.length > 1 && profile.phone?.replace(/[^\d]/g, '') === digits) return account;
    }
    throw new AppError('ACCOUNT_NOT_FOUND', `No signed-in account matches "${selector.slice(0, 32)}" (use its number from \`topswitch accounts\` or its phone).`);
  }

  requireProfile(): Profile {
    const current = this.current;
    if (!current) throw new AppError('NEEDS_CREDENTIALS', 'Enter your api_id and api_hash first, or try the demo.');
    return current;
  }

  requireReady(): Profile {
    const current = this.requireProfile();
    if (!current.isReady) throw new AppError('NOT_LOGGED_IN', 'Log in to Telegram first.');
    return current;
  }

  saveCredentials(credentials: Credentials): void {
    this.options.store.set('credentials', { apiId: credentials.apiId, apiHash: credentials.apiHash.toLowerCase() });
  }

  /** The user's own accounts; without credentials (and no DC override) the first-run screen. */
  async startReal(): Promise<void> {
    const { context, env } = this.options;
    let dc: ReturnType<typeof dcOverrideFromEnv>;
    try {
      dc = dcOverrideFromEnv(env);
    } catch (error) {
      context.status.setSync(errorSync(toAppError(error, context.clock.now())));
      context.status.setSession({ status: 'needs-credentials' });
      return;
    }
    if (dc) trustServerKey(dc.publicKeyPem);
    // A self-run DC does not check api credentials; Telegram does.
    const credentials = this.#savedCredentials() ?? (dc ? TEST_API : undefined);
    await this.#stopAll();
    if (!credentials) {
      context.status.setSession({ status: 'needs-credentials' });
      return;
    }
    this.#mode = 'real';
    this.#credentials = credentials;
    this.#realDc = dc ? { host: dc.host, port: dc.port } : undefined;
    this.#prepared ??= this.#storage.prepare?.() ?? Promise.resolve();
    await this.#prepared;
    const saved = AccountList.safeParse(this.options.store.get(ACCOUNT_LIST_KEY));
    const ids = saved.success && saved.data.length > 0 ? [...new Set(saved.data)].sort((a, b) => a - b) : [1];
    // Every account shows its cache at once and connects; the focused one is the one the screens follow.
    await Promise.all(ids.map((account, index) => this.#open(account, index)));
  }

  /** The demo account on the local DC; the user's real cache and sessions are never touched. */
  async startDemo(): Promise<void> {
    if (this.#mode === 'demo' && this.current?.isReady) return;
    await this.#stopAll();
    this.#mode = 'demo';
    const demo = await this.#open(1, 0);
    if (!demo.isReady) {
      await demo.session.submitPhone(DEMO_PHONE);
      await demo.session.submitCode(DEMO_CODE);
    }
  }

  /** Begin signing in one more account: the focused account becomes it, at the phone step. */
  async add(): Promise<void> {
    if (this.#adding !== undefined) return;
    if (!this.#mode) throw new AppError('NEEDS_CREDENTIALS', 'Enter your api_id and api_hash first, or try the demo.');
    // Nobody signed in yet: the login screens already sign in the first account.
    if (![...this.#profiles.values()].some((profile) => profile.isReady)) return;
    const free = [1, 2, 3, 4, 5].find((account) => !this.#profiles.has(account));
    if (free === undefined) throw new AppError('ACCOUNT_LIMIT', `TopSwitch holds up to ${MAX_ACCOUNTS} accounts; log out of one to add another.`);
    this.#adding = free;
    await this.#open(free, 0);
  }

  /** Leave the login screens of an account being added; nothing of it stays. */
  async cancelAdd(): Promise<void> {
    const adding = this.#adding;
    if (adding === undefined) return;
    this.#adding = undefined;
    await this.#remove(adding);
  }

  /** Log out of one account; with others signed in its folder goes and the others carry on untouched. */
  async logout(account: number): Promise<void> {
    const profile = this.#profiles.get(account);
    if (!profile) throw new AppError('ACCOUNT_NOT_FOUND', `No account ${account} is signed in.`);
    await profile.session.logout();
    if (this.#adding === account) this.#adding = undefined;
    // The last account stays, at the phone step, as a single-account install always did.
    if (this.#profiles.size > 1) await this.#remove(account);
    else this.#saveList();
  }

  get mode(): 'real' | 'demo' | undefined {
    return this.#mode;
  }

  get adding(): number | undefined {
    return this.#adding;
  }

  /** What Settings lists and the switcher marks rows with. */
  state(): AccountsState {
    const accounts = this.ids().map((id): AccountSummary => {
      const profile = this.#profiles.get(id)!;
      const session = this.options.context.status.accountSession(id) ?? profile.session.state;
      const self = session.status === 'ready' ? session.user : undefined;
      const phone = profile.phone;
      return {
        id,
        status: session.status,
        demo: profile.demo,
        ...(self ? { title: self.title } : {}),
        ...(self?.username ? { username: self.username } : {}),
        ...(typeof phone === 'string' ? { phone: phone.slice(0, 32) } : {}),
        sync: this.options.context.status.accountSync(id) ?? { state: 'idle' },
      };
    });
    return { accounts, adding: this.#adding ?? null, max: MAX_ACCOUNTS };
  }

  /** Every account's top peers in one ranked list (one account: its list as it is). */
  topPeers(fallback: TopPeersSnapshot, all = false): TopPeersSnapshot {
    const parts = (all ? this.#all() : this.inScope()).map(({ account, profile }) => ({ account, value: profile.topPeers.snapshot() }));
    return mergeTopPeers(parts, fallback);
  }

  chats(fallback: ChatList): ChatList {
    return mergeChatLists(
      this.inScope().map(({ account, profile }) => ({ account, value: profile.dialogs.snapshot() })),
      fallback,
    );
  }

  async stop(): Promise<void> {
    await this.#stopAll();
    this.#mode = undefined;
  }

  #all(): Array<{ account: number; profile: Profile }> {
    return this.ids()
      .filter((id) => id !== this.#adding)
      .map((account) => ({ account, profile: this.#profiles.get(account)! }));
  }

  #focusId(): number | undefined {
    return this.#adding ?? this.ids()[0];
  }

  async #open(account: number, index: number): Promise<Profile> {
    const { context } = this.options;
    const demo = this.#mode === 'demo';
    const dc = demo ? (await this.#startDemoDc()).dc : this.#realDc;
    const space = demo ? { store: createMemoryStore(), secretStore: createMemorySecretStore(), dir: join(this.options.dataDir, 'demo-accounts', String(account)) } : this.#storage.open(account);
    const options: ProfileOptions = {
      demo,
      store: space.store,
      secretStore: space.secretStore,
      ...(demo ? TEST_API : this.#credentials!),
      ...(dc ? { dc } : {}),
      avatarDir: demo && account === 1 ? join(this.options.dataDir, 'demo-avatars') : join(space.dir, 'avatars'),
      ...(index > 0 ? { refreshDelayMs: index * (this.options.refreshStaggerMs ?? DEFAULT_STAGGER_MS) } : {}),
    };
    const profile = new Profile({ ...context, status: context.status.forAccount(account), events: this.#sink(account) }, options);
    this.#profiles.set(account, profile);
    context.status.focus(this.#focusId());
    await profile.start();
    return profile;
  }

  async #remove(account: number): Promise<void> {
    const profile = this.#profiles.get(account);
    if (!profile) return;
    this.#profiles.delete(account);
    this.options.context.status.dropAccount(account);
    await profile.stop();
    if (!profile.demo) this.#storage.remove(account);
    this.#saveList();
    this.options.context.status.focus(this.#focusId());
    this.#pushLists();
    await this.#stopDemoDcIfUnused();
  }

  async #stopAll(): Promise<void> {
    const profiles = [...this.#profiles.entries()];
    this.#profiles.clear();
    this.#adding = undefined;
    for (const [account] of profiles) this.options.context.status.dropAccount(account);
    await Promise.all(profiles.map(([, profile]) => profile.stop()));
    await this.#stopDemoDcIfUnused();
  }

  /** One in-process DC for every demo account: its world keeps each account's own state. */
  async #startDemoDc(): Promise<DemoDc> {
    if (this.#demoDc) return this.#demoDc;
    const { context } = this.options;
    const module = await (this.options.loadLocalDc ?? loadLocalDc)();
    const dc = await module.startFakeDc({ world: 'demo', log: (line) => context.log('info', `demo DC: ${line}`) });
    const demoKey = trustServerKey(dc.publicKeyPem);
    this.#demoDc = {
      dc: { host: dc.host, port: dc.port },
      // Its DC is gone with the demo, and so must the trust in its RSA key be.
      close: async () => {
        untrustServerKey(demoKey);
        await dc.close();
      },
    };
    return this.#demoDc;
  }

  async #stopDemoDcIfUnused(): Promise<void> {
    if (!this.#demoDc || [...this.#profiles.values()].some((profile) => profile.demo)) return;
    const { close } = this.#demoDc;
    this.#demoDc = undefined;
    await close();
  }

  /** A profile's session or sync changed: an account being added that is now in joins the others. */
  #accountChanged(): void {
    const adding = this.#adding;
    const profile = adding === undefined ? undefined : this.#profiles.get(adding);
    if (adding !== undefined && profile?.isReady) {
      this.#adding = undefined;
      this.options.context.status.focus(this.#focusId());
      const self = (profile.session.state as { user?: SelfUser }).user;
      const twin = this.ids().find((id) => id !== adding && (this.#profiles.get(id)?.session.state as { user?: SelfUser }).user?.key === self?.key);
      if (twin !== undefined) {
        // The same Telegram account twice would only show every chat twice: sign the newcomer out again.
        this.options.context.log('info', `account ${adding} is account ${twin} again; signing it out`);
        void this.logout(adding).catch((error: unknown) => this.options.context.log('warn', 'signing out a duplicate account failed', error));
      } else {
        this.#saveList();
        this.#pushLists();
      }
    }
    this.options.context.events.emit('accounts:changed', this.state());
  }

  #saveList(): void {
    if (this.#mode !== 'real') return;
    const ids = this.ids().filter((id) => id !== this.#adding);
    this.options.store.set(ACCOUNT_LIST_KEY, ids);
  }

  #pushLists(): void {
    this.#pushTopPeers();
    this.#pushChats();
  }

  /** The merged list, with `changed` (the account that just pushed) as it pushed it. */
  #pushTopPeers(changed?: { account: number; value: TopPeersSnapshot }): void {
    const parts = this.#all().map(({ account, profile }) => ({ account, value: account === changed?.account ? changed.value : profile.topPeers.snapshot() }));
    if (parts.length > 0) this.options.context.events.emit('topPeers:changed', mergeTopPeers(parts, EMPTY_TOP_PEERS));
  }

  #pushChats(changed?: { account: number; value: ChatList }): void {
    const parts = this.#all().map(({ account, profile }) => ({ account, value: account === changed?.account ? changed.value : profile.dialogs.snapshot() }));
    if (parts.length > 0) this.options.context.events.emit('chats:changed', mergeChatLists(parts, EMPTY_CHATS));
  }

  /** Where account `account`'s pushes go: lists merged with the other accounts', keys qualified. */
  #sink(account: number): Pick<EventBus, 'emit'> {
    const { events } = this.options.context;
    return {
      emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
        if (this.#profiles.get(account) === undefined) return;
        // An account still being added says nothing to the switcher until it is in.
        const adding = this.#adding === account;
        if (event === 'topPeers:changed') {
          if (!adding) this.#pushTopPeers({ account, value: payload as TopPeersSnapshot });
          return;
        }
        if (event === 'chats:changed') {
          if (!adding) this.#pushChats({ account, value: payload as ChatList });
          return;
        }
        if (adding && event === 'topPeers:checked') return;
        events.emit(event, qualifyKeys(payload, account));
      },
    };
  }

  #savedCredentials(): Credentials | undefined {
    const { env, store } = this.options;
    const fromEnv = { apiId: Number(env.TG_API_ID), apiHash: env.TG_API_HASH ?? '' };
    if (Number.isInteger(fromEnv.apiId) && fromEnv.apiId > 0 && fromEnv.apiHash) return fromEnv;
    const saved = Credentials.safeParse(store.get('credentials'));
    return saved.success ? saved.data : undefined;
  }
}

const EMPTY_TOP_PEERS: TopPeersSnapshot = { status: 'empty', peers: [], categories: [], fetchedAt: null, checkedAt: null };
const EMPTY_CHATS: ChatList = { status: 'empty', chats: [], fetchedAt: null, checkedAt: null };
