/**
 * electron-builder.yml, read the way electron-builder reads it (YAML, with package.json for the
 * metadata): the installers the issue asks for, with the fields the Linux packages require and
 * icon files that exist. The installers themselves need the network to build (`npm run dist`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
// js-yaml comes with electron-builder; it is what electron-builder parses this file with.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as any;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & { author?: { email?: string } };

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('TopSwitch');
    expect(config.directories.buildResources).toBe('build');
  });

  it('builds AppImage and deb with the metadata a deb needs', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Utility');
    expect(config.linux.maintainer).toMatch(/<[^>]+@[^>]+>/);
    // fpm takes the homepage and the vendor's email from package.json.
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.author?.email).toMatch(/@/);
    expect(statSync(join(ROOT, config.linux.icon)).isDirectory()).toBe(true);
    // Wayland app id, .desktop file name and GlobalShortcuts-portal identity are one reverse-DNS name.
    expect(config.linux.syncDesktopName).toBe(true);
    expect(pkg.desktopName).toBe(`${config.appId}.desktop`);
  });

  it('builds a dmg for macOS and an nsis installer for Windows, with their icons', () => {
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    expect(existsSync(join(ROOT, config.mac.icon))).toBe(true);
    expect(existsSync(join(ROOT, config.win.icon))).toBe(true);
    expect(existsSync(join(ROOT, config.mac.entitlements))).toBe(true);
  });

  it('packs only the built app', () => {
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'out/**', '!out/**/*.map']));
    expect(config.files.filter((pattern: string) => !pattern.startsWith('!'))).toEqual(['package.json', 'out/**']);
    expect(config.asar).toBe(true);
    expect(config.publish).toBeNull();
  });

  it('sets every security fuse explicitly', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
