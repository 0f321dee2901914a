/**
 * A run from a source checkout (`npm start`, `npm run dev`) is a different app from the installed
 * TopSwitch: its own data folder (so it never reads or rewrites the real session and settings,
 * and holds its own single-instance lock), its own app id (desktop-entry.ts), and no login item.
 */
import { join } from 'node:path';

export const DEVELOPMENT_DATA_FOLDER = 'TopSwitch (development)';

/**
 * The data folder an unpackaged run uses, or undefined to keep Electron's. An explicit
 * `--user-data-dir` (the end-to-end tests give each run a throwaway one) always wins.
 */
export function developmentDataDir(options: { packaged: boolean; appDataDir: string; argv: readonly string[] }): string | undefined {
  if (options.packaged) return undefined;
  if (options.argv.some((arg) => arg.startsWith('--user-data-dir'))) return undefined;
  return join(options.appDataDir, DEVELOPMENT_DATA_FOLDER);
}
