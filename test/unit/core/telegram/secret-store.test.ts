import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileSecretStore, SECRET_FILE, SECRET_KEY_FILE } from '../../../../electron/core/telegram/secret-store.js';

const SECRET = '1AgAOMTQ5LjE1NC4xNjcuNTEBu' + 'x'.repeat(300);

describe('file secret store', () => {
  it('round-trips the session, encrypted at rest, files mode 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secret-'));
    const store = createFileSecretStore(dir);
    expect(await store.get()).toBeUndefined();
    await store.set(SECRET);
    expect(await createFileSecretStore(dir).get()).toBe(SECRET);
    for (const name of [SECRET_FILE, SECRET_KEY_FILE]) {
      expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
    }
    for (const name of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, name));
      expect(bytes.includes(Buffer.from(SECRET.slice(0, 40)))).toBe(false);
      expect(bytes.toString('base64').includes(SECRET.slice(0, 40))).toBe(false);
    }
    await store.delete();
    expect(await store.get()).toBeUndefined();
  });

  it('treats a tampered file as no session instead of crashing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secret-'));
    const store = createFileSecretStore(dir);
    await store.set(SECRET);
    const blob = readFileSync(join(dir, SECRET_FILE));
    blob[blob.length - 1]! ^= 0xff;
    writeFileSync(join(dir, SECRET_FILE), blob);
    expect(await store.get()).toBeUndefined();
  });

  it('can keep the key elsewhere (TG_SECRET_KEY_FILE): the data dir alone does not open the session', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'secret-'));
    const keyDir = mkdtempSync(join(tmpdir(), 'secret-key-'));
    await createFileSecretStore(dir, join(keyDir, 'k')).set(SECRET);
    expect(readdirSync(dir)).toEqual([SECRET_FILE]);
    expect(await createFileSecretStore(dir).get()).toBeUndefined();
    expect(await createFileSecretStore(dir, join(keyDir, 'k')).get()).toBe(SECRET);
  });
});
