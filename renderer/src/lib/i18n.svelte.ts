/**
 * The renderer's language: the Settings choice, else the browser's (in Electron, the OS's)
 * preferred languages. `t` reads the current locale, so every template and $derived that
 * translates follows a change at once: switching language needs no reload.
 */
import { formatNumber as formatNumberIn, matchLocale, plainMessage, resolveLocale, translator, type Locale, type Translate } from '../../../electron/shared/i18n';
import { settings } from './stores/settings.svelte';

class LocaleState {
  /** What the system prefers, read once: the OS's languages do not change under a running page. */
  readonly system: Locale = matchLocale(typeof navigator === 'undefined' ? [] : navigator.languages);
  readonly current: Locale = $derived(resolveLocale(settings.value?.language, [this.system]));
}

export const locale = new LocaleState();

/**
 * What a call is remembered by: its key and plain values (a count, a name), or null for anything
 * else (several keys, nested options), which is always asked of i18next.
 */
function memoKey(args: readonly unknown[]): string | null {
  const [key, options] = args;
  if (typeof key !== 'string' || args.length > 2) return null;
  if (options === undefined) return key;
  if (typeof options !== 'object' || options === null || Object.getPrototypeOf(options) !== Object.prototype) return null;
  let memo = key;
  for (const [name, value] of Object.entries(options)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return null;
    memo += `\u0000${name}\u0001${typeof value}\u0001${String(value)}`;
  }
  return memo;
}

/** Enough for every label and count a screen shows; past it the oldest are asked again. */
const MEMO_LIMIT = 2000;
const memos = new Map<Locale, Map<string, string>>();

/**
 * Translates in the current locale; typed by en.json (a key it lacks does not compile). The
 * catalogues never change while the page runs, so an answer is remembered per locale: rows
 * translate their labels on every keystroke, and each i18next lookup costs tens of microseconds.
 */
// i18next brands its TFunction type; the wrapper passes every argument through unchanged.
export const t = ((...args: unknown[]): string => {
  const current = locale.current;
  const key = memoKey(args);
  if (key === null) return Reflect.apply(translator(current), undefined, args) as string;
  let memo = memos.get(current);
  if (!memo) memos.set(current, (memo = new Map()));
  let text = memo.get(key);
  if (text === undefined) {
    // Plain text with its slots filled is read from the catalogue; the rest is i18next's.
    text = plainMessage(current, args[0] as string, args[1] as Record<string, unknown> | undefined) ?? (Reflect.apply(translator(current), undefined, args) as string);
    if (typeof text !== 'string') return text;
    if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
    memo.set(key, text);
  }
  return text;
}) as unknown as Translate;

const MARK = '\u2063';

/**
 * A message cut around one of its values, for markup that wraps that value (a countdown, a bold
 * title) without putting markup in the catalogue: `[before, after]`.
 */
export function around(text: (mark: string) => string): [string, string] {
  const [before = '', after = ''] = text(MARK).split(MARK);
  return [before, after];
}

/** A count in the current locale's digits and grouping (1,000 / 1 000). */
export function formatNumber(value: number): string {
  return formatNumberIn(locale.current, value);
}
