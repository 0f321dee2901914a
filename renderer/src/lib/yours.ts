/**
 * What is the user's own in the switcher, kept on this device only: pinned chats (Ctrl+1..9 opens
 * the first nine), aliases the search matches first, chats hidden from TopSwitch (Telegram is not
 * told), and local use for the frecency blend (standing.ts). Pure: the store persists it.
 *
 * What is read back from storage is checked entry by entry: a bad entry is dropped and reported,
 * the good ones are kept.
 */
import type { Yours } from './sections';
import { recordOpen, type Usage } from './standing';

export interface YoursState {
  readonly pins: readonly string[];
  readonly aliases: Readonly<Record<string, string>>;
  readonly hidden: readonly string[];
  readonly usage: Readonly<Record<string, Usage>>;
}

export const EMPTY_YOURS: YoursState = { pins: [], aliases: {}, hidden: [], usage: {} };
export const PIN_SHORTCUTS = 9;
export const ALIAS_MAX = 64;
const KEY = /^(user|chat|channel):[1-9][0-9]{0,18}$/;

export const isChatKey = (key: unknown): key is string => typeof key === 'string' && KEY.test(key);

/** Parses what storage held; `dropped` counts entries that were not valid (0 = all well). */
export function parseYours(raw: string | null): { state: YoursState; dropped: number } {
  if (raw === null) return { state: EMPTY_YOURS, dropped: 0 };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { state: EMPTY_YOURS, dropped: 1 };
  }
  if (!value || typeof value !== 'object') return { state: EMPTY_YOURS, dropped: 1 };
  const input = value as Record<string, unknown>;
  let dropped = 0;
  const keys = (list: unknown): string[] => {
    if (!Array.isArray(list)) return list === undefined ? [] : (dropped++, []);
    const good = [...new Set(list.filter(isChatKey))];
    dropped += list.length - good.length;
    return good;
  };
  const record = <T>(from: unknown, valid: (entry: unknown) => entry is T): Record<string, T> => {
    if (!from || typeof from !== 'object' || Array.isArray(from)) return from === undefined ? {} : (dropped++, {});
    const out: Record<string, T> = {};
    for (const [key, entry] of Object.entries(from)) {
      if (isChatKey(key) && valid(entry)) out[key] = entry;
      else dropped++;
    }
    return out;
  };
  const isAlias = (entry: unknown): entry is string => typeof entry === 'string' && entry.trim().length > 0 && entry.length <= ALIAS_MAX;
  const isUsage = (entry: unknown): entry is Usage => {
    const usage = entry as Usage | null;
    return !!usage && typeof usage === 'object' && Number.isFinite(usage.score) && usage.score >= 0 && Number.isFinite(usage.at);
  };
  return { state: { pins: keys(input.pins), aliases: record(input.aliases, isAlias), hidden: keys(input.hidden), usage: record(input.usage, isUsage) }, dropped };
}

export function togglePin(state: YoursState, key: string): YoursState {
  const pinned = state.pins.includes(key);
  return { ...state, pins: pinned ? state.pins.filter((pin) => pin !== key) : [...state.pins, key] };
}

/** Sets (or, with an empty alias, removes) a chat's alias. */
export function setAlias(state: YoursState, key: string, alias: string): YoursState {
  const aliases = { ...state.aliases };
  const trimmed = alias.trim().slice(0, ALIAS_MAX);
  if (trimmed) aliases[key] = trimmed;
  else delete aliases[key];
  return { ...state, aliases };
}

export function setHidden(state: YoursState, key: string, hidden: boolean): YoursState {
  const without = state.hidden.filter((entry) => entry !== key);
  return { ...state, hidden: hidden ? [...without, key] : without };
}

export function recordUse(state: YoursState, key: string, now: number): YoursState {
  return { ...state, usage: { ...state.usage, [key]: recordOpen(state.usage[key], now) } };
}

/** The view sections.ts takes. */
export function toYours(state: YoursState): Yours {
  return { pins: state.pins, aliases: new Map(Object.entries(state.aliases)), hidden: new Set(state.hidden) };
}
