/**
 * IPC fuzzing against the real core and the local DC: generated bad calls on every contract
 * channel (wrong types, missing and extra fields, huge strings and arrays, deep objects,
 * NaN/Infinity, __proto__/constructor keys, invalid peer keys), through structuredClone as
 * Electron sends them, alone and in concurrent bursts with logout and login in between.
 * 0 crashes, 0 hangs, each answered with a typed refusal, the store unchanged and unpolluted,
 * and no secret anywhere afterwards. `npm test` runs a fast seed; `npm run test:soak` sets
 * TOPSWITCH_FUZZ_CALLS for a long run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../electron/shared/ipc-contract.js';
import { DEMO_ACCOUNTS } from '../../../electron/local-dc/world/index.js';
import { expectRefused, generateBadCall, pollutedKeys, seeded, STORE_KEYS, type GeneratedCall } from '../../support/ipc-fuzz.js';
import { scanForSecrets } from '../../support/secrets.js';
import { loginMain, makeCore, startTestDc, type TestCore, type TestDc } from './harness.js';

const CALLS = Number(process.env.TOPSWITCH_FUZZ_CALLS) || 600;
const SEED = Number(process.env.TOPSWITCH_FUZZ_SEED) || 13;

let dc: TestDc;
let t: TestCore;
/** Everything the core sent: answers and pushes, as the renderer would see them. */
const traffic: unknown[] = [];
let session = '';

beforeAll(async () => {
  dc = await startTestDc();
  t = makeCore(dc, { invokeTimeoutMs: 3_000 });
  t.core.events.subscribe((event, payload) => traffic.push({ event, payload }));
  await t.core.start();
  await loginMain(t);
  await t.call('topPeers:refresh');
  session = (await t.secretStore.get())!;
});
afterAll(async () => {
  await t.stop();
  await dc.close();
});

const storeFile = () => readFileSync(join(t.dataDir, 'topswitch-store.json'), 'utf8');

function calls(count: number, seed: number): GeneratedCall[] {
  const random = seeded(seed);
  const out: GeneratedCall[] = [];
  // Every channel first, so a small seed still covers the whole contract.
  for (const channel of CHANNEL_NAMES) {
    for (let attempt = 0; attempt < 50; attempt++) {
      const call = generateBadCall(random, [channel]);
      if (call?.channel === channel) {
        out.push(call);
        break;
      }
    }
  }
  while (out.length < count) {
    const call = generateBadCall(random);
    if (call) out.push(call);
  }
  return out;
}

describe('IPC fuzzing', { timeout: 600_000 }, () => {
  it(`refuses ${CALLS} generated bad calls one by one: typed, no hang, store byte-for-byte unchanged, nothing polluted`, async () => {
    const generated = calls(CALLS, SEED);
    for (const channel of CHANNEL_NAMES) expect(generated.some((call) => call.channel === channel), channel).toBe(true);
    const before = storeFile();
    const problems: string[] = [];
    for (const call of generated) {
      const problem = await expectRefused(t.router, call);
      if (problem) problems.push(problem);
    }
    expect(problems).toEqual([]);
    expect(storeFile()).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(t.core.api.getSession().status).toBe('ready');
  });

  it('concurrent bursts of bad calls with logout and login in between: every answer typed, the store holds only its own keys', async () => {
    const generated = calls(Math.max(200, Math.floor(CALLS / 3)), SEED + 1);
    const bursts = 4;
    const per = Math.ceil(generated.length / bursts);
    for (let burst = 0; burst < bursts; burst++) {
      const slice = generated.slice(burst * per, (burst + 1) * per);
      const bad = slice.map((call) => expectRefused(t.router, call));
      // Real calls mixed in: reads, a refresh, and the session ending and coming back.
      const real = [
        t.router.handle('topPeers:get', {}),
        t.router.handle('sync:get', {}),
        t.router.handle('topPeers:refresh', {}),
        t.router.handle(burst % 2 === 0 ? 'session:logout' : 'session:get', {}),
      ];
      const [problems, answers] = await Promise.all([Promise.all(bad), Promise.all(real)]);
      expect(problems.filter(Boolean)).toEqual([]);
      for (const answer of answers) {
        traffic.push(answer);
        if (!answer.ok) expect(answer.error.code).toMatch(/^[A-Z_]+$/);
      }
      if (t.core.api.getSession().status !== 'ready') {
        await loginMain(t);
        session = (await t.secretStore.get())!;
      }
    }
    const stored = JSON.parse(storeFile()) as Record<string, unknown>;
    expect(Object.keys(stored).filter((key) => !STORE_KEYS.has(key))).toEqual([]);
    expect(pollutedKeys(stored)).toEqual([]);
    expect(t.core.api.getSession().status).toBe('ready');
    expect((await t.call('topPeers:refresh')).snapshot.peers.length).toBeGreaterThan(10);
  });

  it('after the fuzz run: no session, auth key or login code in the data dir, the logs or the IPC traffic', async () => {
    const found = scanForSecrets(
      { session, code: DEMO_ACCOUNTS.main.code },
      { dataDir: t.dataDir, texts: { logs: t.logs.join('\n'), ipc: JSON.stringify(traffic) } },
    );
    expect(found).toEqual([]);
    // The scan can fail: the secret file holds the session, just not in the clear.
    expect(scanForSecrets({ session }, { texts: { probe: `x${session}x` } })).not.toEqual([]);
  });
});
