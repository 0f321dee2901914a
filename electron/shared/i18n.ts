/**
 * The message catalogues (locales/en.json, locales/ru.json: one file per locale, shared by the
 * renderer and the shell) behind i18next. i18next picks plural forms with Intl.PluralRules
 * (`_one`, `_few`, `_many`, `_other`; Russian needs all four) and formats `{{count, number}}` with
 * formatNumber below (Intl.NumberFormat's text). The catalogues are bundled, so a translator is
 * ready synchronously.
 *
 * Keys are typed from en.json (CustomTypeOptions below): `t('no.such.key')` does not compile.
 */
import { createInstance, type TFunction } from 'i18next';
import en from './locales/en.json';
import ru from './locales/ru.json';
import { FALLBACK_LOCALE, LOCALES, type Locale } from './locales.js';

export { FALLBACK_LOCALE, LANGUAGE_SETTINGS, LOCALES, matchLocale, resolveLocale, type LanguageSetting, type Locale } from './locales.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
    // Every string is text: Svelte escapes what it renders, and menus and dialogs are not HTML.
    returnNull: false;
  }
}

export const CATALOGUES: Record<Locale, typeof en> = { en, ru };

export type Translate = TFunction<'translation', undefined>;

function createI18n() {
  const i18n = createInstance();
  void i18n.init({
    resources: Object.fromEntries(LOCALES.map((locale) => [locale, { translation: CATALOGUES[locale] }])),
    lng: FALLBACK_LOCALE,
    fallbackLng: FALLBACK_LOCALE,
    supportedLngs: [...LOCALES],
    initAsync: false,
    // Values are text, never markup: Svelte escapes on render, and the shell's menus are not HTML.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  // `{{count, number}}` through formatNumber: the same text as i18next's own Intl.NumberFormat,
  // without making one for a count below 1,000 (see formatNumber).
  i18n.services.formatter?.addCached('number', (lng, options) => {
    let intl: Intl.NumberFormat | undefined;
    return (value: unknown) =>
      typeof value === 'number' && lng !== undefined && !hasNumberOptions(options) ? formatNumber(lng, value) : (intl ??= new Intl.NumberFormat(lng, { ...options })).format(value as number);
  });
  return i18n;
}

/** Intl.NumberFormat's options: with any of them set, a count is formatted by Intl alone. */
const NUMBER_OPTIONS = [
  'localeMatcher',
  'numberingSystem',
  'style',
  'currency',
  'currencyDisplay',
  'currencySign',
  'unit',
  'unitDisplay',
  'notation',
  'compactDisplay',
  'useGrouping',
  'signDisplay',
  'minimumIntegerDigits',
  'minimumFractionDigits',
  'maximumFractionDigits',
  'minimumSignificantDigits',
  'maximumSignificantDigits',
  'roundingPriority',
  'roundingIncrement',
  'roundingMode',
  'trailingZeroDisplay',
] as const;

function hasNumberOptions(options: unknown): boolean {
  if (typeof options !== 'object' || options === null) return false;
  const record = options as Record<string, unknown>;
  return NUMBER_OPTIONS.some((name) => record[name] !== undefined);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A number in `locale`'s digits and grouping (1,000 / 1 000). A whole number from 0 to 999 is
 * its ASCII digits in every locale TopSwitch speaks (neither groups below 1,000; a unit test holds
 * this to Intl), so it is written without Intl: the first Intl.NumberFormat a page makes loads
 * ICU's number data, tens of milliseconds of a cold start spent on a tab's count.
 */
export function formatNumber(locale: string, value: number): string {
  if (Number.isInteger(value) && value < 1000 && (value > 0 || Object.is(value, 0)) && (LOCALES as readonly string[]).includes(locale)) return String(value);
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(value);
}

const SLOT = /\{\{([^}]*)\}\}/g;

/**
 * A message that needs nothing of i18next, else undefined: `key` names a string in `locale`'s
 * catalogue, and `options` only fill its plain `{{name}}` slots with text or numbers (no count,
 * so no plural form; no format; no option that is not a slot). A page's first screen asks for
 * dozens of messages, and i18next's first answers cost a cold start tens of milliseconds; what it
 * would answer for these is the catalogue's text with the slots filled (a unit test holds this
 * for every key of every catalogue).
 */
export function plainMessage(locale: Locale, key: string, options?: Readonly<Record<string, unknown>>): string | undefined {
  let node: unknown = CATALOGUES[locale];
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  if (typeof node !== 'string' || node.includes('$t(') || (options !== undefined && Object.hasOwn(options, 'count'))) return undefined;
  const names = options ? Object.keys(options) : [];
  const slots = [...node.matchAll(SLOT)].map((match) => match[1]!.trim());
  if (names.some((name) => !slots.includes(name))) return undefined;
  for (const slot of slots) {
    const value = options?.[slot];
    if (slot.includes(',') || (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')) return undefined;
  }
  return slots.length === 0 ? node : node.replace(SLOT, (_, name: string) => String(options![name.trim()]));
}

let shared: ReturnType<typeof createI18n> | undefined;
const fixed = new Map<Locale, Translate>();

/** A translator bound to one locale (made once per locale). */
export function translator(locale: Locale): Translate {
  let t = fixed.get(locale);
  if (!t) {
    shared ??= createI18n();
    t = shared.getFixedT(locale);
    fixed.set(locale, t);
  }
  return t;
}
