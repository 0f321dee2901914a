/**
 * Telegram's own search (contacts.search) behind the switcher's local one: with GLOBAL_MIN_LETTERS
 * or more typed, it runs once typing pauses for GLOBAL_DELAY_MS; a newer query cancels the one
 * under way (chats:search itself cancels an older call, and its late answer is dropped here). The
 * keystroke only sets a timer: nothing here ever delays what is typed or the local results.
 */
import type { ChatSearchResult } from '../../../../electron/shared/ipc-contract';
import { call } from '../../lib/api';
import { toUiError, type UiError } from '../../lib/errors';

export const GLOBAL_MIN_LETTERS = 3;
export const GLOBAL_DELAY_MS = 350;

export class GlobalSearch {
  /** The answer for `forQuery`; null while there is none for the query shown. */
  found = $state.raw<Pick<ChatSearchResult, 'mine' | 'global'> | null>(null);
  forQuery = $state('');
  pending = $state(false);
  error = $state.raw<UiError | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #seq = 0;
  #inFlight = false;

  /** The query changed (or the connection did): schedule, cancel or drop. */
  update(query: string, online: boolean): void {
    const wanted = query.trim();
    clearTimeout(this.#timer);
    if (wanted === this.forQuery && this.found) return;
    const seq = ++this.#seq;
    this.found = null;
    this.forQuery = '';
    this.error = null;
    if (wanted.length < GLOBAL_MIN_LETTERS || !online) {
      this.pending = false;
      if (this.#inFlight) void call('chats:cancelSearch').catch(() => {});
      return;
    }
    this.pending = true;
    this.#timer = setTimeout(() => void this.#run(wanted, seq), GLOBAL_DELAY_MS);
  }

  async #run(query: string, seq: number): Promise<void> {
    this.#inFlight = true;
    try {
      const answer = await call('chats:search', { query });
      if (seq !== this.#seq || answer.status === 'cancelled') return;
      this.found = { mine: answer.mine, global: answer.global };
      this.forQuery = query;
    } catch (cause) {
      if (seq === this.#seq) this.error = toUiError(cause);
    } finally {
      if (seq === this.#seq) {
        this.pending = false;
        this.#inFlight = false;
      }
    }
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#seq += 1;
    if (this.#inFlight) void call('chats:cancelSearch').catch(() => {});
  }
}
