/**
 * Generated bad IPC calls, for the fuzz test (fast seed) and the soak (long run). Every value is
 * passed through structuredClone first, as Electron's IPC does, so only what can cross the
 * boundary is sent. A generated call the contract would accept is skipped: the fuzz is about
 * what the renderer must not be able to do, and a valid call (logout, settings) is not "bad".
 */
import { ACCOUNT_LIST_KEY, ACCOUNT_STORE_KEYS } from '../../electron/core/account-storage.js';
import { channels, ERROR_CODES, IpcError, type Channel } from '../../electron/shared/ipc-contract.js';
import type { Router } from '../../electron/core/router.js';
import { createPrng } from '../../electron/local-dc/world/prng.js';

/** The same seed gives the same calls (the local DC's fixture PRNG). */
export function seeded(seed: number): () => number {
  const prng = createPrng(seed);
  return () => prng.next();
}

const deep = (depth: number): unknown => {
  let value: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) value = { nested: value };
  return value;
};

/** Values that have broken parsers before: wrong types, edges, huge, deep, prototype keys, bad peer keys. */
const ATOMS: Array<() => unknown> = [
  () => undefined,
  () => null,
  () => true,
  () => 0,
  () => -1,
  () => 1.5,
  () => Number.NaN,
  () => Infinity,
  () => -Infinity,
  () => -0,
  () => 2 ** 53 + 1,
  () => 10n ** 30n,
  () => '',
  () => ' ',
  () => 'x'.repeat(1_000_000),
  () => '\u0000\uFFFF\uD800',
  () => 'Ω≈ç√∫˜µ≤≥÷ 🙂',
  () => '__proto__',
  () => 'constructor',
  () => 'user:0',
  () => 'user:-1',
  () => 'chat:abc',
  () => 'channel:99999999999999999999',
  () => `user:${'1'.repeat(40)}`,
  () => 'user:1 ',
  () => 'correspondents\u0000',
  () => [],
  () => new Array(100_000).fill('correspondents'),
  () => [null, undefined, NaN],
  () => deep(300),
  () => ({}),
  () => JSON.parse('{"__proto__": {"polluted": "yes"}}'),
  () => ({ constructor: { prototype: { polluted: 'yes' } } }),
  () => new Date(0),
  () => new Map([['key', 'user:1']]),
  () => new Set(['correspondents']),
  () => new Uint8Array(16),
  () => /user:1/,
];

export interface GeneratedCall {
  channel: string;
  args: unknown;
}

export function generateBadCall(random: () => number, names: readonly string[] = Object.keys(channels)): GeneratedCall | undefined {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const atom = () => pick(ATOMS)();
  // Now and then a channel that does not exist, or a near miss.
  const channel = random() < 0.05 ? pick(['', 'topPeers:GET', 'session:logout ', '__proto__', 'constructor', 'invoke:topPeers:get']) : pick(names);
  const shape = Object.hasOwn(channels, channel) ? Object.keys((channels[channel as Channel].args as unknown as { shape: Record<string, unknown> }).shape) : [];
  let args: unknown;
  const form = random();
  if (form < 0.25) args = atom();
  else {
    const object: Record<string, unknown> = {};
    for (const key of shape) if (random() < 0.7) object[key] = atom(); // missing fields now and then
    if (form > 0.6 || shape.length === 0) object[pick(['extra', '__proto__', 'constructor', 'prototype', 'toString', 'then'])] = atom();
    args = object;
  }
  try {
    args = structuredClone(args);
  } catch {
    return undefined; // cannot cross IPC at all
  }
  if (Object.hasOwn(channels, channel) && channels[channel as Channel].args.safeParse(args === undefined ? {} : args).success) return undefined;
  return { channel, args };
}

/** One call; a typed refusal is the only acceptable answer. Returns a description of what went wrong, or undefined. */
export async function expectRefused(router: Router, call: GeneratedCall, boundMs = 10_000): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), boundMs)));
  try {
    const answer = await Promise.race([router.handle(call.channel, call.args), hang]);
    if (answer === 'hang') return `${call.channel}: no answer within ${boundMs} ms`;
    if (answer.ok) return `${call.channel}: accepted a bad call`;
    if (!IpcError.safeParse(answer.error).success || !ERROR_CODES.includes(answer.error.code)) return `${call.channel}: untyped error ${JSON.stringify(answer.error).slice(0, 200)}`;
    const expected = Object.hasOwn(channels, call.channel) ? 'INVALID_ARGUMENT' : 'UNKNOWN_CHANNEL';
    if (answer.error.code !== expected) return `${call.channel}: ${answer.error.code} instead of ${expected}`;
    return undefined;
  } catch (error) {
    return `${call.channel}: threw ${(error as Error)?.message ?? String(error)}`;
  } finally {
    clearTimeout(timer);
  }
}

/** Keys the core may write to its store; anything else is pollution. */
/** What the core's store may hold: the app's own keys, the list of accounts, and each account's keys. */
export const STORE_KEYS = new Set<string>(['settings', 'credentials', ACCOUNT_LIST_KEY, ...ACCOUNT_STORE_KEYS]);

/** Every object key anywhere in a JSON value that should never be there. */
export function pollutedKeys(value: unknown, path = '$'): string[] {
  if (!value || typeof value !== 'object') return [];
  return Object.keys(value).flatMap((key) => [
    ...(['__proto__', 'constructor', 'prototype', 'polluted'].includes(key) ? [`${path}.${key}`] : []),
    ...pollutedKeys((value as Record<string, unknown>)[key], `${path}.${key}`),
  ]);
}
