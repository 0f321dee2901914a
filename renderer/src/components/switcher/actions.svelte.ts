/**
 * What the switcher does with a peer that is not about the list: open it, copy its link, and the
 * short notice that says how that went.
 */
import type { Peer } from '../../../../electron/shared/ipc-contract';
import { call } from '../../lib/api';
import { toUiError } from '../../lib/errors';

export class PeerActions {
  notice = $state<{ text: string; error: boolean } | null>(null);
  #noticeTimer: ReturnType<typeof setTimeout> | undefined;

  async open(peer: Peer | undefined, target: 'app' | 'telegram'): Promise<void> {
    if (!peer) return;
    try {
      await call('peers:open', { key: peer.key, target });
    } catch (cause) {
      this.#show(toUiError(cause).message, true);
    }
  }

  async copyLink(peer: Peer): Promise<void> {
    try {
      const { url } = await call('peers:link', { key: peer.key });
      if (!url) {
        this.#show(`${peer.title} has no public link`, false);
        return;
      }
      try {
        await navigator.clipboard.writeText(url);
        this.#show('Link copied', false);
      } catch {
        // No clipboard permission (outside Electron): the link itself is the next best thing.
        this.#show(url, false);
      }
    } catch (cause) {
      this.#show(toUiError(cause).message, true);
    }
  }

  dispose(): void {
    clearTimeout(this.#noticeTimer);
  }

  #show(text: string, error: boolean): void {
    clearTimeout(this.#noticeTimer);
    this.notice = { text, error };
    this.#noticeTimer = setTimeout(() => (this.notice = null), error ? 6000 : 2500);
  }
}
