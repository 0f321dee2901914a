/**
 * The offline send queue through the app core, on a local DC that really goes away: messages
 * written while it is down show as queued, survive a restart of the core, and arrive once and in
 * order when it is back; a send whose answer was lost is sent again under the same random_id and
 * posted once; Telegram's long wait keeps the line in order; a queued message can be deleted.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDc, type FakeDc } from '../../../../electron/local-dc/index.js';
import { createDemoWorld, DEMO_ACCOUNTS, DEMO_CHATS, type World } from '../../../../electron/local-dc/world/index.js';
import type { ChatMessage, ChatView } from '../../../../electron/shared/ipc-contract.js';
import { FakeClock } from '../../../unit/core/fake-clock.js';
import { loginMain, makeCore, type TestCore, type TestDc } from '../harness.js';

const MAIN = DEMO_ACCOUNTS.main.userId;
const OLIVIA = `user:${DEMO_CHATS.long.id}`;

let world: World;
let stateDir: string;
let dc: FakeDc;
let testDc: TestDc;
const cores: TestCore[] = [];

/** A DC that keeps its keys (stateDir) and world, so it can be closed and come back on the same port. */
async function startDc(port = 0): Promise<FakeDc> {
  return startFakeDc({ world, stateDir, port, log: () => undefined });
}

