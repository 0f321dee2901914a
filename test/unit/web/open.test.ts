/** How browser mode opens its page and links (electron/web/open.ts), with stand-in programs on a private PATH. */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpener, findChromium } from '../../../electron/web/open.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A PATH holding programs that only record how they were called. */
function pathWith(...names: string[]): { path: string; calls(): string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'topswitch-open-'));
  dirs.push(dir);
  const log = join(dir, 'calls.txt');
  for (const name of names) {
    writeFileSync(join(dir, name), `#!/bin/sh\necho "${name} $*" >> '${log}'\n`);
    chmodSync(join(dir, name), 0o755);
  }
  // Only whole lines count: the shell creates the log before its echo writes, so a read can meet an empty file.
  const calls = (): string[] => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(0, -1) : []);
  return { path: dir, calls };
}

async function until(check: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 100 && !check(); attempt++) await new Promise((done) => setTimeout(done, 50));
}

describe.skipIf(process.platform === 'win32')('opening browser mode', () => {
  it('prefers a Chromium-family browser in app mode', async () => {
    const bin = pathWith('google-chrome', 'xdg-open');
    expect(findChromium({ PATH: bin.path }, 'linux')).toBe(join(bin.path, 'google-chrome'));
    expect(await createOpener({ PATH: bin.path }, 'linux').openApp('http://127.0.0.1:1/?token=t')).toBe(true);
    await until(() => bin.calls().length > 0);
    expect(bin.calls()).toEqual(['google-chrome --app=http://127.0.0.1:1/?token=t']);
  });

  it('falls back to the default browser, and says when nothing could open the page', async () => {
    const bin = pathWith('xdg-open');
    expect(findChromium({ PATH: bin.path }, 'linux')).toBeUndefined();
    expect(await createOpener({ PATH: bin.path }, 'linux').openApp('http://127.0.0.1:1/')).toBe(true);
    await until(() => bin.calls().length > 0);
    expect(bin.calls()).toEqual(['xdg-open http://127.0.0.1:1/']);
    const empty = pathWith();
    expect(await createOpener({ PATH: empty.path }, 'linux').openApp('http://127.0.0.1:1/')).toBe(false);
  });

  it('uses TOPSWITCH_OPENER for the page and for links when set', async () => {
    const bin = pathWith('my-opener', 'chromium');
    const opener = createOpener({ PATH: bin.path, TOPSWITCH_OPENER: join(bin.path, 'my-opener') }, 'linux');
    await opener.openApp('http://127.0.0.1:1/');
    await opener.openLink('tg://resolve?domain=alice');
    await until(() => bin.calls().length > 1);
    expect(bin.calls().sort()).toEqual(['my-opener http://127.0.0.1:1/', 'my-opener tg://resolve?domain=alice']);
  });
});
