/**
 * The login URL as a QR code, drawn as one SVG path: no network, no canvas, nothing the CSP has
 * to allow. qrcode-generator does the encoding; the drawing is ours so it follows the theme.
 */
import qrcode from 'qrcode-generator';

export interface QrDrawing {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** An SVG path in module units: one unit square per dark module, merged along rows. */
  path: string;
}

export function drawQr(text: string): QrDrawing {
  // 'M' recovers from ~15 % damage, Telegram's own choice for login codes on screens.
  const code = qrcode(0, 'M');
  code.addData(text, 'Byte');
  code.make();
  const size = code.getModuleCount();
  let path = '';
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!code.isDark(row, col)) {
        col++;
        continue;
      }
      // Runs of dark modules become one rectangle: a login token's code has far fewer path commands.
      const start = col;
      while (col < size && code.isDark(row, col)) col++;
      path += `M${start} ${row}h${col - start}v1h${start - col}z`;
    }
  }
  return { size, path };
}
