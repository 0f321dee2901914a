/**
 * The CLI's log: one private file in its data dir, so "the details are in the log" points at a
 * file that exists. Lines carry the time, level, message and the error's name, message and stack;
 * never arguments or results, which could hold a code, a password or the session.
 */
import { appendFileSync, chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/router.js';
import { PRIVATE_FILE_MODE } from '../core/store.js';

export const CLI_LOG_FILE = 'topswitch-cli.log';

export function cliLogPath(dataDir: string): string {
  return join(dataDir, CLI_LOG_FILE);
}

export function createCliLogger(dataDir: string): Logger {
  const file = cliLogPath(dataDir);
  return (level, message, detail) => {
    try {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      appendFileSync(file, `${new Date().toISOString()} ${level} ${message}${describeDetail(detail)}\n`, { mode: PRIVATE_FILE_MODE });
      chmodSync(file, PRIVATE_FILE_MODE);
    } catch {
      // A log that cannot be written must not turn a report into a second failure.
    }
  };
}

function describeDetail(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof Error) {
    const cause = detail.cause instanceof Error ? `\n  caused by ${detail.cause.stack ?? detail.cause.message}` : '';
    return `: ${detail.stack ?? `${detail.name}: ${detail.message}`}${cause}`;
  }
  return `: ${typeof detail === 'string' ? detail : typeof detail}`;
}
