/**
 * Where the Telegram session string (the auth key: whoever has it IS the user) is kept.
 *
 * The core only sees this interface. The Electron shell implements it with safeStorage and must
 * throw `AppError('SECRET_STORAGE_UNAVAILABLE', …)` from `assertWritable` and `set` when only
 * safeStorage's plaintext backend exists (Linux without a keyring): the core then refuses to log
 * in rather than leave the key in the clear. The secret never crosses IPC and is never logged.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors.js';

export interface SecretStore {
  get(): Promise<string | undefined>;
  set(secret: string): Promise<void>;
  delete(): Promise<void>;
  /** Throws SECRET_STORAGE_UNAVAILABLE when `set` would refuse; called before a login starts. */
  assertWritable?(): Promise<void>;
}

export function createMemorySecretStore(): SecretStore {
  let secret: string | undefined;
  return {
    get: async () => secret,
    set: async (value) => void (secret = value),
    delete: async () => void (secret = undefined),
  };
}

export const SECRET_FILE = 'session.enc';
export const SECRET_KEY_FILE = 'session.key';

/**
 * The CLI's store: the session encrypted with AES-256-GCM in `session.enc`, under a random key in
 * `session.key`, both mode 0600 in the data dir.
 *
 * What this covers: other local users (0600), and the session leaking through anything that reads
 * the data file without the key file — a grep, a log or bug report that attaches the store, a
 * backup or sync that only takes one of them (TG_SECRET_KEY_FILE can put the key elsewhere).
 * What it does not cover: malware running as the same user, which can read both files; for that
 * the desktop app uses the OS keychain through safeStorage instead.
 */
export function createFileSecretStore(dataDir: string, keyFile = join(dataDir, SECRET_KEY_FILE)): SecretStore {
  const secretFile = join(dataDir, SECRET_FILE);

  const writePrivate = (file: string, data: Buffer) => {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // Write then rename, so a crash never leaves half a key or half a session behind.
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, data, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, file);
  };

  const key = (create: boolean): Buffer | undefined => {
    if (existsSync(keyFile)) {
      const bytes = readFileSync(keyFile);
      if (bytes.length === 32) return bytes;
      if (!create) return undefined;
    }
    if (!create) return undefined;
    const fresh = randomBytes(32);
    writePrivate(keyFile, fresh);
    return fresh;
  };

  return {
    async get() {
      if (!existsSync(secretFile)) return undefined;
      const secretKey = key(false);
      if (!secretKey) return undefined;
      try {
        const blob = readFileSync(secretFile);
        const decipher = createDecipheriv('aes-256-gcm', secretKey, blob.subarray(0, 12));
        decipher.setAuthTag(blob.subarray(12, 28));
        return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        // A tampered file or a replaced key: treat as logged out rather than crash.
        return undefined;
      }
    },
    async set(secret) {
      const secretKey = key(true)!;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', secretKey, iv);
      const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      writePrivate(secretFile, Buffer.concat([iv, cipher.getAuthTag(), body]));
    },
    async delete() {
      rmSync(secretFile, { force: true });
    },
  };
}

/** For shells: the error to throw when only a plaintext backend exists. */
export function secretStorageUnavailable(): AppError {
  return new AppError(
    'SECRET_STORAGE_UNAVAILABLE',
    'No secure storage for the Telegram session is available (no system keyring). TopSwitch will not store it in plain text.',
  );
}
