/**
 * The packaged app, checked offline: `electron-builder --dir` with the real electron-builder.yml
 * against a stand-in Electron (stand-in-electron.ts), then app.asar listed with @electron/asar.
 * What ships must be the built app and its production dependencies — no tests, no sources, no
 * source maps, no dev tooling — every import of the main bundle must resolve inside the asar,
 * and the fuses must be flipped as configured.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import asar from '@electron/asar';
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeStandInElectron } from './stand-in-electron.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const ELECTRON_VERSION = (JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;

let work: string;
let appDir: string;
let files: string[];
let fileSet: Set<string>;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'topswitch-pack-'));
  const electronDist = makeStandInElectron(join(work, 'electron-dist'), ELECTRON_VERSION);
  const output = join(work, 'dist');
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules/electron-builder/cli.js'),
      '--dir',
      '--linux',
      '--x64',
      '--publish=never',
      `-c.electronDist=${electronDist}`,
      `-c.electronVersion=${ELECTRON_VERSION}`,
      `-c.directories.output=${output}`,
    ],
    // CI=true keeps electron-builder from trying to publish or prompting; no network is needed.
    { cwd: ROOT, env: { ...process.env, CI: 'true' }, maxBuffer: 16 * 1024 * 1024 },
  ).catch((error: { stdout?: string; stderr?: string; message: string }) => {
    // execFile's message is only the command line; what electron-builder said is in its output.
    throw new Error(`electron-builder --dir failed:\n${error.stderr ?? ''}\n${error.stdout ?? ''}`.slice(0, 8000));
  });
  appDir = join(output, 'linux-unpacked');
  files = asar.listPackage(join(appDir, 'resources/app.asar'), { isPack: false }).map((file) => file.replaceAll('\\', '/'));
  fileSet = new Set(files);
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const outsideNodeModules = () => files.filter((file) => !file.startsWith('/node_modules/'));
const packagesInAsar = () => {
  const names = new Set<string>();
  for (const file of files) {
    const parts = file.split('/');
    if (parts[1] !== 'node_modules' || !parts[2]) continue;
    names.add(parts[2].startsWith('@') && parts[3] ? `${parts[2]}/${parts[3]}` : parts[2]);
  }
  return names;
};

describe('packaged app.asar', () => {
  it('holds main, preload and renderer, and package.json', () => {
    for (const file of ['/package.json', '/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html']) {
      expect(fileSet.has(file), file).toBe(true);
    }
    expect(files.some((file) => /^\/out\/renderer\/assets\/.+\.js$/.test(file))).toBe(true);
  });

  it('holds no tests, no sources and no source maps', () => {
    const app = outsideNodeModules();
    expect(app.filter((file) => /^\/(test|tests|electron|renderer|build|bin|scripts)(\/|$)/.test(file))).toEqual([]);
    expect(app.filter((file) => /\.(ts|tsx|mts|cts|svelte)$/.test(file))).toEqual([]);
    expect(files.filter((file) => file.endsWith('.map') && !file.startsWith('/node_modules/'))).toEqual([]);
    expect(app.filter((file) => /\/(vitest|vite|electron\.vite)\.config\./.test(file) || file.endsWith('.test.js'))).toEqual([]);
    // Only the built app and package.json at the top level.
    expect(new Set(app.map((file) => file.split('/')[1]))).toEqual(new Set(['out', 'package.json', 'node_modules']));
  });

  it('ships every production dependency and no dev dependency', () => {
    const shipped = packagesInAsar();
    for (const name of Object.keys(pkg.dependencies)) expect(shipped.has(name), `dependency ${name}`).toBe(true);
    const dev = Object.keys(pkg.devDependencies).filter((name) => !(name in pkg.dependencies));
    expect(dev).toEqual(expect.arrayContaining(['vitest', 'playwright-core', 'svelte-check', 'electron', 'electron-builder', 'typescript']));
    expect(dev.filter((name) => shipped.has(name))).toEqual([]);
  });

  it('resolves every import of the built main process inside the asar (Node ESM rules: exact file paths)', () => {
    const mainDir = join(ROOT, 'out/main');
    const bundles = readdirSync(mainDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    const unresolved: string[] = [];
    for (const bundle of bundles) {
      const code = readFileSync(join(mainDir, bundle), 'utf8');
      for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"'./][^"']*)["']/g)) {
        const specifier = match[1]!;
        if (specifier === 'electron' || builtins.has(specifier)) continue;
        const parts = specifier.split('/');
        const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
        const subpath = parts.slice(specifier.startsWith('@') ? 2 : 1).join('/');
        const base = `/node_modules/${name}`;
        const manifest = `${base}/package.json`;
        if (!fileSet.has(manifest)) {
          unresolved.push(`${bundle}: ${specifier} (package not in the asar)`);
          continue;
        }
        const exportsMap = (JSON.parse(asar.extractFile(join(appDir, 'resources/app.asar'), manifest.slice(1)).toString('utf8')) as { exports?: unknown }).exports;
        // With an exports map, Node resolves through it; without one, a subpath must name a file exactly.
        if (subpath && exportsMap === undefined && !fileSet.has(`${base}/${subpath}`)) {
          unresolved.push(`${bundle}: ${specifier} (no file ${base}/${subpath}; ESM needs the extension)`);
        }
      }
    }
    expect(unresolved).toEqual([]);
  });

  it('flips the Electron fuses as electron-builder.yml says', async () => {
    const wire = await getCurrentFuseWire(join(appDir, 'topswitch'));
    const DISABLE = 48;
    const ENABLE = 49;
    expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ENABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(DISABLE);
  });
});
