/**
 * The small key-value store the core persists into. electron-store (in the app) and conf (in the
 * CLI and tests) both satisfy it as they are; so does the in-memory map used by demo mode.
 */
import { chmodSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';

export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export function createMemoryStore(initial: Record<string, unknown> = {}): KeyValueStore {
  const values = new Map<string, unknown>(Object.entries(structuredClone(initial)));
  return {
    get: (key) => structuredClone(values.get(key)),
    set: (key, value) => void values.set(key, structuredClone(value)),
    delete: (key) => void values.delete(key),
  };
}

export const STORE_FILE_NAME = 'topswitch-store';

/**
 * A conf-backed store in `dir`. A file that does not parse is moved aside (never deleted: it may
 * be the only copy of something the user wants back) and the store starts from defaults.
 */
export function openFileStore(dir: string, name = STORE_FILE_NAME, onCorrupt?: (movedTo: string) => void): KeyValueStore {
  // The store holds peer lists, usernames and access hashes: private from the first write on
  // (conf would otherwise create the dir 0755 and the file 0644 under a usual umask).
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return openRecovering(
    join(dir, `${name}.json`),
    () => new Conf<Record<string, unknown>>({ cwd: dir, configName: name, clearInvalidConfig: false, configFileMode: PRIVATE_FILE_MODE }),
    onCorrupt,
  );
}

/** Owner read/write only: every file the core writes that holds account data. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Open a JSON-file store; when its file does not parse, move the file aside as
 * `<file>.corrupt-<time>` and open again from defaults. Shared by conf (CLI) and electron-store (app).
 */
export function openRecovering<T>(file: string, open: () => T, onCorrupt?: (movedTo: string) => void): T {
  try {
    return open();
  } catch (error) {
    if (!existsSync(file)) throw error;
    const movedTo = `${file}.corrupt-${Date.now()}`;
    renameSync(file, movedTo);
    // The copy may come from a version that wrote the store world-readable.
    chmodSync(movedTo, PRIVATE_FILE_MODE);
    onCorrupt?.(movedTo);
    return open();
  }
}
