/** The connection as the user should see it: idle, refreshing, offline, rate-limited or failing. */
import type { SyncStatus } from '../../../../electron/shared/ipc-contract';
import { on, read, type Revised } from '../api';
import { Newest } from './revision';

class SyncStore {
  status = $state.raw<SyncStatus>({ state: 'idle' });
  readonly #newest = new Newest();

  listen(): () => void {
    return on('sync:changed', (value, revision) => this.#apply({ value, revision }));
  }

  async load(): Promise<void> {
    this.#apply(await read('sync:get'));
  }

  #apply(snapshot: Revised<SyncStatus>): void {
    if (this.#newest.take(snapshot.revision)) this.status = snapshot.value;
  }
}

export const sync = new SyncStore();
