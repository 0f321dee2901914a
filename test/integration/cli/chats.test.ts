/**
 * `topswitch chats` and `topswitch search` end to end: child processes against an in-process
 * local DC (as cli.test.ts), logged in once through `topswitch login` with stdin piped.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_ACCOUNTS } from '../../../electron/local-dc/world/index.js';
import { startTestDc, type TestDc } from '../core/harness.js';
import { spawnCli, type CliRun } from './spawn-cli.js';

let dc: TestDc;
const dataDir = mkdtempSync(join(tmpdir(), 'topswitch-cli-chats-'));

function cli(args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return spawnCli(args, { env: { ...dc.env, TG_DATA_DIR: dataDir, TG_API_ID: '', TG_API_HASH: '', ...options.env }, input: options.input });
}

const ChatsJson = z.strictObject({
  offline: z.boolean(),
  fetchedAt: z.number().nullable(),
  chats: z.array(
    z.strictObject({
      key: z.string(),
      title: z.string(),
      kind: z.string(),
      username: z.string().optional(),
      unreadCount: z.number().int().nonnegative(),
      archived: z.boolean(),
      pinned: z.boolean(),
      muted: z.boolean(),
    }),
  ),
});
const SearchJson = z.array(
  z.strictObject({ key: z.string(), title: z.string(), section: z.enum(['Top', 'Chats', 'Global']), kind: z.string(), username: z.string().optional() }),
);
const SECTION_ORDER = ['Top', 'Chats', 'Global'];

beforeAll(async () => {
  dc = await startTestDc();
});
afterAll(() => dc.close());

describe('topswitch chats / search', { timeout: 120_000 }, () => {
  it('needs a login (exit 3) and a query (exit 2)', async () => {
    expect((await cli(['chats'])).code).toBe(3);
    expect((await cli(['search'])).code).toBe(2);
    const login = await cli(['login'], { input: `+${DEMO_ACCOUNTS.main.phone}\n${DEMO_ACCOUNTS.main.code}\n` });
    expect(login.code).toBe(0);
  });

  it('lists the whole chat list with key, title, unread count and archived', async () => {
    const run = await cli(['chats', '--json']);
    expect(run.code).toBe(0);
    const { chats, offline } = ChatsJson.parse(JSON.parse(run.stdout));
    expect(offline).toBe(false);
    const dialogs = [...dc.world.account(DEMO_ACCOUNTS.main.userId).dialogs.values()].filter((dialog) => dialog.messages.length > 0);
    expect(chats.map((chat) => chat.key).sort()).toEqual(dialogs.map((dialog) => `${dialog.peer.kind}:${dialog.peer.id}`).sort());
    for (const chat of chats) {
      const dialog = dialogs.find((candidate) => `${candidate.peer.kind}:${candidate.peer.id}` === chat.key)!;
      expect(chat.archived).toBe(dialog.folderId === 1);
      expect(chat.unreadCount).toBe(dialog.messages.filter((message) => !message.out && message.id > dialog.readInboxMaxId).length);
    }
    // The archive comes after the main list.
    expect(chats.findIndex((chat) => chat.archived)).toBe(chats.filter((chat) => !chat.archived).length);

    const table = await cli(['chats']);
    expect(table.stdout.trim().split('\n')).toHaveLength(chats.length);
    expect(table.stdout).toMatch(/^user:100401\tOscar Lindgren\t\d+\t/m);
  });

  it('searches Top then Chats with the switcher matcher; --global adds Global results last, none repeated', async () => {
    const alice = SearchJson.parse(JSON.parse((await cli(['search', 'alice', '--json'])).stdout));
    expect(alice[0]).toMatchObject({ key: 'user:100101', section: 'Top' });

    // Not a top peer: found in the chat list.
    const oscar = SearchJson.parse(JSON.parse((await cli(['search', 'oscar lind', '--json'])).stdout));
    expect(oscar[0]).toMatchObject({ key: 'user:100401', section: 'Chats', title: 'Oscar Lindgren' });

    const run = await cli(['search', 'anna', '--global', '--json']);
    expect(run.code).toBe(0);
    const anna = SearchJson.parse(JSON.parse(run.stdout));
    const sections = anna.map((item) => SECTION_ORDER.indexOf(item.section));
    expect(sections).toEqual([...sections].sort((a, b) => a - b));
    expect(anna.filter((item) => item.section === 'Global').map((item) => item.key)).toEqual(expect.arrayContaining(['user:100901', 'channel:1000009003']));
    const keys = anna.map((item) => item.key);
    expect(new Set(keys).size).toBe(keys.length);

    const plain = await cli(['search', 'anna', '--global']);
    expect(plain.stdout).toMatch(/^Global\tuser:100901\tAnna Global\t@anna_global$/m);
  });

  it('offline: cached lists, said on stderr; a global search cannot be answered (exit 5)', async () => {
    const env = { TG_DC: '127.0.0.1:9' };
    const chats = await cli(['chats', '--json'], { env });
    expect(chats.code).toBe(0);
    expect(chats.stderr).toMatch(/Offline: showing the cached chat list/);
    expect(ChatsJson.parse(JSON.parse(chats.stdout)).chats.length).toBeGreaterThan(100);
    const local = await cli(['search', 'oscar lind', '--json'], { env });
    expect(SearchJson.parse(JSON.parse(local.stdout))[0]).toMatchObject({ key: 'user:100401' });
    expect((await cli(['search', 'oscar', '--global'], { env })).code).toBe(5);
  });
});
