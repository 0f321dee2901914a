/**
 * The main process is ESM, and Node's ESM resolver (Electron's too) wants a deep import into a
 * package without an "exports" map to name the file exactly: 'telegram/Helpers' fails at run
 * time where 'telegram/Helpers.js' works, although TypeScript and Vite accept both. Everything
 * bundled into the main process — the shell, the core, and the demo's local DC — is checked here
 * at the source, so the failure names the file and line rather than a built chunk.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const BUNDLED_INTO_MAIN = ['electron/main', 'electron/core', 'electron/shared', 'electron/local-dc'];

function sources(dir: string): string[] {
  if (!existsSync(join(ROOT, dir))) return [];
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

describe('deep imports into packages resolve under ESM', () => {
  it('name the file exactly when the package has no exports map', () => {
    const problems: string[] = [];
    for (const file of BUNDLED_INTO_MAIN.flatMap(sources)) {
      const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
      lines.forEach((line, index) => {
        // Type-only imports are erased; they never reach the resolver.
        if (/^\s*(import|export)\s+type\b/.test(line)) return;
        for (const match of line.matchAll(/(?:from\s*|import\s*\(\s*)['"]((?:@[^/'"]+\/)?[^./'"][^/'"]*)\/([^'"]+)['"]/g)) {
          const [, name, subpath] = match as unknown as [string, string, string];
          const manifest = join(ROOT, 'node_modules', name, 'package.json');
          if (!existsSync(manifest)) continue;
          if ((JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: unknown }).exports !== undefined) continue;
          if (!existsSync(join(ROOT, 'node_modules', name, subpath))) {
            problems.push(`${file}:${index + 1}: '${name}/${subpath}' — write '${name}/${subpath}.js'`);
          }
        }
      });
    }
    expect(problems).toEqual([]);
  });
});
