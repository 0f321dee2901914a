/** The connection as the user should see it: idle, refreshing, offline, rate-limited or failing. */
import type { SyncStatus } from '../../../../electron/shared/ipc-contract';
import { call, on } from '../api';

class SyncStore {
  status = $state.raw<SyncStatus>({ state: 'idle' });
  #pushes = 0;

  listen(): () => void {
    return on('sync:changed', (next) => {
      this.#pushes++;
      this.status = next;
    });
  }

  async load(): Promise<void> {
    const pushes = this.#pushes;
    const status = await call('sync:get');
    // The core pushes every change: a push that came meanwhile is at least as new as this answer.
    if (this.#pushes === pushes) this.status = status;
  }
}

export const sync = new SyncStore();
