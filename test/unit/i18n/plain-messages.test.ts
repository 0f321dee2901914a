/**
 * The renderer reads plain messages straight from the catalogue (plainMessage) instead of asking
 * i18next: for every key of every catalogue, what it answers must be exactly i18next's answer, and
 * anything needing i18next (a count, a format, a missing key, an option that fills no slot) must
 * be left to it.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUES, LOCALES, plainMessage, translator } from '../../../electron/shared/i18n.js';

function leaves(node: unknown, prefix = ''): Array<[string, string]> {
  if (typeof node === 'string') return [[prefix, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([name, child]) => leaves(child, prefix ? `${prefix}.${name}` : name));
}

describe('plain messages', () => {
  for (const locale of LOCALES) {
    it(`answers as i18next does for every ${locale} message it takes, and leaves the rest to i18next`, () => {
      const translate = translator(locale) as unknown as (key: string, options?: Record<string, unknown>) => string;
      let taken = 0;
      let left = 0;
      for (const [key, text] of leaves(CATALOGUES[locale])) {
        const slots = [...text.matchAll(/\{\{([^}]*)\}\}/g)].map((match) => match[1]!.trim());
        // Text in odd slots, numbers in even ones: both are written as they are.
        const options = Object.fromEntries(slots.filter((slot) => !slot.includes(',')).map((slot, index) => [slot, index % 2 === 0 ? `«${slot}»` : index * 7]));
        const plain = plainMessage(locale, key, slots.length > 0 ? options : undefined);
        if (plain === undefined) {
          left++;
          expect(slots.some((slot) => slot.includes(',')) || slots.includes('count'), `${locale} ${key} was left to i18next`).toBe(true);
        } else {
          taken++;
          expect(plain, `${locale} ${key}`).toBe(translate(key, slots.length > 0 ? options : undefined));
        }
      }
      // Most of a screen's messages are plain; the counted ones are i18next's.
      expect(taken).toBeGreaterThan(left);
      expect(left).toBeGreaterThan(0);
    });
  }

  it('leaves counts, unknown keys, sections and options that fill no slot to i18next', () => {
    expect(plainMessage('en', 'app.version', { version: '1.2.3' })).toBe('Version 1.2.3');
    expect(plainMessage('en', 'app.version', { version: 7 })).toBe('Version 7');
    expect(plainMessage('en', 'app.name')).toBe('TopSwitch');
    expect(plainMessage('en', 'app.name', { count: 2 })).toBeUndefined();
    expect(plainMessage('en', 'app.version', { version: '1', extra: 'x' })).toBeUndefined();
    expect(plainMessage('en', 'app.version')).toBeUndefined();
    expect(plainMessage('en', 'app.version', { version: { nested: true } })).toBeUndefined();
    expect(plainMessage('en', 'app')).toBeUndefined();
    expect(plainMessage('en', 'app.nothing.here')).toBeUndefined();
    expect(plainMessage('en', 'app.name.length')).toBeUndefined();
    expect(plainMessage('en', 'constructor')).toBeUndefined();
  });
});
