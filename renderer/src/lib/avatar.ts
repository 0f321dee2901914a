/**
 * Placeholder avatars the way Telegram draws them: one or two initials on one of seven colours,
 * picked from the peer's bare id so a person keeps their colour across devices and restarts.
 */

/** Telegram's seven placeholder gradients, in its order: red, orange, violet, green, cyan, blue, pink. */
export const AVATAR_COLORS = [
  { name: 'red', top: '#ff885e', bottom: '#ff516a' },
  { name: 'orange', top: '#ffcd6a', bottom: '#ffa85c' },
  { name: 'violet', top: '#82b1ff', bottom: '#665fff' },
  { name: 'green', top: '#a0de7e', bottom: '#54cb68' },
  { name: 'cyan', top: '#53edd6', bottom: '#28c9b7' },
  { name: 'blue', top: '#72d5fd', bottom: '#2a9ef1' },
  { name: 'pink', top: '#e0a2f3', bottom: '#d669ed' },
] as const;

/**
 * Colour index for a peer key (`user:123`). Telegram takes the bare id modulo 7; ids can exceed
 * 2^53 for channels, so the remainder is computed digit by digit instead of through Number.
 */
export function avatarColorIndex(key: string): number {
  const digits = key.slice(key.indexOf(':') + 1);
  let remainder = 0;
  for (const digit of digits) {
    const value = digit.charCodeAt(0) - 48;
    if (value < 0 || value > 9) continue;
    remainder = (remainder * 10 + value) % AVATAR_COLORS.length;
  }
  return remainder;
}

// Words made of letters or digits; emoji and punctuation never become an initial on their own
// unless there is nothing else, because "🔥 Crew" should read "C", not half a surrogate pair.
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu;

/** First letter of the first and last word ("Ivan Petrov" → "IP"), one letter for one word. */
export function initials(title: string): string {
  const words = title.match(WORD) ?? [];
  const first = words[0];
  if (!first) {
    // Only symbols or emoji: show the first whole grapheme so the circle is not empty.
    const symbol = [...title.trim()][0];
    return symbol ?? '?';
  }
  const firstLetter = [...first][0] ?? '';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const lastLetter = last ? ([...last][0] ?? '') : '';
  return (firstLetter + lastLetter).toLocaleUpperCase();
}
