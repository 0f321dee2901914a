import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliLogPath, createCliLogger } from '../../../electron/cli/log.js';

describe('the CLI log', () => {
  it('is a private file in the data dir holding the error and its cause', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cli-log-')), 'data');
    const log = createCliLogger(dir);
    log('error', 'top-peers failed', new Error('outer', { cause: new TypeError('inner detail') }));
    const text = readFileSync(cliLogPath(dir), 'utf8');
    expect(text).toMatch(/error top-peers failed: Error: outer/);
    expect(text).toContain('caused by TypeError: inner detail');
    expect(statSync(cliLogPath(dir)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
