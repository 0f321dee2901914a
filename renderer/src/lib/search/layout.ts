// Text typed with the wrong keyboard layout active (QWERTY ⇄ ЙЦУКЕН): "gfdtk" is "павел" typed
// on a US layout, "ылнзу" is "skype" typed on a Russian one. Mapping key by key undoes it.

const QWERTY_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
const JCUKEN_KEYS = 'йцукенгшщзхъфывапролджэячсмитьбюё';
// Shifted punctuation lands on the same Cyrillic letters; the reverse direction keeps the
// unshifted key so that the result is what a lowercase query would have been.
const SHIFTED_QWERTY = '{}:"<>~';
const SHIFTED_JCUKEN = 'хъжэбюё';

const SWAP = new Map<string, string>();
for (let i = 0; i < QWERTY_KEYS.length; i++) {
  SWAP.set(QWERTY_KEYS[i]!, JCUKEN_KEYS[i]!);
  SWAP.set(JCUKEN_KEYS[i]!, QWERTY_KEYS[i]!);
}
for (let i = 0; i < SHIFTED_QWERTY.length; i++) SWAP.set(SHIFTED_QWERTY[i]!, SHIFTED_JCUKEN[i]!);

/** Re-types `text` on the other layout, in both directions at once; other characters are kept. */
export function swapLayout(text: string): string {
  let swapped = '';
  for (const char of text.toLowerCase()) swapped += SWAP.get(char) ?? char;
  return swapped;
}
