/**
 * What the switcher does with a peer that is not about the list: open it, copy its link, and the
 * short notice that says how that went.
 */
import type { Peer } from '../../../../electron/shared/ipc-contract';
import { call } from '../../lib/api';
import { toUiError } from '../../lib/errors';
import { errorText } from '../../lib/errorText';
import { t } from '../../lib/i18n.svelte';

export class PeerActions {
  notice = $state<{ text: string; error: boolean } | null>(null);
  #noticeTimer: ReturnType<typeof setTimeout> | undefined;

  async open(peer: Peer | undefined, target: 'app' | 'telegram'): Promise<void> {
    if (!peer) return;
    try {
      await call('peers:open', { key: peer.key, target });
    } catch (cause) {
      this.#show(errorText(toUiError(cause)), true);
    }
  }

  async copyLink(peer: Peer): Promise<void> {
    try {
      const { url } = await call('peers:link', { key: peer.key });
      if (!url) {
        this.#show(t('switcher.toast.noLink', { title: peer.title }), false);
        return;
      }
      try {
        await navigator.clipboard.writeText(url);
        this.#show(t('switcher.toast.linkCopied'), false);
      } catch {
        // No clipboard permission (outside Electron): the link itself is the next best thing.
        this.#show(url, false);
      }
    } catch (cause) {
      this.#show(errorText(toUiError(cause)), true);
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
