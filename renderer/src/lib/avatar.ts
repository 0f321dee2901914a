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

/** The grey Telegram gives deleted accounts, in place of a colour. */
export const DELETED_COLOR = { name: 'deleted', top: '#9ba3ab', bottom: '#9ba3ab' } as const;

export interface AvatarDrawing {
  /** The decoded photo, drawn over the whole canvas; null draws the initials on the gradient. */
  photo: CanvasImageSource | null;
  letters: string;
  top: string;
  bottom: string;
}

let textFont: string | undefined;

/**
 * Draws an avatar into a square canvas (its circle comes from CSS): the photo, else the initials
 * in white on the colour's gradient. A canvas, not DOM: rows are reused while typing, so a
 * keystroke changes most rows' avatars, and a redrawn canvas costs the page no style, layout or
 * paint, where a swapped photo, recoloured gradient and new initials cost all three (measured in
 * the renderer bench: about a third of a keystroke's frame).
 */
export function drawAvatar(canvas: HTMLCanvasElement, drawing: AvatarDrawing): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const side = canvas.width;
  context.clearRect(0, 0, side, side);
  if (drawing.photo) {
    context.drawImage(drawing.photo, 0, 0, side, side);
    return;
  }
  const gradient = context.createLinearGradient(0, 0, 0, side);
  gradient.addColorStop(0, drawing.top);
  gradient.addColorStop(1, drawing.bottom);
  context.fillStyle = gradient;
  context.fillRect(0, 0, side, side);
  // The page's own font, read once: a style read on every draw would cost what the canvas saves.
  textFont ??= getComputedStyle(document.body).fontFamily || 'sans-serif';
  const fontSize = side * 0.38;
  context.font = `600 ${fontSize}px ${textFont}`;
  context.letterSpacing = `${fontSize * 0.02}px`;
  context.fillStyle = '#fff';
  context.textAlign = 'center';
  context.textBaseline = 'alphabetic';
  // Centred on the letters' ink, not on the font's em box: as the eye centres them.
  const ink = context.measureText(drawing.letters);
  context.fillText(drawing.letters, side / 2, (side + ink.actualBoundingBoxAscent - ink.actualBoundingBoxDescent) / 2);
}
