/**
 * The user's settings, mirrored from the core. Changes go to the core first and the screen shows
 * what it answered, so a refused value (a hotkey another app owns) never looks saved.
 */
import type { Settings } from '../../../../electron/shared/ipc-contract';
import { call, on } from '../api';
import { toUiError, type UiError } from '../errors';

class SettingsStore {
  value = $state.raw<Settings | null>(null);

  listen(): () => void {
    return on('settings:changed', (next) => {
      this.value = next;
    });
  }

  async load(): Promise<void> {
    this.value = await call('settings:get');
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
