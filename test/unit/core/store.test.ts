import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFileStore, STORE_FILE_NAME } from '../../../electron/core/store.js';
import { TopPeersCache } from '../../../electron/core/top-peers/cache.js';

describe('file store', () => {
  it('persists values across opens', () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-'));
    openFileStore(dir).set('answer', { value: 42 });
    expect(openFileStore(dir).get('answer')).toEqual({ value: 42 });
  });

  it('moves a corrupt file aside and starts from defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-'));
    const garbage = '{"topPeers": [1, 2,, oops';
    writeFileSync(join(dir, `${STORE_FILE_NAME}.json`), garbage);
    const moved: string[] = [];
    const store = openFileStore(dir, undefined, (path) => moved.push(path));
    expect(store.get('topPeers')).toBeUndefined();
    expect(moved).toHaveLength(1);
    expect(readFileSync(moved[0]!, 'utf8')).toBe(garbage);
    store.set('ok', true);
    expect(readdirSync(dir).sort()).toEqual([`${STORE_FILE_NAME}.json`, moved[0]!.split('/').pop()].sort());
  });

  it('drops a cached list that does not match the schema instead of showing it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-'));
    const store = openFileStore(dir);
    store.set('topPeers', { status: 'ok', peers: [{ key: 'not a key' }], categories: ['groups'], hash: 'x' });
    const cache = new TopPeersCache(store);
    expect(cache.value).toBeUndefined();
    expect(cache.snapshot(['groups']).status).toBe('empty');
  });
});