beforeAll(async () => {
  world = createDemoWorld();
  stateDir = mkdtempSync(join(tmpdir(), 'topswitch-outbox-dc-'));
  dc = await startDc();
  const keyFile = join(stateDir, 'dc.pem');
  writeFileSync(keyFile, dc.publicKeyPem);
  testDc = { dc, world, keyFile, dir: stateDir, env: { TG_DC: `${dc.host}:${dc.port}`, TG_DC_PUBLIC_KEY: keyFile }, close: async () => undefined };
});
afterEach(async () => {
  for (const core of cores.splice(0)) await core.stop();
  dc.faults.clear();
});
afterAll(async () => {
  await dc?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

function core(options: Parameters<typeof makeCore>[1] = {}): TestCore {
  const made = makeCore(testDc, options);
  cores.push(made);
  return made;
}

const lastView = (t: TestCore, key = OLIVIA): ChatView | undefined => t.eventsOf('chat:view').filter((view) => view.key === key).at(-1);
/** The chat's unsent messages as the last view showed them, oldest first. */
const unsent = (t: TestCore): Pick<ChatMessage, 'text' | 'state' | 'randomId'>[] =>
  (lastView(t)?.messages ?? [])
    .filter((message) => message.state !== 'sent')
    .map(({ text, state, randomId }) => ({ text, state, randomId }))
    .reverse();
const atDc = (text: string) => world.account(MAIN).dialogs.get(OLIVIA as `user:${string}`)!.messages.filter((message) => message.text === text);
const dcTexts = () => world.account(MAIN).dialogs.get(OLIVIA as `user:${string}`)!.messages.map((message) => message.text);

/** Logged in, the top peers fetched (the chat is one of them), and the chat open with its history. */
async function openLoaded(t: TestCore): Promise<void> {
  await t.call('topPeers:refresh');
  await t.call('chat:open', { key: OLIVIA });
  await expect.poll(() => lastView(t)?.loading === false, { timeout: 15_000 }).toBe(true);
}

describe('the offline send queue', () => {
  it('queues while the DC is down, keeps the queue across a restart, and sends it once and in order when the DC is back', { timeout: 90_000 }, async () => {
    const t = core();
    await t.core.start();
    await loginMain(t);
    await openLoaded(t);

    const port = dc.port;
    await dc.close();
    const one = await t.call<ChatMessage>('chat:send', { key: OLIVIA, text: 'queued one' });
    expect(one).toMatchObject({ state: 'queued', text: 'queued one', id: 0 });
    // Known offline: the next message is queued at once, behind the first.
    const two = await t.call<ChatMessage>('chat:send', { key: OLIVIA, text: 'queued two' });
    expect(two).toMatchObject({ state: 'queued', text: 'queued two' });
    const gone = await t.call<ChatMessage>('chat:send', { key: OLIVIA, text: 'deleted before it went' });
    await t.call('chat:cancel', { key: OLIVIA, randomId: gone.randomId });
    expect(unsent(t)).toEqual([
      { text: 'queued one', state: 'queued', randomId: one.randomId },
      { text: 'queued two', state: 'queued', randomId: two.randomId },
    ]);
    expect((await t.fail('chat:cancel', { key: OLIVIA, randomId: gone.randomId })).code).toBe('INVALID_ARGUMENT');
    await t.stop();

    // The app restarts while the DC is still down: the queue is there, in order, under the same random_ids.
    const again = core({ dataDir: t.dataDir });
    await again.core.start();
    const reopened = await again.call<ChatView>('chat:open', { key: OLIVIA });
    expect(reopened.messages.filter((message) => message.state !== 'sent').map(({ text, randomId }) => ({ text, randomId })).reverse()).toEqual([
      { text: 'queued one', randomId: one.randomId },
      { text: 'queued two', randomId: two.randomId },
    ]);
    // Its first try after the start finds no DC: both say queued.
    await expect.poll(() => unsent(again).map((message) => message.state), { timeout: 15_000 }).toEqual(['queued', 'queued']);

    dc = await startDc(port);
    // Any call that gets through tells the queue the connection is back.
    await again.call('topPeers:refresh');
    await expect.poll(() => unsent(again), { timeout: 15_000 }).toEqual([]);
    expect(atDc('queued one')).toHaveLength(1);
    expect(atDc('queued two')).toHaveLength(1);
    expect(atDc('deleted before it went')).toHaveLength(0);
    expect(dcTexts().slice(-2)).toEqual(['queued one', 'queued two']);
    const shown = lastView(again)!.messages.filter((message) => message.text.startsWith('queued '));
    expect(shown.map(({ text, state }) => ({ text, state }))).toEqual([
      { text: 'queued two', state: 'sent' },
      { text: 'queued one', state: 'sent' },
    ]);
    expect(shown.every((message) => message.id > 0)).toBe(true);
  });

  it('a send whose answer was lost goes again under its random_id, and Telegram has it once', { timeout: 90_000 }, async () => {
    const t = core({ invokeTimeoutMs: 5_000 });
    await t.core.start();
    await loginMain(t);
    await openLoaded(t);
    // The DC posts the message, but only after the call has timed out on this side.
    dc.faults.inject('messages.SendMessage', { kind: 'delay', ms: 8_000 });
    const lost = await t.call<ChatMessage>('chat:send', { key: OLIVIA, text: 'answer lost' });
    expect(lost).toMatchObject({ state: 'queued', error: { code: 'TIMEOUT' } });
    await expect.poll(() => atDc('answer lost').length, { timeout: 15_000 }).toBe(1);
    await t.call('topPeers:refresh');
    await expect.poll(() => unsent(t), { timeout: 15_000 }).toEqual([]);
    await expect.poll(() => lastView(t)!.messages.filter((message) => message.text === 'answer lost' && message.id > 0).length, { timeout: 15_000 }).toBe(1);
    expect(atDc('answer lost')).toHaveLength(1);
  });

  it("a long FLOOD_WAIT keeps the line queued in order until Telegram's wait is over", { timeout: 90_000 }, async () => {
    const clock = new FakeClock(Date.now());
    const t = core({ clock });
    await t.core.start();
    await loginMain(t);
    await openLoaded(t);
    dc.faults.inject('messages.SendMessage', { kind: 'rpc-error', code: 420, message: 'FLOOD_WAIT_120' });
    const first = await t.call<ChatMessage>('chat:send', { key: OLIVIA, text: 'after the wait, first' });
    expect(first).toMatchObject({ state: 'queued', error: { code: 'RATE_LIMITED', retryAt: clock.now() + 120_000 } });
    const second = await t.call<ChatMessage>('chat:send', { key: OLIVIA, text: 'after the wait, second' });
    expect(second.state).toBe('queued');
    const tries = dc.faults.callsTo('messages.SendMessage');
    // A retry asked for now is refused by the call gate without reaching Telegram; the line stays.
    await t.call('chat:retry', { key: OLIVIA, randomId: second.randomId });
    expect(dc.faults.callsTo('messages.SendMessage')).toBe(tries);
    expect(unsent(t).map(({ text, state }) => ({ text, state }))).toEqual([
      { text: 'after the wait, first', state: 'queued' },
      { text: 'after the wait, second', state: 'queued' },
    ]);
    await clock.advance(120_000);
    await expect.poll(() => unsent(t), { timeout: 15_000 }).toEqual([]);
    expect(dcTexts().slice(-2)).toEqual(['after the wait, first', 'after the wait, second']);
  });

  it('a refusal marks the message failed with Retry, and the line goes on', { timeout: 90_000 }, async () => {
    const t = core();
    await t.core.start();
    await loginMain(t);
    await openLoaded(t);
    dc.faults.inject('messages.SendMessage', { kind: 'rpc-error', code: 403, message: 'CHAT_WRITE_FORBIDDEN' });
    expect(await t.fail('chat:send', { key: OLIVIA, text: 'refused' })).toMatchObject({ code: 'TELEGRAM' });
    const after = await t.call<ChatMessage>('chat:send', { key: OLIVIA, text: 'goes anyway' });
    expect(after.id).toBeGreaterThan(0);
    const [failed] = unsent(t);
    expect(failed).toMatchObject({ text: 'refused', state: 'failed' });
    const retried = await t.call<ChatMessage>('chat:retry', { key: OLIVIA, randomId: failed!.randomId });
    expect(retried.id).toBeGreaterThan(0);
    expect(atDc('refused')).toHaveLength(1);
    expect(unsent(t)).toEqual([]);
  });
});
