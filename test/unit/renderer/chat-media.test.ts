/** How the pane labels media it does not show (renderer/src/lib/chat/media.ts): sizes and durations. */
import { describe, expect, it } from 'vitest';
import { formatDuration, formatSize, sizeParts } from '../../../renderer/src/lib/chat/media.js';

describe('formatSize', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [24_000, '23 KB'],
    [1_048_575, '1 MB'],
    [3_565_158, '3.4 MB'],
    [30_000_000, '29 MB'],
    [1_288_490_189, '1.2 GB'],
  ])('%i bytes is %s', (bytes, text) => {
    expect(formatSize(bytes)).toBe(text);
  });

  it('says nothing for a size that is not one', () => {
    expect(formatSize(-1)).toBe('');
    expect(formatSize(Number.NaN)).toBe('');
  });
});

describe('sizeParts', () => {
  it('gives the number and the unit for the language to word (1,5 МБ in Russian)', () => {
    expect(sizeParts(1_572_864)).toEqual({ value: 1.5, unit: 'mb' });
    expect(sizeParts(1023)).toEqual({ value: 1023, unit: 'b' });
    expect(sizeParts(1_048_575)).toEqual({ value: 1, unit: 'mb' });
    expect(sizeParts(-1)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [5, '0:05'],
    [65, '1:05'],
    [599.6, '10:00'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [3725, '1:02:05'],
  ])('%s seconds is %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('says nothing for a duration that is not one', () => {
    expect(formatDuration(-3)).toBe('');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('');
  });
});
