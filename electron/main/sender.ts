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

/**
 * `devServerUrl`: in `npm run dev` the renderer comes from Vite's dev server on loopback. The
 * caller passes it only when the app is not packaged (index.ts: `!app.isPackaged`), so a packaged
 * app trusts app://topswitch alone, whatever ELECTRON_RENDERER_URL the environment holds.
 */
export function isTrustedSender(frame: FrameLike | null | undefined, windows: readonly ContentsLike[], devServerUrl?: string): boolean {
  if (!frame || frame.parent !== null) return false;
  if (!windows.some((contents) => contents.mainFrame === frame)) return false;
  const origin = originOf(frame.url);
  if (origin === null) return false;
  return origin === APP_ORIGIN || (devServerUrl !== undefined && devServerUrl !== '' && origin === originOf(devServerUrl));
}
