/**
 * The Cyrillic keyboard layouts the user has, as far as the OS tells the page: Chromium's
 * `navigator.keyboard.getLayoutMap()` describes the ACTIVE layout (key code → character), so what
 * it reveals is kept for the session and added to whenever the window comes back into focus (the
 * user may have switched layouts meanwhile). Until a Cyrillic layout has been seen, `learned` is
 * null and the search undoes Russian and Ukrainian wrong-layout typing both; once one has, only
 * the layouts seen, so "ыщ" is not also read as Ukrainian by someone without that layout.
 *
 * The shell could ask the OS for every installed layout (setxkbmap, the Windows registry, macOS
 * input sources), but only through commands the sandboxed renderer cannot run; this is what the
 * page can reach itself.
 */
import { layoutsFromKeyMap, type KeyboardLayout } from './search/index';

/** What of `navigator.keyboard` this needs (absent outside Chromium, and on insecure origins). */
export interface LayoutSource {
  getLayoutMap(): Promise<{ get(code: string): string | undefined }>;
}

export class KeyboardLayouts {
  /** The Cyrillic layouts seen so far, in the order first seen; null before any. */
  learned = $state.raw<readonly KeyboardLayout[] | null>(null);
  /** Why the layout map could not be read, if it could not (diagnostics; search keeps its default). */
  problem = $state<string | null>(null);

  /** Reads the active layout once; resolves when done (never rejects: a failure is kept in `problem`). */
  async learn(source: LayoutSource | undefined): Promise<void> {
    if (source === undefined || typeof source.getLayoutMap !== 'function') return;
    let map: { get(code: string): string | undefined };
    try {
      map = await source.getLayoutMap();
    } catch (error) {
      this.problem = `The keyboard layout could not be read: ${error instanceof Error ? error.message : String(error)}`;
      return;
    }
    this.problem = null;
    const found = layoutsFromKeyMap(map);
    if (found === null) return;
    const known = this.learned ?? [];
    const added = found.filter((layout) => !known.includes(layout));
    if (added.length > 0) this.learned = [...known, ...added];
  }

  /** Learns now and on every focus of the window; returns the stop function (for an `$effect`). */
  watch(win: Window = window): () => void {
    const source = (win.navigator as Navigator & { keyboard?: LayoutSource }).keyboard;
    const learn = () => void this.learn(source);
    learn();
    win.addEventListener('focus', learn);
    return () => win.removeEventListener('focus', learn);
  }
}

export const keyboardLayouts = new KeyboardLayouts();
