/**
 * Unread counts, muted and online state for the switcher's rows (the core's `chat:badges`).
 * Unlike the lists, a badge is per chat: each answer or push carries some chats' badges, and each
 * chat keeps the newest it was told (stores/revision.ts's rule, per chat). The switcher asks for
 * the top peers' badges when their set changes; the core pushes changes (a message, a read, a
 * mute, a status) as they happen.
 */
import type { ChatBadge, PeerKey, Revision } from '../../../../electron/shared/ipc-contract';
import { on, read, type Revised } from '../api';
import { toUiError, type UiError } from '../errors';
import { Newest } from './revision';

/** The most the core answers for at once (the contract's limit). */
export const BADGE_BATCH = 200;

class BadgesStore {
  byKey = $state.raw<ReadonlyMap<PeerKey, ChatBadge>>(new Map());
  loadError = $state.raw<UiError | null>(null);

  #newest = new Map<PeerKey, Newest>();
  /** Nothing at or below this revision is taken: it was told to another account (or none). */
  #floor: Revision = -Infinity;
  #asked = '';

  listen(): () => void {
    return on('chat:badges', ({ badges }, revision) => this.apply({ value: badges, revision }));
  }

  /** Takes each chat's badge that is newer than the one held; true if any was. */
  apply(snapshot: Revised<readonly ChatBadge[]>): boolean {
    if (!(snapshot.revision > this.#floor)) return false;
    let next: Map<PeerKey, ChatBadge> | null = null;
    for (const badge of snapshot.value) {
      let newest = this.#newest.get(badge.key);
      if (!newest) this.#newest.set(badge.key, (newest = new Newest()));
      if (!newest.take(snapshot.revision)) continue;
      next ??= new Map(this.byKey);
      next.set(badge.key, badge);
    }
    if (next) this.byKey = next;
    return next !== null;
  }

  /** Another account (or none): this one's badges are never shown to it. */
  reset(accountRevision: Revision): void {
    if (accountRevision > this.#floor) this.#floor = accountRevision;
    this.#newest = new Map();
    this.#asked = '';
    this.byKey = new Map();
    this.loadError = null;
  }

  /** Asks for these chats' badges, unless the same set was asked for last. */
  async ask(keys: readonly PeerKey[]): Promise<void> {
    const batch = keys.slice(0, BADGE_BATCH);
    const asked = batch.join(',');
    if (batch.length === 0 || asked === this.#asked) return;
    this.#asked = asked;
    this.loadError = null;
    try {
      this.apply(await read('chat:badges', { keys: [...batch] }));
    } catch (cause) {
      // Asked again with the next change of the set; the rows keep what they showed.
      this.#asked = '';
      this.loadError = toUiError(cause);
    }
  }
}

export const badges = new BadgesStore();
