/**
 * Catching up on what happened while the process was away. gramjs does not do it by itself: a
 * process that starts with a saved session asks `updates.getDifference` from the state it saved
 * (pts, qts, date), so renames and new photos made meanwhile are seen — the top-peers hash covers
 * ids only, so the list alone would answer NotModified with the old names for a day.
 *
 * The state is saved after each catch-up and whenever a live update moves pts or qts; a process
 * with no saved state (a fresh login) anchors with `updates.getState`. `differenceSlice` means
 * ask again from its intermediate state; `differenceTooLong` means what is shown must be fetched
 * whole (the owner's `onTooLong`).
 */
import { Api } from 'telegram';
import { z } from 'zod';
import type { KeyValueStore } from '../store.js';
import type { TelegramSession } from './session.js';

export const UPDATES_STATE_KEY = 'updatesState';
/** Bounds the slices of one catch-up; Telegram's slices are large, so this is never reached in practice. */
const MAX_ROUNDS = 20;

const SavedState = z.object({ pts: z.number().int(), qts: z.number().int(), date: z.number().int() });
type SavedState = z.infer<typeof SavedState>;

export interface CatchUpOptions {
  session: Pick<TelegramSession, 'invoke' | 'ensureConnected'>;
  store: KeyValueStore;
  /** Users and chats of the difference: fresher than the cached list. */
  onEntities(entities: Array<Api.TypeUser | Api.TypeChat>): void;
  /** The gap is too long to replay: refetch what is shown. */
  onTooLong(): Promise<void>;
}

export type CatchUpOutcome = 'anchored' | 'empty' | 'applied' | 'too-long';

export class UpdatesCatchUp {
  #running: Promise<CatchUpOutcome> | undefined;
  #behind = true;
  /** Bumped by forget(): a catch-up that outlives its session saves nothing for the next one. */
  #generation = 0;

  constructor(private readonly options: CatchUpOptions) {}

  /** True until a catch-up has finished in this process (then live updates keep it current). */
  get behind(): boolean {
    return this.#behind;
  }

  /** Catch up now; joins one already running. Rejects with the call's AppError (the caller logs it and tries later). */
  run(): Promise<CatchUpOutcome> {
    this.#running ??= this.#run().finally(() => (this.#running = undefined));
    return this.#running;
  }

  /** A live update arrived: remember how far pts/qts have come, so the next process starts from here. */
  noteLive(update: unknown): void {
    const fields = update as { pts?: unknown; qts?: unknown } | null;
    const saved = this.#saved();
    if (!saved || !fields) return;
    const pts = typeof fields.pts === 'number' && fields.pts > saved.pts ? fields.pts : saved.pts;
    const qts = typeof fields.qts === 'number' && fields.qts > saved.qts ? fields.qts : saved.qts;
    if (pts !== saved.pts || qts !== saved.qts) this.#save({ ...saved, pts, qts });
  }

  /** The session ended: the next account starts from its own state. */
  forget(): void {
    this.#generation += 1;
    this.options.store.delete(UPDATES_STATE_KEY);
    this.#behind = true;
  }

  async #run(): Promise<CatchUpOutcome> {
    const { session } = this.options;
    const generation = this.#generation;
    const save = (state: SavedState) => {
      if (generation === this.#generation) this.#save(state);
    };
    await session.ensureConnected();
    let saved = this.#saved();
    if (!saved) {
      save(stateOf(await session.invoke(new Api.updates.GetState())));
      this.#behind = false;
      return 'anchored';
    }
    let outcome: CatchUpOutcome = 'empty';
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const difference = await session.invoke(new Api.updates.GetDifference({ pts: saved.pts, qts: saved.qts, date: saved.date }));
      if (difference instanceof Api.updates.DifferenceEmpty) {
        save({ ...saved, date: difference.date });
        break;
      }
      if (difference instanceof Api.updates.DifferenceTooLong) {
        await this.options.onTooLong();
        save(stateOf(await session.invoke(new Api.updates.GetState())));
        outcome = 'too-long';
        break;
      }
      const entities = [...difference.users, ...difference.chats];
      if (entities.length > 0) this.options.onEntities(entities);
      outcome = 'applied';
      if (difference instanceof Api.updates.DifferenceSlice) {
        saved = stateOf(difference.intermediateState);
        save(saved);
        continue;
      }
      save(stateOf(difference.state));
      break;
    }
    this.#behind = false;
    return outcome;
  }

  #saved(): SavedState | undefined {
    const parsed = SavedState.safeParse(this.options.store.get(UPDATES_STATE_KEY));
    return parsed.success ? parsed.data : undefined;
  }

  #save(state: SavedState): void {
    this.options.store.set(UPDATES_STATE_KEY, state);
  }
}

const stateOf = (state: Api.updates.State): SavedState => ({ pts: state.pts, qts: state.qts, date: state.date });
