/**
 * MTProto conformance with a client that shares no code with gramjs: mtcute (TL layer 227).
 * It signs in, reads top peers, the chat list and histories, sends, and downloads a photo —
 * each call answered once (no resends after an answer it could not parse), service answers
 * bare (future_salts is not an rpc_result), and nothing it logs as a protocol warning or error.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TelegramClient } from '@mtcute/node';
import { withTimeout } from '../../../electron/core/clock.js';
import { startFakeDc, type FakeDc } from '../../../electron/local-dc/index.js';
import type { MethodHandler } from '../../../electron/local-dc/types.js';
import { createDemoWorld, DEMO_ACCOUNTS, type World } from '../../../electron/local-dc/world/index.js';
import { mtcuteClient } from './mtcute-client.js';

let dc: FakeDc;
let world: World;
let tg: TelegramClient;
const calls = new Map<string, number>();
const complaints: string[] = [];

beforeAll(async () => {
  world = createDemoWorld();
  // Count what the client calls, to see resends.
  const methods = world.methods as Map<string, MethodHandler>;
  for (const [name, handler] of [...methods]) {
    methods.set(name, (request, ctx) => {
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return handler(request, ctx);
    });
  }
  dc = await startFakeDc({ world, log: () => undefined });
  tg = mtcuteClient(dc, 2);
  // Level 2 = warnings and errors: what mtcute says when it rejects something the DC sent.
  tg.log.mgr.handler = (_color, level, tag, fmt, args) => {
    if (level <= 2) complaints.push(`${tag}: ${fmt} ${args.map(String).join(' ')}`);
  };
});

afterAll(async () => {
  await tg?.destroy();
  await dc?.close();
});

/** One call, bounded: a call the client never sees answered fails here with its name, not as the whole test's timeout. */
const step = <T>(name: string, call: () => Promise<T>): Promise<T> =>
  withTimeout(call(), STEP_MS, () => new Error(`${name}: no answer in ${STEP_MS / 1000} s (calls so far: ${JSON.stringify(Object.fromEntries(calls))})`));
/** Far above a loaded machine's seconds, far below the test's own bound. */
const STEP_MS = 20_000;

it('signs in once, then reads top peers, the chat list, a history, sends and downloads without resends', { timeout: 90_000 }, async () => {
  const account = DEMO_ACCOUNTS.main;
  const me = await step('sign-in', () => tg.start({ phone: account.phone, code: async () => account.code }));
  expect(me.id).toBe(Number(account.userId));

  const top = await step('contacts.getTopPeers', () => tg.call({ _: 'contacts.getTopPeers', correspondents: true, groups: true, channels: true, offset: 0, limit: 30, hash: 0 as never } as never));
  expect((top as { _: string })._).toBe('contacts.topPeers');
  expect((top as unknown as { users: { firstName?: string }[] }).users.length).toBeGreaterThan(5);

  const dialogs = await step('the chat list', async () => {
    const found = [];
    for await (const dialog of tg.iterDialogs({ limit: 40 })) found.push(dialog);
    return found;
  });
  expect(dialogs.length).toBe(40);
  expect(dialogs.some((dialog) => dialog.unreadCount > 0)).toBe(true);

  const history = await step('a history', () => tg.getHistory('olivia_long', { limit: 50 }));
  expect(history.length).toBe(50);
  const older = await step('an older page', () => tg.getHistory('olivia_long', { limit: 50, offset: { id: history.at(-1)!.id, date: history.at(-1)!.date.getTime() / 1000 } }));
  expect(older[0]!.id).toBeLessThan(history.at(-1)!.id);

  const club = await step('a group history', () => tg.getHistory('photo_club_demo', { limit: 40 }));
  expect(club.some((message) => message.media?.type === 'poll')).toBe(true);
  const withPhoto = club.find((message) => message.media?.type === 'photo')!;
  const bytes = await step('a photo download', () => tg.downloadAsBuffer(withPhoto.media as never));
  expect(Buffer.from(bytes).subarray(0, 2).toString('hex')).toBe('ffd8');

  const sent = await step('a send', () => tg.sendText('olivia_long', 'hello from an independent client'));
  expect(sent.text).toBe('hello from an independent client');
  const [newest] = await step('the newest message', () => tg.getHistory('olivia_long', { limit: 1 }));
  expect(newest!.id).toBe(sent.id);
  await step('a read', () => tg.readHistory('olivia_long'));

  expect(calls.get('auth.SignIn')).toBe(1);
  expect(calls.get('contacts.GetTopPeers')).toBe(1);
  expect(calls.get('messages.SendMessage')).toBe(1);
  expect(complaints).toEqual([]);
});
