import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyringChoice } from '../../../electron/main/keyring.js';
import { translator, type Locale } from '../../../electron/shared/i18n.js';
import { AppError } from '../../../electron/core/errors.js';
import { createSafeStorageSecretStore, SAFE_SECRET_FILE, type SafeStorageLike } from '../../../electron/main/platform/secret-store.js';

/**
 * safeStorage as Electron behaves: a reversible "encryption" (here XOR with a key the test holds,
 * standing in for the OS keychain), the backend Linux reports, and whether encryption is available.
 */
function fakeSafeStorage(options: { backend?: ReturnType<SafeStorageLike['getSelectedStorageBackend']>; available?: boolean; key?: number } = {}) {
  const state = { backend: options.backend ?? 'gnome_libsecret', available: options.available ?? true, key: options.key ?? 0x5a, reEncrypt: false };
  const xor = (bytes: Buffer) => Buffer.from(bytes.map((byte) => byte ^ state.key));
  const safeStorage: SafeStorageLike = {
    getSelectedStorageBackend: () => state.backend,
    isAsyncEncryptionAvailable: async () => state.available,
    encryptStringAsync: async (plain) => Buffer.concat([Buffer.from('v1:'), xor(Buffer.from(plain, 'utf8'))]),
    decryptStringAsync: async (encrypted) => {
      if (!encrypted.subarray(0, 3).equals(Buffer.from('v1:'))) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { result: xor(encrypted.subarray(3)).toString('utf8'), shouldReEncrypt: state.reEncrypt };
    },
  };
  return { safeStorage, state };
}

const SESSION = '1BVtsOKABu5a-very-secret-session-string';

describe('safeStorage secret store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'topswitch-secret-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the session encrypted on disk, private to the user, and reads it back', async () => {
    const { safeStorage } = fakeSafeStorage();
    const store = createSafeStorageSecretStore(safeStorage, dir, 'linux');
    await store.assertWritable!();
    await store.set(SESSION);
    const file = join(dir, SAFE_SECRET_FILE);
    expect(readFileSync(file).toString('latin1')).not.toContain(SESSION);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.get()).toBe(SESSION);
    await store.delete();
    expect(await store.get()).toBeUndefined();
  });

  it.each([
    ['Linux with only the plain-text backend', { backend: 'basic_text' as const }, 'linux' as const],
    ['no encryption available at all', { available: false }, 'darwin' as const],
  ])('refuses with SECRET_STORAGE_UNAVAILABLE on %s, and writes nothing', async (_why, options, platform) => {
    const { safeStorage } = fakeSafeStorage(options);
    const store = createSafeStorageSecretStore(safeStorage, dir, platform);
    const refusal = await store.assertWritable!().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe('SECRET_STORAGE_UNAVAILABLE');
    await expect(store.set(SESSION)).rejects.toMatchObject({ code: 'SECRET_STORAGE_UNAVAILABLE' });
    expect(() => statSync(join(dir, SAFE_SECRET_FILE))).toThrow();
  });

  it('on basic_text, tells the user what keyring.ts found out, and still writes nothing', async () => {
    const { safeStorage } = fakeSafeStorage({ backend: 'basic_text' });
    const message = keyringChoice({ platform: 'linux', backend: 'basic_text', secretService: false, args: [] });
    expect(message.action).toBe('refuse');
    let language: Locale = 'en';
    const store = createSafeStorageSecretStore(safeStorage, dir, 'linux', () => (message.action === 'refuse' ? message.message(translator(language)) : ''));
    await expect(store.set(SESSION)).rejects.toMatchObject({ code: 'SECRET_STORAGE_UNAVAILABLE', message: expect.stringContaining('--password-store=gnome-libsecret') });
    // The language switched in Settings: the next refusal says it in Russian.
    language = 'ru';
    await expect(store.set(SESSION)).rejects.toMatchObject({ message: expect.stringMatching(/^TopSwitch не будет хранить вход в Telegram без шифрования\..*--password-store=gnome-libsecret/s) });
    expect(() => statSync(join(dir, SAFE_SECRET_FILE))).toThrow();
  });

  it('does not judge the backend name off Linux (it is meaningless there)', async () => {
    const { safeStorage } = fakeSafeStorage({ backend: 'basic_text' });
    await expect(createSafeStorageSecretStore(safeStorage, dir, 'win32').assertWritable!()).resolves.toBeUndefined();
  });

  it('treats an undecryptable file (keychain reset, copied profile) as logged out', async () => {
    const { safeStorage } = fakeSafeStorage();
    writeFileSync(join(dir, SAFE_SECRET_FILE), 'garbage');
    expect(await createSafeStorageSecretStore(safeStorage, dir, 'linux').get()).toBeUndefined();
  });

  it('re-encrypts under the new key when the keychain says so', async () => {
    const { safeStorage, state } = fakeSafeStorage();
    const store = createSafeStorageSecretStore(safeStorage, dir, 'linux');
    await store.set(SESSION);
    const before = readFileSync(join(dir, SAFE_SECRET_FILE));
    state.reEncrypt = true;
    const decryptWithOldKey = safeStorage.decryptStringAsync;
    state.key = 0x33; // new encryptions use the rotated key…
    safeStorage.decryptStringAsync = async (encrypted) => {
      // …while this file was written under the old one.
      state.key = 0x5a;
      const result = await decryptWithOldKey(encrypted);
      state.key = 0x33;
      return result;
    };
    expect(await store.get()).toBe(SESSION);
    expect(readFileSync(join(dir, SAFE_SECRET_FILE)).equals(before)).toBe(false);
  });
});
