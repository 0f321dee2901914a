/**
 * The shell's language (menus, tray, dialogs, the hotkey advice): the Settings choice, else the
 * OS's preferred languages. It follows the setting live: a change rebuilds what the shell shows.
 * No 'electron' import here: index.ts passes the OS's languages in, so this is tested under Node.
 */
import type { EventBus } from '../core/router.js';
import type { Settings } from '../shared/ipc-contract.js';
import { matchLocale, resolveLocale, translator, type LanguageSetting, type Locale, type Translate } from '../shared/i18n.js';

/** For what is printed to a terminal (`npm start`'s preflight, `--uninstall`): its locale as gettext reads it. */
export function terminalTranslator(env: NodeJS.ProcessEnv): Translate {
  const tags = [env.LC_ALL, env.LC_MESSAGES, env.LANG].filter((tag): tag is string => !!tag);
  return translator(matchLocale(tags));
}

/** The OS's preferred languages as Electron reports them; its own locale when the list is empty. */
export function preferredLanguages(preferred: readonly string[], appLocale: string): readonly string[] {
  return preferred.length > 0 ? preferred : [appLocale];
}

export interface ShellLanguage {
  readonly locale: Locale;
  readonly t: Translate;
  stop(): void;
}

/** The shell's translator, kept in step with the setting; `onChange` runs when the language changes. */
export function followLanguage(setting: LanguageSetting, system: readonly string[], events: EventBus, onChange: (t: Translate) => void): ShellLanguage {
  let locale: Locale = resolveLocale(setting, system);
  let t = translator(locale);
  const stop = events.subscribe((event, payload) => {
    if (event !== 'settings:changed') return;
    const next = resolveLocale((payload as Settings).language, system);
    if (next === locale) return;
    locale = next;
    t = translator(next);
    onChange(t);
  });
  return {
    get locale() {
      return locale;
    },
    get t() {
      return t;
    },
    stop,
  };
}
