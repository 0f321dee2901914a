// Text typed with the wrong keyboard layout active: "gfdtk" is "павел" typed on a US layout,
// "ылнзу" is "skype" typed on a Russian one. Mapping key by key undoes it. The Russian and the
// Ukrainian layouts share most keys; the Ukrainian one has і, ї, є where the Russian has ы, ъ, э,
// and ґ on the key left of 1 (and, on some systems, the backslash key).

export type KeyboardLayout = 'ru' | 'uk';
export const KEYBOARD_LAYOUTS: readonly KeyboardLayout[] = ['ru', 'uk'];

const QWERTY_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
const LAYOUT_KEYS: Readonly<Record<KeyboardLayout, string>> = {
  ru: 'йцукенгшщзхъфывапролджэячсмитьбюё',
  uk: 'йцукенгшщзхїфівапролджєячсмитьбюґ',
};
// Shifted punctuation lands on the same Cyrillic letters; the reverse direction keeps the
// unshifted key so that the result is what a lowercase query would have been.
const SHIFTED_QWERTY = '{}:"<>~';
const SHIFTED_KEYS: Readonly<Record<KeyboardLayout, string>> = { ru: 'хъжэбюё', uk: 'хїжєбюґ' };

function buildSwap(layout: KeyboardLayout): Map<string, string> {
  const swap = new Map<string, string>();
  const keys = LAYOUT_KEYS[layout];
  for (let i = 0; i < QWERTY_KEYS.length; i++) {
    swap.set(QWERTY_KEYS[i]!, keys[i]!);
    // Every Cyrillic letter of either layout goes back to its key, whichever layout is asked for.
    for (const other of KEYBOARD_LAYOUTS) swap.set(LAYOUT_KEYS[other][i]!, QWERTY_KEYS[i]!);
  }
  for (let i = 0; i < SHIFTED_QWERTY.length; i++) swap.set(SHIFTED_QWERTY[i]!, SHIFTED_KEYS[layout][i]!);
  if (layout === 'uk') swap.set('\\', 'ґ');
  return swap;
}

const SWAPS: Readonly<Record<KeyboardLayout, Map<string, string>>> = { ru: buildSwap('ru'), uk: buildSwap('uk') };

/**
 * Re-types `text` on the other layout, in both directions at once (QWERTY ⇄ `layout`, Russian
 * by default); other characters are kept.
 */
export function swapLayout(text: string, layout: KeyboardLayout = 'ru'): string {
  const swap = SWAPS[layout];
  let swapped = '';
  for (const char of text.toLowerCase()) swapped += swap.get(char) ?? char;
  return swapped;
}

/**
 * The Cyrillic layouts a keyboard map reveals (the `KeyboardLayoutMap` of `navigator.keyboard`,
 * code → character), or null when it tells nothing (a Latin layout is active). The map only
 * describes the active layout, so a caller keeps what it learnt while another layout was active.
 */
export function layoutsFromKeyMap(map: { get(code: string): string | undefined }): KeyboardLayout[] | null {
  const s = map.get('KeyS')?.toLowerCase();
  if (s === 'ы') return ['ru'];
  if (s === 'і') return ['uk'];
  return null;
}
