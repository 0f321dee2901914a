/**
 * The shell's language: the setting, else the OS's; a settings push in another language hands
 * the shell a new translator (it rebuilds the tray and the menu with it), the same one does not.
 */
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/core/router.js';
import { followLanguage, preferredLanguages } from '../../../electron/main/language.js';
import { hotkeyStatus } from '../../../electron/main/hotkey-status.js';
import { DEFAULT_SETTINGS, type Settings } from '../../../electron/shared/ipc-contract.js';
import { translator, type Translate } from '../../../electron/shared/i18n.js';

const settings = (language: Settings['language']): Settings => ({ ...DEFAULT_SETTINGS, language });

describe('the shell language', () => {
  it('follows the OS unless Settings names a language', () => {
    const events = new EventBus();
    expect(followLanguage('system', ['ru-RU', 'en-US'], events, () => {}).locale).toBe('ru');
    expect(followLanguage('system', ['de-DE', 'fr'], events, () => {}).locale).toBe('en');
    expect(followLanguage('en', ['ru-RU'], events, () => {}).locale).toBe('en');
    expect(preferredLanguages([], 'ru')).toEqual(['ru']);
    expect(preferredLanguages(['en-GB'], 'ru')).toEqual(['en-GB']);
  });

  it('switches live on a settings push, and only when the language really changes', () => {
    const events = new EventBus();
    const changes: Translate[] = [];
    const language = followLanguage('system', ['en-US'], events, (t) => changes.push(t));
    expect(language.t('desktop.tray.quit')).toBe('Quit TopSwitch');
    events.emit('settings:changed', settings('ru'));
    expect(changes).toHaveLength(1);
    expect(language.t('desktop.tray.quit')).toBe('Выйти из TopSwitch');
    expect(changes[0]!('desktop.tray.open')).toBe('Открыть TopSwitch');
    events.emit('settings:changed', settings('ru'));
    events.emit('settings:changed', { ...settings('ru'), theme: 'dark' });
    expect(changes).toHaveLength(1);
    events.emit('settings:changed', settings('system'));
    expect(language.locale).toBe('en');
    expect(changes).toHaveLength(2);
    language.stop();
    events.emit('settings:changed', settings('ru'));
    expect(changes).toHaveLength(2);
  });
});

describe('the shortcut advice in the UI language', () => {
  it('words the same status in Russian, the command and the keys untouched', () => {
    const input = {
      desktop: { platform: 'linux' as const, wayland: true, desktop: 'gnome' as const },
      accelerator: 'CommandOrControl+Alt+K',
      result: { ok: true as const, accelerator: 'CommandOrControl+Alt+K' },
      portal: { identity: true, globalShortcuts: true, launchedAs: 'this-app' as const },
      command: 'topswitch --toggle',
      trayMissing: true,
    };
    const english = hotkeyStatus(input);
    const russian = hotkeyStatus(input, translator('ru'));
    expect(english.message).toMatch(/^TopSwitch asked GNOME for Ctrl\+Alt\+K, but on Wayland/);
    expect(english.message).toMatch(/no tray icon on this desktop/);
    expect(russian.message).toMatch(/^TopSwitch запросил у GNOME сочетание Ctrl\+Alt\+K, но в Wayland/);
    expect(russian.message).toMatch(/нет значка в трее/);
    expect(russian.where).toMatch(/^В GNOME свои сочетания клавиш/);
    expect({ ...russian, message: '', where: '' }).toEqual({ ...english, message: '', where: '' });
    const other = hotkeyStatus({ ...input, desktop: { ...input.desktop, desktop: 'other' }, portal: { ...input.portal, globalShortcuts: false } }, translator('ru'));
    expect(other.message).toMatch(/^ваш рабочий стол в Wayland не даёт/);
  });
});
