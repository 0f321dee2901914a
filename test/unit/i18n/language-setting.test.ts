/**
 * The language is a setting like the others: 'system' by default, persisted, pushed to every
 * window and the shell, refused by the contract when it names a language TopSwitch lacks, and
 * an old settings file without it reads as 'system'.
 */
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/core/router.js';
import { SettingsService } from '../../../electron/core/settings.js';
import { createMemoryStore } from '../../../electron/core/store.js';
import { channels, DEFAULT_SETTINGS, type Settings } from '../../../electron/shared/ipc-contract.js';
import { matchLocale, resolveLocale } from '../../../electron/shared/i18n.js';

const host = { openExternal: () => {}, hideWindow: () => {}, setHotkey: () => true, setLaunchAtLogin: () => {} };

describe('the language setting', () => {
  it('defaults to the system, persists a choice and pushes it', () => {
    const store = createMemoryStore();
    const events = new EventBus();
    const pushed: Settings[] = [];
    events.subscribe((event, payload) => {
      if (event === 'settings:changed') pushed.push(payload as Settings);
    });
    const service = new SettingsService(store, events, host, 'linux');
    expect(service.current.language).toBe('system');
    service.update({ language: 'ru' });
    expect((store.get('settings') as Settings).language).toBe('ru');
    expect(pushed.at(-1)?.language).toBe('ru');
    expect(new SettingsService(store, new EventBus(), host, 'linux').current.language).toBe('ru');
  });

  it('reads a settings file from before the setting existed as "system"', () => {
    const { language: _none, ...older } = DEFAULT_SETTINGS;
    const service = new SettingsService(createMemoryStore({ settings: { ...older, theme: 'dark' } }), new EventBus(), host, 'linux');
    expect(service.current).toMatchObject({ language: 'system', theme: 'dark' });
  });

  it('is refused by the contract for a language TopSwitch does not have', () => {
    expect(channels['settings:set'].args.safeParse({ language: 'ru' }).success).toBe(true);
    expect(channels['settings:set'].args.safeParse({ language: 'de' }).success).toBe(false);
  });

  it('resolves to the first system language TopSwitch has, English otherwise', () => {
    expect(matchLocale(['de-DE', 'ru-RU', 'en-US'])).toBe('ru');
    expect(matchLocale(['ru_RU'])).toBe('ru');
    expect(matchLocale(['uk-UA', 'de'])).toBe('en');
    expect(matchLocale([])).toBe('en');
    expect(resolveLocale('en', ['ru-RU'])).toBe('en');
    expect(resolveLocale('system', ['ru-RU'])).toBe('ru');
  });
});
