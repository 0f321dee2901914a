/**
 * Who may call the main process: only the main frame of one of our own windows, showing our own
 * app:// page. An iframe, a navigated-away page or a devtools extension gets FORBIDDEN_SENDER.
 * Plain data in, boolean out, so it is unit-tested without Electron.
 */
export const APP_ORIGIN = 'app://topswitch';

interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}
interface ContentsLike {
  readonly mainFrame: unknown;
}

/**
 * `scheme://host[:port]` of a URL. WHATWG URL gives non-special schemes such as app: the opaque
 * origin "null", so `new URL('app://topswitch/').origin` can never equal APP_ORIGIN: compare
 * scheme and host instead.
 */
export function originOf(raw: string): string | null {
  try {
    const url = new URL(raw);
    if (url.host === '') return null;
    return `${url.protocol}//${url.host}`;
  } catch {
    return null;
  }
}

export function isTrustedSender(frame: FrameLike | null | undefined, windows: readonly ContentsLike[]): boolean {
  if (!frame || frame.parent !== null) return false;
  if (!windows.some((contents) => contents.mainFrame === frame)) return false;
  const origin = originOf(frame.url);
  if (origin === null) return false;
  // In `npm run dev` the renderer comes from Vite's dev server on loopback; never in a packaged app.
  const devServer = process.env.ELECTRON_RENDERER_URL;
  return origin === APP_ORIGIN || (devServer !== undefined && devServer !== '' && origin === originOf(devServer));
}
