/**
 * The top-peers list. Snapshots arrive from `topPeers:get`, from refresh/remove/enable answers and
 * from the `topPeers:changed` push (which the core sends only when the list really changed).
 * The newest of them is shown (stores/revision.ts), through reconcilePeers, so an identical list
 * keeps the very same array and peer objects and nothing downstream re-renders.
 *
 * Removal is undoable: Telegram has no "un-reset" for a rating, so the peer is only hidden for
 * UNDO_MS and the call is made when that window closes.
 */
import type { Category, Peer, PeerKey, Revision, TopPeersSnapshot } from '../../../../electron/shared/ipc-contract';
import { on, read, type Revised } from '../api';
import { toUiError, type UiError } from '../errors';
import { reconcilePeers } from '../reconcile';
import { Newest } from './revision';

export const UNDO_MS = 5000;

export interface Removal {
  peer: Peer;
  categories: readonly Category[];
}

const NO_HIDDEN: ReadonlyMap<PeerKey, ReadonlySet<Category>> = new Map();

class TopPeersStore {
  loaded = $state(false);
  status = $state<TopPeersSnapshot['status']>('empty');
  peers = $state.raw<readonly Peer[]>([]);
  fetchedAt = $state<number | null>(null);
  checkedAt = $state<number | null>(null);
  /** Why the list could not be read at all (shown with a retry). */
  loadError = $state.raw<UiError | null>(null);
  /** The last refresh/remove/enable failure, shown as a toast. */
  actionError = $state.raw<UiError | null>(null);
  refreshing = $state(false);
  /** The removal the user can still undo. */
  undoable = $state.raw<Removal | null>(null);
  /** Categories hidden per peer: pending (undoable) and in-flight removals. */
  hidden = $state.raw<ReadonlyMap<PeerKey, ReadonlySet<Category>>>(NO_HIDDEN);

  #undoTimer: ReturnType<typeof setTimeout> | undefined;

  readonly #newest = new Newest();

  listen(): () => void {
    return on('topPeers:changed', (value, revision) => this.apply({ value, revision }));
  }

  /** Shows `snapshot` if it is newer than the list shown; says whether it was. */
  apply(snapshot: Revised<TopPeersSnapshot>): boolean {
    if (!this.#newest.take(snapshot.revision)) return false;
    const { value } = snapshot;
    this.status = value.status;
    const peers = reconcilePeers(this.peers, value.peers);
    if (peers !== this.peers) this.peers = peers;
    this.fetchedAt = value.fetchedAt;
    this.checkedAt = value.checkedAt;
    this.loaded = true;
    return true;
  }

  /**
   * Forgets the list (logout, another account): the next account never sees this one's peers.
   * `accountRevision` is the session's change that made the list someone else's: a list read
   * before it, still under way, is never shown.
   */
  reset(accountRevision: Revision): void {
    this.#newest.refuseUpTo(accountRevision);
    clearTimeout(this.#undoTimer);
    this.loaded = false;
    this.status = 'empty';
    this.peers = [];
    this.fetchedAt = null;
    this.checkedAt = null;
    this.loadError = null;
    this.actionError = null;
    this.undoable = null;
    this.hidden = NO_HIDDEN;
  }

  /** Reads the list without applying it: load() applies it, and so does App's boot, with the session. */
  read(): Promise<Revised<TopPeersSnapshot>> {
    return read('topPeers:get');
  }

  /** Applies a list just read: its first frame is the one the bench times from this mark. */
  applyRead(snapshot: Revised<TopPeersSnapshot>): void {
    // Lets the bench split "data arrived" from "list on screen" (test/bench/renderer.bench.ts).
    if (snapshot.revision > this.#newest.revision) performance.mark('topswitch:list-received');
    this.apply(snapshot);
  }

  async load(): Promise<void> {
    this.loadError = null;
    try {
      this.applyRead(await this.read());
    } catch (cause) {
      this.loadError = toUiError(cause);
    }
  }

  async refresh(): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    this.actionError = null;
    try {
      const { value, revision } = await read('topPeers:refresh');
      this.apply({ value: value.snapshot, revision });
      this.loadError = null;
    } catch (cause) {
      this.actionError = toUiError(cause);
    } finally {
      this.refreshing = false;
    }
  }

  async setEnabled(enabled: boolean): Promise<UiError | null> {
    this.actionError = null;
    try {
      this.apply(await read('topPeers:setEnabled', { enabled }));
      return null;
    } catch (cause) {
      const error = toUiError(cause);
      this.actionError = error;
      return error;
    }
  }

  /** Hides the peer's categories now; the server call happens when the undo window closes. */
  remove(peer: Peer, categories: readonly Category[]): void {
    if (categories.length === 0) return;
    void this.commitPending();
    this.undoable = { peer, categories };
    this.#hide(peer.key, categories, true);
    this.#undoTimer = setTimeout(() => void this.commitPending(), UNDO_MS);
  }

  undo(): void {
    const removal = this.undoable;
    if (!removal) return;
    clearTimeout(this.#undoTimer);
    this.undoable = null;
    this.#hide(removal.peer.key, removal.categories, false);
  }

  /** Sends the pending removal now (the undo window closed, or another removal replaces it). */
  async commitPending(): Promise<void> {
    const removal = this.undoable;
    if (!removal) return;
    clearTimeout(this.#undoTimer);
    this.undoable = null;
    try {
      for (const category of removal.categories) {
        this.apply(await read('topPeers:remove', { key: removal.peer.key, category }));
      }
    } catch (cause) {
      this.actionError = toUiError(cause);
    } finally {
      this.#hide(removal.peer.key, removal.categories, false);
    }
  }

  #hide(key: PeerKey, categories: readonly Category[], hidden: boolean): void {
    const next = new Map(this.hidden);
    const set = new Set(next.get(key));
    for (const category of categories) {
      if (hidden) set.add(category);
      else set.delete(category);
    }
    if (set.size > 0) next.set(key, set);
    else next.delete(key);
    this.hidden = next.size > 0 ? next : NO_HIDDEN;
  }
}

export const topPeers = new TopPeersStore();
