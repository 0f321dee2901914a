/**
 * The chat pane's channels through the app core and its router (validation both ways), with a
 * logged-in demo account on the local DC: open → pushed view, send, read, badges, and the
 * history file wiped on logout.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_CHATS } from '../../../../electron/local-dc/world/index.js';
import type { ChatView } from '../../../../electron/shared/ipc-contract.js';
import { startLoggedInCore, type TestCore } from '../harness.js';

let t: TestCore;
let close: () => Promise<void>;
const OLIVIA = `user:${DEMO_CHATS.long.id}`;
const XAVIER = `user:${DEMO_CHATS.unread.id}`;

beforeAll(async () => {
  ({ t, close } = await startLoggedInCore());
});
afterAll(() => close());

it('opens a chat from the top peers, sends, reads, reports badges, and wipes history on logout', async () => {
  const first = await t.call<ChatView>('chat:open', { key: OLIVIA });
  expect(first.key).toBe(OLIVIA);
  await expect.poll(() => t.eventsOf('chat:view').filter((view) => view.key === OLIVIA && !view.loading).length, { timeout: 10_000 }).toBeGreaterThan(0);
  const loaded = t.eventsOf('chat:view').filter((view) => view.key === OLIVIA).at(-1)!;
  expect(loaded.messages.length).toBeGreaterThan(10);

  const sent = await t.call('chat:send', { key: OLIVIA, text: '<img src=x onerror=alert(1)>' });
  expect(sent).toMatchObject({ state: 'sent', text: '<img src=x onerror=alert(1)>' });
  expect((await t.fail('chat:send', { key: OLIVIA, text: '' })).code).toBe('INVALID_ARGUMENT');
  expect((await t.fail('chat:open', { key: 'user:1' })).code).toBe('PEER_NOT_FOUND');

  const [badge] = await t.call('chat:badges', { keys: [XAVIER] });
  expect(badge.unreadCount).toBe(DEMO_CHATS.unread.unread);
  await t.call('chat:open', { key: XAVIER });
  await expect.poll(() => t.eventsOf('chat:view').some((view) => view.key === XAVIER && !view.loading), { timeout: 10_000 }).toBe(true);
  await t.call('chat:read', { key: XAVIER });
  const [after] = await t.call('chat:badges', { keys: [XAVIER] });
  expect(after.unreadCount).toBe(0);

  const file = join(t.dataDir, 'chats.sqlite');
  const candidates = [file, ...['main', 'demo', 'avatars'].map((dir) => join(t.dataDir, dir, '..', 'chats.sqlite'))];
  expect(candidates.some((path) => existsSync(path))).toBe(true);
  await t.call('session:logout');
  expect(candidates.some((path) => existsSync(path))).toBe(false);
});
