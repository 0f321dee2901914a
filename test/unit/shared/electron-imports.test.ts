/**
 * The rule that keeps TopSwitch testable: only the Electron shell imports 'electron'. Everything
 * else runs under plain Node (core, CLI) or in a sandboxed page (renderer) and is tested for real.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const SHELL = [
  /^electron\/main\/(index|window|security|ipc|shortcuts|tray|menu|protocol)\.ts$/,
  /^electron\/main\/platform\/[^/]+\.ts$/,
  /^electron\/preload\/[^/]+\.ts$/,
];

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|svelte|js|mjs|cjs)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** Static imports, re-exports, dynamic imports and require() of 'electron' or 'electron/…'. */
export const IMPORTS_ELECTRON = /(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)['"]electron(?:\/[^'"]*)?['"]/;

describe('only the shell imports electron', () => {
  it('recognises every form of import it guards against', () => {
    for (const line of [
      "import { app } from 'electron';",
      'import electron from "electron"',
      "import 'electron';",
      "const { ipcMain } = require('electron')",
      "await import('electron/main')",
      "export { app } from 'electron'",
    ]) {
      expect(line).toMatch(IMPORTS_ELECTRON);
    }
    for (const line of ["import Store from 'electron-store';", "import { x } from './electron.js';", "// the electron shell"]) {
      expect(line).not.toMatch(IMPORTS_ELECTRON);
    }
  });

  it('no file outside the shell imports electron', () => {
    const offenders = [...sources('electron'), ...sources('renderer/src')].filter(
      (file) => !SHELL.some((rule) => rule.test(file)) && IMPORTS_ELECTRON.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
