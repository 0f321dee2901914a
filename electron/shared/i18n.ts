/**
 * The message catalogues (locales/en.json, locales/ru.json: one file per locale, shared by the
 * renderer and the shell) behind i18next. i18next picks plural forms with Intl.PluralRules
 * (`_one`, `_few`, `_many`, `_other`; Russian needs all four) and formats `{{count, number}}` with
 * Intl.NumberFormat. The catalogues are bundled, so a translator is ready synchronously.
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
  return i18n;
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
