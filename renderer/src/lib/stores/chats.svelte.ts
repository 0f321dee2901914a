/**
 * The whole chat list (beyond the top peers). Snapshots arrive from `chats:get`, `chats:refresh`
 * and the `chats:changed` push; the newest is shown (stores/revision.ts). The core keeps the
 * list fresh (its scheduler and Telegram's updates), so the renderer only reads and listens.
 */
import type { Chat, ChatList, Revision } from '../../../../electron/shared/ipc-contract';
import { on, read, type Revised } from '../api';
import { toUiError, type UiError } from '../errors';
import { Newest } from './revision';

class ChatsStore {
  loaded = $state(false);
  status = $state<ChatList['status']>('empty');
  chats = $state.raw<readonly Chat[]>([]);
  fetchedAt = $state<number | null>(null);
  loadError = $state.raw<UiError | null>(null);

  readonly #newest = new Newest();

  listen(): () => void {
    return on('chats:changed', (value, revision) => this.apply({ value, revision }));
  }

  apply(snapshot: Revised<ChatList>): boolean {
    if (!this.#newest.take(snapshot.revision)) return false;
    this.status = snapshot.value.status;
    this.chats = snapshot.value.chats;
    this.fetchedAt = snapshot.value.fetchedAt;
    this.loaded = true;
    return true;
  }

  /** Another account (or none): this one's chats are never shown to it. */
  reset(accountRevision: Revision): void {
    this.#newest.refuseUpTo(accountRevision);
    this.loaded = false;
    this.status = 'empty';
    this.chats = [];
    this.fetchedAt = null;
    this.loadError = null;
  }

  async load(): Promise<void> {
    this.loadError = null;
    try {
      this.apply(await read('chats:get'));
    } catch (cause) {
      this.loadError = toUiError(cause);
    }
  }
}

export const chats = new ChatsStore();
