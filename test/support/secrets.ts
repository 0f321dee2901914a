/**
 * The secrets scan: after a login, a logout or a fuzz run, nothing that lets someone be the user
 * (the session string, its auth key) or that the user typed to log in (the phone code, the cloud
 * password) may be in the data dir, the logs or anything sent to the renderer.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Secrets {
  /** StringSession.save() output, if known. */
  session?: string;
  code?: string;
  password?: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Byte needles: the session, parts of it, its 256-byte auth key raw, hex and base64. */
function needlesOf(secrets: Secrets): { label: string; bytes: Buffer }[] {
  const needles: { label: string; bytes: Buffer }[] = [];
  if (secrets.session) {
    const authKey = Buffer.from(secrets.session.slice(1), 'base64').subarray(-256);
    needles.push(
      { label: 'session string', bytes: Buffer.from(secrets.session) },
      { label: 'session string (part)', bytes: Buffer.from(secrets.session.slice(1, 60)) },
      { label: 'auth key', bytes: authKey },
      { label: 'auth key (hex)', bytes: Buffer.from(authKey.toString('hex').slice(0, 64)) },
      { label: 'auth key (base64)', bytes: Buffer.from(authKey.toString('base64').slice(0, 40)) },
    );
  }
  if (secrets.password) needles.push({ label: 'password', bytes: Buffer.from(secrets.password) });
  return needles;
}

/** Where each secret was found; empty when clean. */
export function scanForSecrets(secrets: Secrets, where: { dataDir?: string; texts?: Record<string, string> }): string[] {
  const found: string[] = [];
  const needles = needlesOf(secrets);
  // The code is digits: match it as a whole token, not inside a longer number (an access hash).
  const code = secrets.code ? new RegExp(`(^|[^0-9])${secrets.code}([^0-9]|$)`) : undefined;
  const check = (label: string, bytes: Buffer) => {
    for (const needle of needles) if (needle.bytes.length > 0 && bytes.includes(needle.bytes)) found.push(`${needle.label} in ${label}`);
    // Encrypted and image files are random-looking bytes: five digits in a row there mean nothing.
    const binary = /\.(jpg|enc|key)$/.test(label);
    if (code && !binary && code.test(bytes.toString('latin1'))) found.push(`phone code in ${label}`);
  };
  if (where.dataDir) for (const file of filesUnder(where.dataDir)) check(file, readFileSync(file));
  for (const [label, text] of Object.entries(where.texts ?? {})) check(label, Buffer.from(text));
  return found;
}
