/**
 * mtcute keeps its MTProto session across reconnects and then trusts the server: it does not
 * resend a query it was told was received, it waits for the answer (and asks msgs_state_req only
 * about queries not yet asked about). So an answer the DC wrote to a connection that had closed,
 * or a "received" for a query the DC never got, left a call waiting for ever whenever a
 * connection closed mid-call (a DC's ping deadline, a socket error). These drive that on purpose.
 */
import { afterEach, expect, it } from 'vitest';
import type { TelegramClient } from '@mtcute/node';
import { withTimeout } from '../../../electron/core/clock.js';
import { startFakeDc, type FakeDc } from '../../../electron/local-dc/index.js';
import { mtcuteClient } from './mtcute-client.js';

const opened: { dcs: FakeDc[]; clients: TelegramClient[] } = { dcs: [], clients: [] };

afterEach(async () => {
  await Promise.all(opened.clients.splice(0).map((client) => client.destroy()));
  await Promise.all(opened.dcs.splice(0).map((dc) => dc.close()));
});

/** A DC and a connected mtcute client; `log` collects what mtcute says at debug level and above. */
async function setUp(): Promise<{ dc: FakeDc; tg: TelegramClient; log: string[] }> {
  const dc = await startFakeDc({ log: () => undefined });
  opened.dcs.push(dc);
  const tg = mtcuteClient(dc, 5);
  opened.clients.push(tg);
  const log: string[] = [];
  tg.log.mgr.handler = (_color, _level, tag, fmt, args) => log.push(`${tag}: ${fmt} ${args.map(String).join(' ')}`);
  await tg.connect();
  return { dc, tg, log };
}

const ANSWER_MS = 10_000;
const nearestDc = (tg: TelegramClient) =>
  withTimeout(tg.call({ _: 'help.getNearestDc' }), ANSWER_MS, () => new Error(`help.getNearestDc: no answer in ${ANSWER_MS / 1000} s`));

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

it('gets the answer the DC made while its connection was down, on the connection it comes back on', { timeout: 30_000 }, async () => {
  const { dc, tg } = await setUp();
  let release!: () => void;
  dc.faults.inject('help.GetNearestDc', { kind: 'hold', until: new Promise<void>((resolve) => (release = resolve)) });
  const call = nearestDc(tg);
  await until(() => dc.faults.callsTo('help.GetNearestDc') === 1, 'the call to reach the world');
  const connectionsBefore = dc.stats().connections;
  await dc.restart(); // every connection closes; mtcute reconnects in the same session
  release();
  expect((await call).thisDc).toBe(dc.dcId);
  expect(dc.stats().connections).toBeGreaterThan(connectionsBefore);
  expect(dc.faults.callsTo('help.GetNearestDc')).toBe(1);
});

it('sends a query again that the DC lost with its connection, once told it was not received', { timeout: 30_000 }, async () => {
  const { dc, tg } = await setUp();
  // 'drop' closes the connection instead of answering, as if the query had been lost on the way.
  dc.faults.inject('help.GetNearestDc', { kind: 'drop' });
  expect((await nearestDc(tg)).thisDc).toBe(dc.dcId);
  expect(dc.faults.callsTo('help.GetNearestDc')).toBe(2);
});

it('keeps the server salt future_salts gives it: no call is refused for a bad salt', { timeout: 30_000 }, async () => {
  const { tg, log } = await setUp();
  for (let i = 0; i < 4; i++) await nearestDc(tg);
  expect(log.filter((line) => line.includes('bad_server_salt'))).toEqual([]);
});
