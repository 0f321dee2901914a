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
const IMPORTS_ELECTRON = /(?:from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)['"]electron(?:\/[^'"]*)?['"]/;
/** `import type` / `export type` are erased by the compiler: they load nothing at run time. */
const TYPE_ONLY = /(?:import|export)\s+type\s+[^;]*?from\s*['"]electron(?:\/[^'"]*)?['"]/g;

const loadsElectron = (source: string): boolean => IMPORTS_ELECTRON.test(source.replace(TYPE_ONLY, ''));

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
      expect(loadsElectron(line), line).toBe(true);
    }
    for (const line of [
      "import Store from 'electron-store';",
      "import { x } from './electron.js';",
      '// the electron shell',
      "import type { Rectangle } from 'electron';",
      "import type {\n  WebPreferences,\n  Rectangle,\n} from 'electron';",
    ]) {
      expect(loadsElectron(line), line).toBe(false);
    }
    // A type-only import does not hide a real one next to it.
    expect(loadsElectron("import type { A } from 'electron';\nimport { app } from 'electron';")).toBe(true);
  });

  it('no file outside the shell imports electron', () => {
    const offenders = [...sources('electron'), ...sources('renderer/src')].filter(
      (file) => !SHELL.some((rule) => rule.test(file)) && loadsElectron(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
