/**
 * Where each signed-in account keeps its things: its store (top-peer cache, hash, flood waits,
 * chat list, update state, self), its session secret (encrypted at rest by whatever SecretStore the
 * host has), its avatar folder and chat-history database. Settings and API credentials stay in the
 * core's own store: they are the app's, not an account's.
 *
 * Two layouts:
 * - `accountFolders` (the app, browser mode, the CLI): every account in `accounts/<n>/` of the data
 *   dir. A single-account install's files (the account's keys in the main store, the session,
 *   `avatars/`, `chats.sqlite`) are moved into `accounts/1/` once, the session first written to its
 *   new place and read back before the old copy goes, so it is never lost half-way.
 * - `sharedFirstAccount` (the default, for cores built with one store and one secret, as the tests
 *   and older callers do): the first account lives in the core's store, secret and data dir as it
 *   always did; further accounts in `accounts/<n>/` with file stores and file secrets.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openFileStore, type KeyValueStore } from './store.js';
import { createFileSecretStore, type SecretStore } from './telegram/secret-store.js';

export interface AccountSpace {
  store: KeyValueStore;
  secretStore: SecretStore;
  /** The account's folder: `avatars/` and `chats.sqlite` live in it. */
  dir: string;
}

export interface AccountStorage {
  /** Move an older layout into this one; called once before any account opens. */
  prepare?(): Promise<void>;
  open(account: number): AccountSpace;
  /** After a logout has wiped the account: its folder goes too (never the data dir itself). */
  remove(account: number): void;
}

/** Keys of the core's store that belong to the account, not to the app. */
export const ACCOUNT_STORE_KEYS = ['self', 'phone', 'topPeers', 'floodWaits', 'openedAt', 'updatesState', 'ratingEDecay', 'chatList'] as const;

/** Which account numbers hold a saved login, in the core's store (a single-account install: [1]). */
export const ACCOUNT_LIST_KEY = 'accounts';

export const accountDir = (dataDir: string, account: number): string => join(dataDir, 'accounts', String(account));

export function sharedFirstAccount(dataDir: string, store: KeyValueStore, secretStore: SecretStore): AccountStorage {
  return {
    open: (account) =>
      account === 1 ? { store, secretStore, dir: dataDir } : openFolder(accountDir(dataDir, account), (dir) => createFileSecretStore(dir)),
    remove: (account) => {
      if (account !== 1) rmSync(accountDir(dataDir, account), { recursive: true, force: true });
    },
  };
}

export interface AccountFoldersOptions {
  dataDir: string;
  /** The core's store: where a single-account install kept the account's keys. */
  mainStore: KeyValueStore;
  /** Where a single-account install kept its session. */
  legacySecret: SecretStore;
  /** The host's secret store for a folder (safeStorage in the app, the 0600 file in the CLI). */
  secretFor: (dir: string) => SecretStore;
  log?: (message: string) => void;
}

export function accountFolders(options: AccountFoldersOptions): AccountStorage {
  const { dataDir } = options;
  return {
    prepare: () => migrateSingleAccount(options),
    open: (account) => openFolder(accountDir(dataDir, account), options.secretFor),
    remove: (account) => rmSync(accountDir(dataDir, account), { recursive: true, force: true }),
  };
}

function openFolder(dir: string, secretFor: (dir: string) => SecretStore): AccountSpace {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return { store: openFileStore(dir), secretStore: secretFor(dir), dir };
}

/** Moves what a single-account install kept at the top of the data dir into `accounts/1/`. */
async function migrateSingleAccount(options: AccountFoldersOptions): Promise<void> {
  const { dataDir, mainStore, legacySecret } = options;
  const session = await legacySecret.get();
  const hasKeys = ACCOUNT_STORE_KEYS.some((key) => mainStore.get(key) !== undefined);
  const files = ['avatars', 'chats.sqlite', 'chats.sqlite-wal', 'chats.sqlite-shm'].filter((name) => existsSync(join(dataDir, name)));
  if (session === undefined && !hasKeys && files.length === 0) return;
  const target = openFolder(accountDir(dataDir, 1), options.secretFor);
  if (session !== undefined && (await target.secretStore.get()) === undefined) {
    await target.secretStore.set(session);
    // Only a copy that reads back lets the old one go.
    if ((await target.secretStore.get()) !== session) throw new Error('the moved session did not read back');
  }
  if (session !== undefined) await legacySecret.delete();
  for (const key of ACCOUNT_STORE_KEYS) {
    const value = mainStore.get(key);
    if (value === undefined) continue;
    if (target.store.get(key) === undefined) target.store.set(key, value);
    mainStore.delete(key);
  }
  for (const name of files) {
    const to = join(target.dir, name);
    if (existsSync(to)) rmSync(join(dataDir, name), { recursive: true, force: true });
    else renameSync(join(dataDir, name), to);
  }
  if (mainStore.get(ACCOUNT_LIST_KEY) === undefined && session !== undefined) mainStore.set(ACCOUNT_LIST_KEY, [1]);
  options.log?.(`moved the signed-in account's files into ${target.dir}`);
}
