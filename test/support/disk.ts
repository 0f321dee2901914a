/**
 * Stores and worlds for "the disk is full" tests: a memory store whose writes fail as a full
 * disk's do (ENOSPC) while the test says so, and a peer put on top of an account's list so the
 * next refresh brings a new list that must be written.
 */
import { createMemoryStore, type KeyValueStore } from '../../electron/core/store.js';
import type { World } from '../../electron/local-dc/world/index.js';

export interface FillableStore {
  readonly store: KeyValueStore;
  /** What was written while there was room. */
  readonly inner: KeyValueStore;
  /** From now on writes fail with ENOSPC (true) or succeed again (false). */
  setFull(full: boolean): void;
}

export function createFillableStore(): FillableStore {
  const inner = createMemoryStore();
  let full = false;
  const store: KeyValueStore = {
    get: (key) => inner.get(key),
    delete: (key) => inner.delete(key),
    set(key, value) {
      if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      inner.set(key, value);
    },
  };
  return { store, inner, setFull: (next) => (full = next) };
}

/** Rates a user who is in no category of the account first in `correspondents`; returns the user's id. */
export function promoteNewcomer(world: World, account: { phone: string; userId: bigint }): bigint {
  const newcomer = [...world.state.peers.values()].find(
    (peer) => peer.kind === 'user' && !peer.bot && peer.id !== account.userId && world.rating(account.phone, { kind: 'user', id: peer.id }, 'correspondents') === undefined,
  );
  if (!newcomer) throw new Error('the world has no user left to promote');
  world.setRating(account.phone, { kind: 'user', id: newcomer.id }, 'correspondents', 1e6);
  return newcomer.id;
}
