/**
 * The message catalogues (electron/shared/locales/*.json) against each other and against the
 * code: every key in both, every plural form each language needs (Intl.PluralRules), the same
 * placeholders in every translation, Russian text in Cyrillic, every key used somewhere in the
 * renderer or the shell, and every key the code names present. The type checker catches a
 * mistyped key in a t() call; this also covers keys kept in tables (tabs, categories, errors).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, LOCALES, translator } from '../../../electron/shared/i18n';

const ROOT = resolve(import.meta.dirname, '../../..');
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}

const flat = Object.fromEntries(LOCALES.map((locale) => [locale, flatten(CATALOGUES[locale] as unknown as Tree)])) as Record<(typeof LOCALES)[number], Map<string, string>>;
/** A key as the code names it: plural forms collapse to their base. */
const baseKey = (key: string) => key.replace(PLURAL_SUFFIX, '');
const baseKeys = (locale: (typeof LOCALES)[number]) => new Set([...flat[locale].keys()].map(baseKey));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'locales' ? [] : sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}
const SOURCES = [...sourceFiles(join(ROOT, 'renderer/src')), ...sourceFiles(join(ROOT, 'electron'))].map((path) => ({
  path: relative(ROOT, path),
  text: readFileSync(path, 'utf8'),
}));
/** Every quoted string in the sources that looks like a key (namespace.name…). */
const NAMESPACES = Object.keys(CATALOGUES.en);
const KEY_LIKE = new RegExp(`['"\`]((?:${NAMESPACES.join('|')})\\.[A-Za-z0-9_.]+)['"\`]`, 'g');
const named = new Map<string, string>();
for (const { path, text } of SOURCES) for (const match of text.matchAll(KEY_LIKE)) if (!named.has(match[1]!)) named.set(match[1]!, path);

describe('message catalogues', () => {
  it('hold the same keys in every language', () => {
    const english = baseKeys('en');
    for (const locale of LOCALES) {
      const keys = baseKeys(locale);
      expect([...english].filter((key) => !keys.has(key)), `missing from ${locale}.json`).toEqual([]);
      expect([...keys].filter((key) => !english.has(key)), `in ${locale}.json but not in en.json`).toEqual([]);
    }
  });

  it('give every plural every form its language needs (Intl.PluralRules), and no others', () => {
    for (const locale of LOCALES) {
      const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
      const forms = new Map<string, string[]>();
      for (const key of flat[locale].keys()) {
        const suffix = PLURAL_SUFFIX.exec(key)?.[1];
        if (suffix) forms.set(baseKey(key), [...(forms.get(baseKey(key)) ?? []), suffix]);
      }
      expect(forms.size, `${locale} has plurals`).toBeGreaterThan(0);
      for (const [key, found] of forms) expect(found.sort(), `${locale}: ${key}`).toEqual(needed);
    }
    // Russian really has three forms for whole numbers (one, few, many): 1, 2, 5 results.
    const ru = translator('ru');
    expect([1, 2, 5, 21, 1000].map((count) => ru('switcher.results', { count }))).toEqual([
      '1 результат',
      '2 результата',
      '5 результатов',
      '21 результат',
      `${new Intl.NumberFormat('ru').format(1000)} результатов`,
    ]);
  });

  it('keep the same placeholders in every translation', () => {
    for (const locale of LOCALES) {
      for (const [key, text] of flat[locale]) {
        const english = flat.en.get(key) ?? flat.en.get(`${baseKey(key)}_other`) ?? '';
        expect(placeholders(text), `${locale}: ${key}`).toEqual(placeholders(english));
      }
    }
  });

  it('are translated: no empty text, and the Russian is written in Cyrillic', () => {
    for (const locale of LOCALES) for (const [key, text] of flat[locale]) expect(text.trim(), `${locale}: ${key}`).not.toBe('');
    const untranslated = [...flat.ru].filter(([key, text]) => /\p{L}/u.test(text.replace(/\{\{[^}]*\}\}/g, '')) && !/\p{Script=Cyrillic}/u.test(text) && key !== 'app.name');
    expect(untranslated).toEqual([]);
  });

  it('have no key the code does not use', () => {
    const unused = [...baseKeys('en')].filter((key) => !named.has(key));
    expect(unused).toEqual([]);
  });

  it('have every key the code names', () => {
    const english = baseKeys('en');
    const missing = [...named].filter(([key]) => !english.has(key)).map(([key, path]) => `${key} (${path})`);
    expect(missing).toEqual([]);
  });
});

describe('typed keys', () => {
  it('refuses, at compile time, a key en.json lacks (typecheck runs over this file)', () => {
    const en = translator('en');
    // @ts-expect-error no catalogue has this key: `npm run typecheck` fails if this line compiles
    expect(en('switcher.noSuchKey')).toBe('switcher.noSuchKey');
    expect(en('switcher.results', { count: 2 })).toBe('2 results');
  });
});
