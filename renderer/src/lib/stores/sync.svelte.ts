/** The connection as the user should see it: idle, refreshing, offline, rate-limited or failing. */
import type { SyncStatus } from '../../../../electron/shared/ipc-contract';
import { call, on } from '../api';

class SyncStore {
  status = $state.raw<SyncStatus>({ state: 'idle' });

  listen(): () => void {
    return on('sync:changed', (next) => {
      this.status = next;
    });
  }

  async load(): Promise<void> {
    this.status = await call('sync:get');
  }
}

export const sync = new SyncStore();
