/**
 * The built preload (out/preload/index.cjs) exposes exactly one method per contract channel plus
 * `on`, and nothing else. It runs here the way Electron's sandbox runs it: as one CommonJS file
 * whose only `require` is a minimal 'electron' module.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, invokeChannel, methodName } from '../../../electron/shared/ipc-contract.js';

const PRELOAD = resolve(import.meta.dirname, '../../../out/preload/index.cjs');

function loadPreload() {
  const exposed: Record<string, unknown> = {};
  const invoked: Array<[string, unknown]> = [];
  const required: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
    ipcRenderer: {
      invoke: async (channel: string, args: unknown) => invoked.push([channel, args]),
      on: () => {},
      removeListener: () => {},
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
  return { exposed, invoked, required };
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
    const { exposed, invoked } = loadPreload();
    const api = exposed.api as Record<string, (args?: unknown) => Promise<unknown>>;
    await api[methodName('topPeers:get')]!();
    await api[methodName('topPeers:remove')]!({ key: 'user:1', category: 'correspondents' });
    expect(invoked).toEqual([
      [invokeChannel('topPeers:get'), {}],
      [invokeChannel('topPeers:remove'), { key: 'user:1', category: 'correspondents' }],
    ]);
  });

  it('refuses to subscribe to an event the contract does not list', () => {
    const api = loadPreload().exposed.api as { on(event: string, listener: () => void): unknown };
    expect(() => api.on('not:an-event', () => {})).toThrow(/Unknown event/);
  });
});
