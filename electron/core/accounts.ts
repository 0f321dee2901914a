/**
 * Which account the core is signed in to: the real one (credentials from the environment or the
 * first-run screen, Telegram or a TG_DC override) or the demo (the local DC in-process, with its
 * store and session in memory). One profile is current at a time; replacing it stops the old one.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { loadLocalDc, type LocalDcModule } from '../local-dc/load.js';
import { AppError } from './errors.js';
import { Profile, type ProfileContext, type ProfileOptions } from './profile.js';
import { createMemoryStore, type KeyValueStore } from './store.js';
import { dcOverrideFromEnv, trustServerKey } from './telegram/dc-override.js';
import { toAppError } from './telegram/rpc-errors.js';
import { createMemorySecretStore, type SecretStore } from './telegram/secret-store.js';

// The documented Telegram test-number convention the demo world follows: +99966 2 YYYY on DC 2, code 22222.
const DEMO_PHONE = '+9996621234';
const DEMO_CODE = '22222';
/** Placeholder credentials for DCs that do not check them (the local DC, TG_DC override). */
const TEST_API = { apiId: 1, apiHash: '00000000000000000000000000000000' };

const Credentials = z.object({ apiId: z.number().int().positive(), apiHash: z.string().min(1) });
export type Credentials = z.infer<typeof Credentials>;

export interface AccountsOptions {
  context: ProfileContext;
  dataDir: string;
  /** The real account's store (settings, credentials, cache) and session secret. */
  store: KeyValueStore;
  secretStore: SecretStore;
  env: Record<string, string | undefined>;
  loadLocalDc?: () => Promise<LocalDcModule>;
}

export class Accounts {
  #current: Profile | undefined;

  constructor(private readonly options: AccountsOptions) {}

  get current(): Profile | undefined {
    return this.#current;
  }

  requireProfile(): Profile {
    if (!this.#current) throw new AppError('NEEDS_CREDENTIALS', 'Enter your api_id and api_hash first, or try the demo.');
    return this.#current;
  }

  requireReady(): Profile {
    const current = this.requireProfile();
    if (!current.isReady) throw new AppError('NOT_LOGGED_IN', 'Log in to Telegram first.');
    return current;
  }

  saveCredentials(credentials: Credentials): void {
    this.options.store.set('credentials', { apiId: credentials.apiId, apiHash: credentials.apiHash.toLowerCase() });
  }

  /** The user's own account; without credentials (and no DC override) the first-run screen. */
  async startReal(): Promise<void> {
    const { context, env } = this.options;
    let dc: ReturnType<typeof dcOverrideFromEnv>;
    try {
      dc = dcOverrideFromEnv(env);
    } catch (error) {
      context.status.setSync({ state: 'error', message: toAppError(error, context.clock.now()).message });
      context.status.setSession({ status: 'needs-credentials' });
      return;
    }
    if (dc) trustServerKey(dc.publicKeyPem);
    // A self-run DC does not check api credentials; Telegram does.
    const credentials = this.#credentials() ?? (dc ? TEST_API : undefined);
    if (!credentials) {
      await this.#replace(undefined);
      context.status.setSession({ status: 'needs-credentials' });
      return;
    }
    await this.#start({
      demo: false,
      store: this.options.store,
      secretStore: this.options.secretStore,
      ...credentials,
      ...(dc ? { dc: { host: dc.host, port: dc.port } } : {}),
      avatarDir: join(this.options.dataDir, 'avatars'),
    });
  }

  /** The demo account on the local DC; the user's real cache and session are never touched. */
  async startDemo(): Promise<void> {
    if (this.#current?.demo && this.#current.isReady) return;
    const { context } = this.options;
    const module = await (this.options.loadLocalDc ?? loadLocalDc)();
    const dc = await module.startFakeDc({ world: 'demo', log: (line) => context.log('info', `demo DC: ${line}`) });
    trustServerKey(dc.publicKeyPem);
    const demo = await this.#start({
      demo: true,
      store: createMemoryStore(),
      secretStore: createMemorySecretStore(),
      ...TEST_API,
      dc: { host: dc.host, port: dc.port },
      avatarDir: join(this.options.dataDir, 'demo-avatars'),
      closeDc: () => dc.close(),
    });
    if (!demo.isReady) {
      await demo.session.submitPhone(DEMO_PHONE);
      await demo.session.submitCode(DEMO_CODE);
    }
  }

  async stop(): Promise<void> {
    await this.#replace(undefined);
  }

  async #start(options: ProfileOptions): Promise<Profile> {
    const next = new Profile(this.options.context, options);
    await this.#replace(next);
    await next.start();
    return next;
  }

  async #replace(next: Profile | undefined): Promise<void> {
    const previous = this.#current;
    this.#current = next;
    await previous?.stop();
  }

  #credentials(): Credentials | undefined {
    const { env, store } = this.options;
    const fromEnv = { apiId: Number(env.TG_API_ID), apiHash: env.TG_API_HASH ?? '' };
    if (Number.isInteger(fromEnv.apiId) && fromEnv.apiId > 0 && fromEnv.apiHash) return fromEnv;
    const saved = Credentials.safeParse(store.get('credentials'));
    return saved.success ? saved.data : undefined;
  }
}
