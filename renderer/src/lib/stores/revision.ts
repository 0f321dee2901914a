/**
 * The renderer's half of the state protocol (the rule itself is written down at `Revision` in
 * electron/shared/ipc-contract.ts): a store takes a snapshot, a read's answer or a push, only if
 * it is newer than the newest it has taken. Whichever way snapshots arrive, and in whatever order,
 * the store ends on the newest.
 */
import type { Revision } from '../../../../electron/shared/ipc-contract';

export class Newest {
  #revision: Revision = -Infinity;

  /** The revision of the snapshot held (-Infinity before the first). */
  get revision(): Revision {
    return this.#revision;
  }

  /** True, and remembered, when `revision` is newer than every revision taken before. */
  take(revision: Revision): boolean {
    if (!(revision > this.#revision)) return false;
    this.#revision = revision;
    return true;
  }

  /** From now on only what is newer than `revision` is taken (what it made stale never is). */
  refuseUpTo(revision: Revision): void {
    if (revision > this.#revision) this.#revision = revision;
  }
}
