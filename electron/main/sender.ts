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

export function isTrustedSender(frame: FrameLike | null | undefined, windows: readonly ContentsLike[]): boolean {
  if (!frame || frame.parent !== null) return false;
  if (!windows.some((contents) => contents.mainFrame === frame)) return false;
  try {
    const url = new URL(frame.url);
    // In `npm run dev` the renderer comes from Vite's dev server on loopback; never in a packaged app.
    const devServer = process.env.ELECTRON_RENDERER_URL;
    return url.origin === APP_ORIGIN || (devServer !== undefined && url.origin === new URL(devServer).origin);
  } catch {
    return false;
  }
}
