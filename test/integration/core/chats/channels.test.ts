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

it('counts a chat opened in the pane as use only after its messages have been pushed', async () => {
  const own = await startLoggedInCore();
  try {
    await countedAfterHistory(own.t);
  } finally {
    await own.close();
  }
});

async function countedAfterHistory(t: TestCore): Promise<void> {
  const events = () => t.events.map(({ event, payload }) => ({ event, payload: payload as { key?: string; loading?: boolean; peers?: Array<{ key: string; lastOpenedAt?: number }> } }));
  const since = t.events.length;
  await t.call('chat:open', { key: OLIVIA, use: true });
  const bumped = (entry: ReturnType<typeof events>[number]) => entry.event === 'topPeers:changed' && entry.payload.peers?.some((peer) => peer.key === OLIVIA && peer.lastOpenedAt !== undefined);
  await expect.poll(() => events().slice(since).some(bumped), { timeout: 10_000 }).toBe(true);
  const order = events().slice(since);
  const history = order.findIndex((entry) => entry.event === 'chat:view' && entry.payload.key === OLIVIA && entry.payload.loading === false);
  expect(history).toBeGreaterThanOrEqual(0);
  expect(order.findIndex(bumped)).toBeGreaterThan(history);
}

it("shows the history without waiting for the dialog's read marks once the chat's badge was heard, and waits for them before", async () => {
  const own = await startLoggedInCore();
  try {
    const t = own.t;
    const settledViews = (key: string) => t.eventsOf('chat:view').filter((view) => view.key === key && !view.loading);
    let release = (): void => {};
    const held = () => new Promise<void>((done) => (release = done));

    // Never heard: the unread line needs the dialog's count, so the history waits for it.
    own.dc.dc.faults.inject('messages.GetPeerDialogs', { kind: 'hold', until: held(), times: 1 });
    await t.call('chat:open', { key: XAVIER });
    await expect.poll(() => own.dc.dc.faults.callsTo('messages.GetHistory'), { timeout: 10_000 }).toBeGreaterThan(0);
    // One more round trip on the same connection, asked after the history: its answer has come
    // back by the time this one does. Still nothing is shown while the read marks are held.
    await t.call('chat:badges', { keys: [OLIVIA] });
    expect(settledViews(XAVIER)).toEqual([]);
    release();
    await expect.poll(() => settledViews(XAVIER).length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(settledViews(XAVIER)[0]!.unreadCount).toBe(DEMO_CHATS.unread.unread);
    await t.call('chat:close', { key: XAVIER });

    // Heard (the switcher asked for its badge): the history is shown while the marks are still held.
    await t.call('chat:badges', { keys: [OLIVIA] });
    own.dc.dc.faults.inject('messages.GetPeerDialogs', { kind: 'hold', until: held(), times: 1 });
    try {
      await t.call('chat:open', { key: OLIVIA });
      await expect.poll(() => settledViews(OLIVIA).length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(settledViews(OLIVIA)[0]!.messages.length).toBeGreaterThan(10);
    } finally {
      release();
    }
  } finally {
    await own.close();
  }
});

it('counts a chat closed before its first fetch lands at once, not when the network answers', async () => {
  // Calls wait long here: the held history must outlast the poll below, not time out into a count.
  const own = await startLoggedInCore({ invokeTimeoutMs: 60_000 });
  let release = (): void => {};
  try {
    const t = own.t;
    own.dc.dc.faults.inject('messages.GetHistory', { kind: 'hold', until: new Promise<void>((done) => (release = done)), times: 1 });
    const since = t.events.length;
    const bumped = () =>
      t.events
        .slice(since)
        .some(({ event, payload }) => event === 'topPeers:changed' && (payload as { peers: Array<{ key: string; lastOpenedAt?: number }> }).peers.some((peer) => peer.key === OLIVIA && peer.lastOpenedAt !== undefined));
    await t.call('chat:open', { key: OLIVIA, use: true });
    await expect.poll(() => own.dc.dc.faults.callsTo('messages.GetHistory'), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(bumped()).toBe(false);
    await t.call('chat:close', { key: OLIVIA });
    // The history is still held at the DC: the count came from the close.
    await expect.poll(bumped, { timeout: 5_000 }).toBe(true);
  } finally {
    release();
    await own.close();
  }
});
