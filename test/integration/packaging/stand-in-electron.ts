/**
 * A directory that looks enough like an unpacked Electron for linux-x64 for `electron-builder
 * --dir` to package against it offline (electron-builder's `electronDist`): an `electron`
 * executable and a `version` file. The executable is a shell script that refuses to run, but it
 * carries Electron's fuse wire (sentinel, wire version 1, eight fuses in Electron's default
 * states), so electron-builder's real `electronFuses` step flips it and the test reads it back.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** @electron/fuses looks for this marker; the bytes after it are the fuse wire. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** RunAsNode, CookieEncryption, NODE_OPTIONS, --inspect, AsarIntegrity, OnlyLoadAppFromAsar, V8Snapshot, FileProtocolPrivileges — as Electron ships them. */
export const ELECTRON_DEFAULT_FUSES = '10110001';

export function makeStandInElectron(dir: string, electronVersion: string): string {
  mkdirSync(dir, { recursive: true });
  const script = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "TopSwitch packaging test: stand-in for Electron, not runnable" >&2\nexit 1\n# '),
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]),
    Buffer.from(ELECTRON_DEFAULT_FUSES, 'latin1'),
    Buffer.from('\n'),
  ]);
  writeFileSync(join(dir, 'electron'), script);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), `v${electronVersion}`);
  return dir;
}
