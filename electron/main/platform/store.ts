/**
 * The app's key-value store: electron-store, which is conf with the data dir taken from Electron.
 * electron-store imports electron when it loads, so only the shell may import this file; the
 * core sees the KeyValueStore interface, and the CLI and the tests use conf directly.
 */
import { join } from 'node:path';
import Store from 'electron-store';
import { PRIVATE_FILE_MODE, STORE_FILE_NAME, openRecovering, type KeyValueStore } from '../../core/store.js';

export function createElectronStore(dataDir: string, onCorrupt?: (movedTo: string) => void): KeyValueStore {
  // Same file name and directory as the CLI's conf store, so the CLI and the app share settings.
  // Private from the first write: peer lists, usernames, access hashes.
  const open = () => new Store<Record<string, unknown>>({ cwd: dataDir, name: STORE_FILE_NAME, clearInvalidConfig: false, configFileMode: PRIVATE_FILE_MODE });
  // A file that does not parse is moved aside, never deleted (as the core's conf store does).
  const store = openRecovering(join(dataDir, `${STORE_FILE_NAME}.json`), open, onCorrupt);
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
  };
}
