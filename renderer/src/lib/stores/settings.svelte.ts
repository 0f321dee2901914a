/**
 * The user's settings, mirrored from the core. Changes go to the core first and the screen shows
 * what it answered, so a refused value (a hotkey another app owns) never looks saved.
 */
import type { Settings } from '../../../../electron/shared/ipc-contract';
import { on, read, type Revised } from '../api';
import { toUiError, type UiError } from '../errors';
import { Newest } from './revision';

class SettingsStore {
  value = $state.raw<Settings | null>(null);
  readonly #newest = new Newest();

  listen(): () => void {
    return on('settings:changed', (value, revision) => this.#apply({ value, revision }));
  }

  async load(): Promise<void> {
    this.#apply(await read('settings:get'));
  }

  #apply(snapshot: Revised<Settings>): void {
    if (this.#newest.take(snapshot.revision)) this.value = snapshot.value;
  }

  /** Resolves null when saved, or the error to show beside the control. */
  async update(change: Partial<Settings>): Promise<UiError | null> {
    try {
      this.#apply(await read('settings:set', change));
      return null;
    } catch (cause) {
      return toUiError(cause);
    }
  }
}

export const settings = new SettingsStore();
