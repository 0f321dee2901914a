/**
 * The languages TopSwitch speaks, and how one is chosen: the user's setting, else the first of
 * the system's preferred languages that TopSwitch has, else English. Kept free of zod and of the
 * i18n library, so the contract (and the preload bundled from it) can name the setting cheaply.
 */
export const LOCALES = ['en', 'ru'] as const;
export type Locale = (typeof LOCALES)[number];
export const FALLBACK_LOCALE: Locale = 'en';

/** The Settings choice: a language, or 'system' (follow the OS, the default). */
export const LANGUAGE_SETTINGS = ['system', ...LOCALES] as const;
export type LanguageSetting = (typeof LANGUAGE_SETTINGS)[number];

const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);

/** The first BCP 47 tag (`ru-RU`, `en_GB`, `uk`) whose language TopSwitch has; English when none. */
export function matchLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const language = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
    if (isLocale(language)) return language;
  }
  return FALLBACK_LOCALE;
}

/** The language to show: the setting when it names one, else the system's. */
export function resolveLocale(setting: LanguageSetting | undefined, system: readonly string[]): Locale {
  return setting !== undefined && setting !== 'system' ? setting : matchLocale(system);
}
