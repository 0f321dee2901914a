/**
 * The user's settings, mirrored from the core. Changes go to the core first and the screen shows
 * what it answered, so a refused value (a hotkey another app owns) never looks saved.
 */
import type { Settings } from '../../../../electron/shared/ipc-contract';
import { call, on } from '../api';
import { toUiError, type UiError } from '../errors';

class SettingsStore {
  value = $state.raw<Settings | null>(null);
  #pushes = 0;

  listen(): () => void {
    return on('settings:changed', (next) => {
      this.#pushes++;
      this.value = next;
    });
  }

  async load(): Promise<void> {
    const pushes = this.#pushes;
    const value = await call('settings:get');
    // The core pushes every change: a push that came meanwhile is at least as new as this answer.
    if (this.#pushes === pushes) this.value = value;
  }

  /** Resolves null when saved, or the error to show beside the control. */
  async update(change: Partial<Settings>): Promise<UiError | null> {
    try {
      this.value = await call('settings:set', change);
      return null;
    } catch (cause) {
      return toUiError(cause);
    }
  }
}

export const settings = new SettingsStore();
