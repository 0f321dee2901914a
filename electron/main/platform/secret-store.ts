/**
 * The desktop app's SecretStore: the Telegram session encrypted by the OS keychain through
 * Electron's safeStorage (Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux), kept
 * as `session.safe` (mode 0600) in the data dir.
 *
 * It refuses (SECRET_STORAGE_UNAVAILABLE) rather than degrade: on Linux without a keyring
 * safeStorage falls back to 'basic_text', which "encrypts" with a hard-coded password, i.e. the
 * session would sit on disk readable by anything that can read the file.
 *
 * safeStorage is passed in (index.ts hands over Electron's) so this module never loads electron
 * and is tested under Node with a fake.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { AppError } from '../../core/errors.js';
import { secretStorageUnavailable, type SecretStore } from '../../core/telegram/secret-store.js';

export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export const SAFE_SECRET_FILE = 'session.safe';

export function createSafeStorageSecretStore(
  safeStorage: SafeStorageLike,
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
  /** What to tell the user, in the shell's language of the moment (keyring.ts: which keyring, what to run); else the core's general message. */
  unavailableMessage?: () => string,
): SecretStore {
  const unavailable = () => (unavailableMessage ? new AppError('SECRET_STORAGE_UNAVAILABLE', unavailableMessage()) : secretStorageUnavailable());
  const file = join(dataDir, SAFE_SECRET_FILE);

  const assertWritable = async (): Promise<void> => {
    // 'basic_text' is only reported on Linux; elsewhere the call is not meaningful.
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') throw unavailable();
    if (!(await safeStorage.isAsyncEncryptionAvailable())) throw unavailable();
  };

  const write = async (secret: string) => {
    const encrypted = await safeStorage.encryptStringAsync(secret);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // Write then rename: a crash never leaves half a session behind.
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, encrypted, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  };

  return {
    assertWritable,
    async get() {
      if (!existsSync(file)) return undefined;
      try {
        if (!(await safeStorage.isAsyncEncryptionAvailable())) return undefined;
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(readFileSync(file));
        // The keychain rotated its key: store the session under the new one.
        if (shouldReEncrypt) await write(result).catch(() => {});
        return result;
      } catch {
        // Keychain reset, another user's file, a different machine: the user logs in again.
        return undefined;
      }
    },
    async set(secret) {
      await assertWritable();
      await write(secret);
    },
    async delete() {
      rmSync(file, { force: true });
    },
  };
}
