/**
 * The built preload (out/preload/index.cjs) exposes exactly one method per contract channel plus
 * `on`, and nothing else. It runs here the way Electron's sandbox runs it: as one CommonJS file
 * whose only `require` is a minimal 'electron' module, whose ipcRenderer answers from `answer`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, eventChannel, invokeChannel, methodName } from '../../../electron/shared/ipc-contract.js';
import { PREFETCHED } from '../../../electron/shared/expose.js';

const PRELOAD = resolve(import.meta.dirname, '../../../out/preload/index.cjs');
const EARLY = Object.keys(PREFETCHED).map((channel) => invokeChannel(channel as keyof typeof PREFETCHED));
/** The early read's own answer: the fake ipcRenderer numbers answers in the order it was asked. */
const early = (channel: keyof typeof PREFETCHED) => ({ ok: true, value: `${invokeChannel(channel)}#${EARLY.indexOf(invokeChannel(channel)) + 1}` });

type Api = Record<string, (args?: unknown) => Promise<unknown>>;

function loadPreload(answer: (channel: string, args: unknown, nth: number) => Promise<unknown> = async (channel, _args, nth) => ({ ok: true, value: `${channel}#${nth}` })) {
  const exposed: Record<string, unknown> = {};
  const invoked: Array<[string, unknown]> = [];
  const required: string[] = [];
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
    ipcRenderer: {
      invoke: (channel: string, args: unknown) => answer(channel, args, invoked.push([channel, args])),
      on: (channel: string, listener: (event: unknown, payload: unknown) => void) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
      removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) => listeners.get(channel)?.delete(listener),
    },
  };
  const module = { exports: {} };
  runInNewContext(readFileSync(PRELOAD, 'utf8'), {
    module,
    exports: module.exports,
    require: (name: string) => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${name}`);
    },
  });
  const push = (channel: string, payload: unknown) => listeners.get(channel)?.forEach((listener) => listener({ sender: 'not for the page' }, payload));
  const listening = () => [...listeners].filter(([, set]) => set.size > 0).map(([channel]) => channel).sort();
  return { api: exposed.api as Api, exposed, invoked, required, push, listening };
}

describe('preload surface', () => {
  it('exposes exactly the contract channels as methods, plus on', () => {
    const { exposed, required } = loadPreload();
    expect(Object.keys(exposed)).toEqual(['api']);
    const api = exposed.api as Record<string, unknown>;
    const expected = [...CHANNEL_NAMES.map((channel) => methodName(channel)), 'on'].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    expect(required).toEqual(['electron']);
  });

  it('sends each method on its own invoke channel, with {} for no argument', async () => {
    const { api, invoked } = loadPreload();
    invoked.length = 0; // the early reads, tested below
    await api[methodName('topPeers:refresh')]!();
    await api[methodName('topPeers:remove')]!({ key: 'user:1', category: 'correspondents' });
    expect(invoked).toEqual([
      [invokeChannel('topPeers:refresh'), {}],
      [invokeChannel('topPeers:remove'), { key: 'user:1', category: 'correspondents' }],
    ]);
  });

  it("makes the page's first reads as it loads, and hands each one to the first call for it", async () => {
    const { api, invoked, listening } = loadPreload();
    expect(invoked).toEqual(EARLY.map((channel) => [channel, {}]));
    const staleOn = Object.values(PREFETCHED)
      .filter((push) => push !== null)
      .map(eventChannel)
      .sort();
    expect(listening()).toEqual(staleOn);
    expect(await api[methodName('topPeers:get')]!({})).toEqual(early('topPeers:get'));
    expect(invoked).toHaveLength(EARLY.length); // taken, not asked again
    // The next call is a new question.
    expect(await api[methodName('topPeers:get')]!()).toEqual({ ok: true, value: `${invokeChannel('topPeers:get')}#${EARLY.length + 1}` });
    for (const channel of Object.keys(PREFETCHED)) if (channel !== 'topPeers:get') await api[methodName(channel as keyof typeof PREFETCHED)]!();
    expect(invoked).toHaveLength(EARLY.length + 1);
    expect(listening()).toEqual([]); // every early read taken: the preload stops listening
  });

  it('hands over an early read only if it is newer than every push of its snapshot since, and asks again otherwise', async () => {
    // Answers carry revisions as the router stamps them: in the order they were asked.
    const { api, invoked, push } = loadPreload(async (channel, _args, nth) => ({ ok: true, value: `${channel}#${nth}`, revision: nth }));
    const revisionOf = (channel: keyof typeof PREFETCHED) => EARLY.indexOf(invokeChannel(channel)) + 1;
    push(eventChannel('session:changed'), { value: { status: 'ready' }, revision: 100 });
    push(eventChannel('settings:changed'), { value: {}, revision: revisionOf('settings:get') - 1 });
    expect(await api[methodName('session:get')]!()).toEqual({ ok: true, value: `${invokeChannel('session:get')}#${EARLY.length + 1}`, revision: EARLY.length + 1 });
    // A push older than the answer, or a push of another snapshot, leaves it standing: the
    // renderer's stores hold them against each other by revision.
    expect(await api[methodName('settings:get')]!()).toMatchObject({ value: `${invokeChannel('settings:get')}#${revisionOf('settings:get')}` });
    expect(await api[methodName('topPeers:get')]!()).toMatchObject({ value: `${invokeChannel('topPeers:get')}#${revisionOf('topPeers:get')}` });
    expect(invoked).toHaveLength(EARLY.length + 1);
  });

  it('hands a push to the page as its payload and revision, without the IPC event', () => {
    const { api, push } = loadPreload();
    const seen: unknown[][] = [];
    const off = (api as unknown as { on(event: string, listener: (...args: unknown[]) => void): () => void }).on('sync:changed', (...args) => seen.push(args));
    push(eventChannel('sync:changed'), { value: { state: 'refreshing' }, revision: 7 });
    off();
    push(eventChannel('sync:changed'), { value: { state: 'idle' }, revision: 8 });
    expect(seen).toEqual([[{ state: 'refreshing' }, 7]]);
  });

  it('asks again rather than hand over an early read that failed', async () => {
    const { api, invoked } = loadPreload(async (channel, _args, nth) => {
      if (nth > EARLY.length) return { ok: true, value: `${channel}#${nth}` };
      if (channel === invokeChannel('session:get')) throw new Error("No handler registered for 'invoke:session:get'");
      return { ok: false, error: { code: 'INTERNAL', message: 'not yet' } };
    });
    expect(await api[methodName('session:get')]!()).toEqual({ ok: true, value: `${invokeChannel('session:get')}#${EARLY.length + 1}` });
    expect(await api[methodName('sync:get')]!()).toEqual({ ok: true, value: `${invokeChannel('sync:get')}#${EARLY.length + 2}` });
    expect(invoked.slice(EARLY.length)).toEqual([
      [invokeChannel('session:get'), {}],
      [invokeChannel('sync:get'), {}],
    ]);
  });

  it('never hands an early read to a call with arguments', async () => {
    const { api, invoked } = loadPreload();
    await api[methodName('settings:get')]!({ stray: true });
    expect(invoked.at(-1)).toEqual([invokeChannel('settings:get'), { stray: true }]);
    expect(invoked).toHaveLength(EARLY.length + 1);
  });

  it('refuses to subscribe to an event the contract does not list', () => {
    const api = loadPreload().exposed.api as { on(event: string, listener: () => void): unknown };
    expect(() => api.on('not:an-event', () => {})).toThrow(/Unknown event/);
  });
});
