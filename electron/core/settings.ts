/**
 * The user's settings: loaded from the store (anything unreadable falls back to the platform's
 * defaults), changed as one validated patch, persisted and pushed (`settings:changed`). What only
 * the shell can do about a change (the global hotkey, the login item) goes through the host first,
 * so a hotkey another app holds leaves the settings as they were.
 */
import { defaultSettingsFor, Settings } from '../shared/ipc-contract.js';
import { AppError } from './errors.js';
import type { AppHost } from './host.js';
import type { EventBus } from './router.js';
import type { KeyValueStore } from './store.js';

export interface SettingsChange {
  settings: Settings;
  intervalChanged: boolean;
  categoriesChanged: boolean;
}

export class SettingsService {
  #settings: Settings;

  constructor(
    private readonly store: KeyValueStore,
    private readonly events: EventBus,
    private readonly host: AppHost,
    platform: string = process.platform,
  ) {
    this.#settings = loadSettings(store, platform);
  }

  get current(): Settings {
    return this.#settings;
  }

  update(patch: Partial<Settings>): SettingsChange {
    const previous = this.#settings;
    const next = Settings.parse({ ...previous, ...patch });
    if (patch.hotkey !== undefined && patch.hotkey !== previous.hotkey && !this.host.setHotkey(patch.hotkey)) {
      throw new AppError('HOTKEY_UNAVAILABLE', `${patch.hotkey} is taken by the system or another app; choose another.`);
    }
    if (patch.launchAtLogin !== undefined && patch.launchAtLogin !== previous.launchAtLogin) this.host.setLaunchAtLogin(patch.launchAtLogin);
    this.#settings = next;
    this.store.set('settings', next);
    this.events.emit('settings:changed', next);
    return {
      settings: next,
      intervalChanged: next.refreshIntervalMinutes !== previous.refreshIntervalMinutes,
      categoriesChanged: patch.categories !== undefined && patch.categories.join() !== previous.categories.join(),
    };
  }
}

function loadSettings(store: KeyValueStore, platform: string): Settings {
  // Settings shows the hotkey that is really registered, so the default is the platform's own.
  const defaults = defaultSettingsFor(platform);
  const saved = store.get('settings');
  const parsed = Settings.safeParse({ ...defaults, ...(isRecord(saved) ? saved : {}) });
  return parsed.success ? parsed.data : defaults;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
