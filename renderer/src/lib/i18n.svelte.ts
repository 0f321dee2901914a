/**
 * The renderer's language: the Settings choice, else the browser's (in Electron, the OS's)
 * preferred languages. `t` reads the current locale, so every template and $derived that
 * translates follows a change at once: switching language needs no reload.
 */
import { matchLocale, resolveLocale, translator, type Locale, type Translate } from '../../../electron/shared/i18n';
import { settings } from './stores/settings.svelte';

class LocaleState {
  /** What the system prefers, read once: the OS's languages do not change under a running page. */
  readonly system: Locale = matchLocale(typeof navigator === 'undefined' ? [] : navigator.languages);
  readonly current: Locale = $derived(resolveLocale(settings.value?.language, [this.system]));
}

export const locale = new LocaleState();

/** Translates in the current locale; typed by en.json (a key it lacks does not compile). */
// i18next brands its TFunction type; the wrapper passes every argument through unchanged.
export const t = ((...args: unknown[]): string => Reflect.apply(translator(locale.current), undefined, args)) as unknown as Translate;

const MARK = '\u2063';

/**
 * A message cut around one of its values, for markup that wraps that value (a countdown, a bold
 * title) without putting markup in the catalogue: `[before, after]`.
 */
export function around(text: (mark: string) => string): [string, string] {
  const [before = '', after = ''] = text(MARK).split(MARK);
  return [before, after];
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** A count in the current locale's digits and grouping (1,000 / 1 000). */
export function formatNumber(value: number): string {
  const current = locale.current;
  let format = numberFormats.get(current);
  if (!format) numberFormats.set(current, (format = new Intl.NumberFormat(current)));
  return format.format(value);
}
