/**
 * `topswitch history|send|read` in-process (main(argv) with stdout captured), on a data dir a
 * logged-in core left behind, against the local DC.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { main, EXIT } from '../../../electron/cli/index.js';
import { DEMO_ACCOUNTS, DEMO_CHATS } from '../../../electron/local-dc/world/index.js';
import { loginMain, makeCore, startTestDc, type TestDc } from '../core/harness.js';

let dc: TestDc;
const dataDir = mkdtempSync(join(tmpdir(), 'topswitch-cli-chats-'));
const saved = { ...process.env };

beforeAll(async () => {
  dc = await startTestDc();
  const t = makeCore(dc, { dataDir });
  await t.core.start();
  await loginMain(t);
  await t.stop();
  Object.assign(process.env, dc.env, { TG_DATA_DIR: dataDir, TG_API_ID: '', TG_API_HASH: '' });
});
afterAll(async () => {
  process.env = saved;
  await dc.close();
});

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { code: await main(argv), stdout, stderr };
  } finally {
    outSpy.mockRestore();
    errSpy.mockRestore();
  }
}

it('prints a history, sends, reads, and fails clearly on bad input', { timeout: 120_000 }, async () => {
  const history = await run(['history', '@olivia_long', '--limit', '60', '--json']);
  expect(history.code).toBe(EXIT.ok);
  const parsed = JSON.parse(history.stdout) as { peer: { key: string }; messages: { id: number }[] };
  expect(parsed.peer.key).toBe(`user:${DEMO_CHATS.long.id}`);
  expect(parsed.messages).toHaveLength(60);

  const text = await run(['history', 'Mallory Markup']);
  expect(text.code).toBe(EXIT.ok);
  expect(text.stdout).toContain('<img src=x onerror=alert(1)>');

  const sent = await run(['send', `user:${DEMO_CHATS.long.id}`, 'from the terminal']);
  expect(sent.code).toBe(EXIT.ok);
  expect(dc.world.account(DEMO_ACCOUNTS.main.userId).dialogs.get(`user:${DEMO_CHATS.long.id}`)!.messages.at(-1)!.text).toBe('from the terminal');

  const read = await run(['read', 'Xavier Unread']);
  expect(read.code).toBe(EXIT.ok);
  const dialog = dc.world.account(DEMO_ACCOUNTS.main.userId).dialogs.get(`user:${DEMO_CHATS.unread.id}`)!;
  expect(dialog.readInboxMaxId).toBe(dialog.messages.at(-1)!.id);

  // A chat that is in the chat list but in no top-peer category is reachable too.
  const account = dc.world.account(DEMO_ACCOUNTS.main.userId);
  const ranked = new Set([...account.ratings.values()].flatMap((peers) => [...peers.keys()]));
  const listOnly = [...account.dialogs.keys()].find((key) => !ranked.has(key) && key.startsWith('user:'));
  expect(listOnly).toBeDefined();
  const toListOnly = await run(['send', listOnly!, 'beyond the top peers']);
  expect(toListOnly.stderr).toBe('');
  expect(toListOnly.code).toBe(EXIT.ok);
  expect(account.dialogs.get(listOnly!)!.messages.at(-1)!.text).toBe('beyond the top peers');
  const listHistory = await run(['history', listOnly!, '--json']);
  expect(listHistory.code).toBe(EXIT.ok);
  expect((JSON.parse(listHistory.stdout) as { messages: { text: string }[] }).messages.map((message) => message.text)).toContain('beyond the top peers');

  expect((await run(['send', '@olivia_long', '  '])).code).toBe(EXIT.usage);
  const missing = await run(['read', '@nobody_like_this']);
  expect(missing.code).toBe(EXIT.failure);
  expect(missing.stderr).toContain('not in your chat list');
});

it('a send Telegram asks to wait for exits rate limited, and leaves nothing queued behind the script', { timeout: 120_000 }, async () => {
  const olivia = `user:${DEMO_CHATS.long.id}` as const;
  dc.dc.faults.inject('messages.SendMessage', { kind: 'rpc-error', code: 420, message: 'FLOOD_WAIT_120' });
  const refused = await run(['send', olivia, 'not now']);
  expect(refused.code).toBe(EXIT.rateLimited);
  expect(refused.stderr).toMatch(/Not sent: Telegram asks to wait 120 s/);
  // The queue the app keeps is not a script's: the message was deleted, so no later run sends it.
  const history = await run(['history', olivia, '--json']);
  expect((JSON.parse(history.stdout) as { messages: { text: string; state: string }[] }).messages.filter((message) => message.text === 'not now')).toEqual([]);
  expect(dc.world.account(DEMO_ACCOUNTS.main.userId).dialogs.get(olivia)!.messages.filter((message) => message.text === 'not now')).toEqual([]);
});
