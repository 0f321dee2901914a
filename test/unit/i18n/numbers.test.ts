/**
 * Counts are written without Intl when Intl would write them as plain digits (formatNumber in
 * electron/shared/i18n.ts): held here to Intl.NumberFormat's own text, in every locale, directly
 * and through the catalogues' `{{count, number}}`.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUES, formatNumber, LOCALES, translator } from '../../../electron/shared/i18n';

const intl = (locale: string, value: number, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locale, options).format(value);
const OTHERS = [-0, -1, -999, 0.5, 999.5, 1_000, 1_234, 10_000, 12_345, 999_999, 1_000_000, 2 ** 53, Number.NaN, Infinity];

describe('formatNumber', () => {
  it.each(LOCALES)('writes every count as Intl.NumberFormat does in %s', (locale) => {
    for (let value = 0; value < 1_000; value++) expect(formatNumber(locale, value)).toBe(intl(locale, value));
    for (const value of OTHERS) expect(formatNumber(locale, value)).toBe(intl(locale, value));
  });

  it('leaves a locale it does not speak to Intl entirely', () => {
    expect(formatNumber('ar-EG', 7)).toBe(intl('ar-EG', 7));
    expect(formatNumber('ar-EG', 7)).not.toBe('7');
  });
});

describe('{{count, number}} in the catalogues', () => {
  it.each(LOCALES)('reads as i18next with Intl.NumberFormat would in %s', (locale) => {
    const t = translator(locale);
    const forms = CATALOGUES[locale].switcher as unknown as Record<string, string>;
    const expected = (count: number, options?: Intl.NumberFormatOptions) => {
      const key = new Intl.PluralRules(locale).select(count);
      const template = forms[`results_${key}`] ?? forms.results_other!;
      return template.replace('{{count, number}}', intl(locale, count, options));
    };
    for (const count of [0, 1, 2, 5, 21, 999, 1_000, 12_345]) expect(t('switcher.results', { count })).toBe(expected(count));
    // An option for the number still reaches Intl.
    expect(t('switcher.results', { count: 5, formatParams: { count: { minimumFractionDigits: 1 } } })).toBe(expected(5, { minimumFractionDigits: 1 }));
  });
});
