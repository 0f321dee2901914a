/**
 * Every auth key the DC has made, with the user it is signed in as and its server salt.
 *
 * With a state dir the keys live in `auth-keys.json`, so a StringSession saved before a DC
 * restart (or a process restart) resumes without a new handshake, still signed in.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AuthKeyRecord {
  /** Hex of the 8 auth_key_id bytes as they appear on the wire (SHA1(key)[12..20]). */
  readonly id: string;
  readonly key: Buffer;
  userId: bigint | undefined;
  salt: bigint;
  /** The TL layer the client declared with invokeWithLayer: answers and pushes are written in it. */
  layer?: number;
}

interface StoredKey {
  key: string; // base64
  userId?: string;
  salt: string;
}

export function authKeyIdOf(key: Buffer): string {
  return createHash('sha1').update(key).digest().subarray(12, 20).toString('hex');
}

export class AuthKeyStore {
  private readonly keys = new Map<string, AuthKeyRecord>();
  private readonly file: string | undefined;
  /** Keys made by handshakes since this store was opened (tests assert resumption makes none). */
  createdCount = 0;

  constructor(stateDir?: string) {
    if (!stateDir) return;
    mkdirSync(stateDir, { recursive: true });
    this.file = join(stateDir, 'auth-keys.json');
    if (!existsSync(this.file)) return;
    const stored = JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, StoredKey>;
    for (const [id, entry] of Object.entries(stored)) {
      this.keys.set(id, {
        id,
        key: Buffer.from(entry.key, 'base64'),
        userId: entry.userId === undefined ? undefined : BigInt(entry.userId),
        salt: BigInt(entry.salt),
      });
    }
  }

  get(id: string): AuthKeyRecord | undefined {
    return this.keys.get(id);
  }

  get size(): number {
    return this.keys.size;
  }

  add(key: Buffer, salt: bigint): AuthKeyRecord {
    const record: AuthKeyRecord = { id: authKeyIdOf(key), key, userId: undefined, salt };
    this.keys.set(record.id, record);
    this.createdCount += 1;
    this.save();
    return record;
  }

  bindUser(id: string, userId: bigint | undefined): void {
    const record = this.keys.get(id);
    if (!record) return;
    record.userId = userId;
    this.save();
  }

  private save(): void {
    if (!this.file) return;
    const stored: Record<string, StoredKey> = {};
    for (const record of this.keys.values()) {
      stored[record.id] = {
        key: record.key.toString('base64'),
        ...(record.userId === undefined ? {} : { userId: record.userId.toString() }),
        salt: record.salt.toString(),
      };
    }
    // Write then rename, so a DC killed mid-write never leaves a truncated key file.
    const temp = `${this.file}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temp, JSON.stringify(stored, null, 1), { mode: 0o600 });
    renameSync(temp, this.file);
  }
}
