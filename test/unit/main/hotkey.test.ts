import { describe, expect, it } from 'vitest';
import {
  checkAccelerator,
  createHotkeyController,
  defaultHotkey,
  describeAccelerator,
  effectiveHotkey,
  type GlobalShortcutLike,
} from '../../../electron/main/hotkey.js';
import { DEFAULT_SETTINGS } from '../../../electron/shared/ipc-contract.js';
import { translator } from '../../../electron/shared/i18n.js';

/** The shell's words in English, as these tests read them. */
const english = () => translator('en');

/** globalShortcut as the OS sees it: some combinations are held by other applications. */
function fakeShortcuts(heldElsewhere: string[] = []) {
  const registered = new Map<string, () => void>();
  const api: GlobalShortcutLike & { registered: Map<string, () => void>; press(accelerator: string): void } = {
    registered,
    register(accelerator, callback) {
      if (heldElsewhere.includes(accelerator) || registered.has(accelerator)) return false;
      registered.set(accelerator, callback);
      return true;
    },
    unregister: (accelerator) => void registered.delete(accelerator),
    isRegistered: (accelerator) => registered.has(accelerator),
    press: (accelerator) => registered.get(accelerator)?.(),
  };
  return api;
}

describe('defaults', () => {
  it('is Ctrl+Alt+K, and Cmd+Shift+K on macOS', () => {
    expect(defaultHotkey('linux')).toBe('CommandOrControl+Alt+K');
    expect(defaultHotkey('win32')).toBe('CommandOrControl+Alt+K');
    expect(defaultHotkey('darwin')).toBe('Command+Shift+K');
    expect(DEFAULT_SETTINGS.hotkey).toBe('CommandOrControl+Alt+K');
  });

  it('maps the stored default to the platform default, and keeps a chosen hotkey', () => {
    expect(effectiveHotkey(DEFAULT_SETTINGS.hotkey, 'darwin')).toBe('Command+Shift+K');
    expect(effectiveHotkey(undefined, 'linux')).toBe('CommandOrControl+Alt+K');
    expect(effectiveHotkey('Super+Space', 'darwin')).toBe('Super+Space');
  });
});

describe('checkAccelerator', () => {
  it.each([
    ['CommandOrControl+Alt+K', 'CommandOrControl+Alt+K'],
    ['ctrl+alt+k', 'Control+Alt+K'],
    ['CmdOrCtrl+Shift+space', 'CommandOrControl+Shift+Space'],
    ['Alt+F4', 'Alt+F4'],
    ['Super+Plus', 'Super+Plus'],
    ['Option+/', 'Alt+/'],
    ['F13', 'F13'],
    [' Control + Alt + 1 ', 'Control+Alt+1'],
  ])('accepts %s as %s', (input, normalised) => {
    expect(checkAccelerator(input, english())).toEqual({ ok: true, accelerator: normalised });
  });

  it.each([
    ['', /modifiers and a key/],
    ['K', /needs Ctrl, Alt, Cmd or Super/],
    ['Shift+K', /needs Ctrl, Alt, Cmd or Super/],
    ['F5', /needs Ctrl/],
    ['Ctrl+Alt', /needs a key/],
    ['Ctrl+Hyper+K', /“Hyper” is not a modifier/],
    ['Ctrl+Ctrl+K', /twice/],
    ['Ctrl+Alt+KK', /not a key/],
    ['Ctrl++', /empty part/],
    ['Ctrl+Alt+K+', /empty part/],
  ])('refuses %j', (input, reason) => {
    const result = checkAccelerator(input, english());
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('says why in the language it is given', () => {
    expect(checkAccelerator('Ctrl+Hyper+K', translator('ru'))).toEqual({ ok: false, reason: '«Hyper» — не модификатор (Ctrl, Alt, Shift, Cmd, Super…).' });
    expect(checkAccelerator('Shift+K', translator('ru'))).toMatchObject({ ok: false, reason: expect.stringMatching(/^Глобальному сочетанию нужен Ctrl/) });
  });
});

describe('describeAccelerator', () => {
  it('reads naturally on each platform', () => {
    expect(describeAccelerator('CommandOrControl+Alt+K', 'linux')).toBe('Ctrl+Alt+K');
    expect(describeAccelerator('CommandOrControl+Alt+K', 'win32')).toBe('Ctrl+Alt+K');
    expect(describeAccelerator('Command+Shift+K', 'darwin')).toBe('⌘⇧K');
  });
});

describe('hotkey controller', () => {
  it('registers the hotkey and runs the action when it is pressed', () => {
    const shortcuts = fakeShortcuts();
    let presses = 0;
    const controller = createHotkeyController(shortcuts, () => presses++, 'linux', english);
    expect(controller.apply('CommandOrControl+Alt+K')).toEqual({ ok: true, accelerator: 'CommandOrControl+Alt+K' });
    shortcuts.press('CommandOrControl+Alt+K');
    expect(presses).toBe(1);
    expect(controller.current()).toBe('CommandOrControl+Alt+K');
  });

  it('moves to a new hotkey and frees the old one', () => {
    const shortcuts = fakeShortcuts();
    const controller = createHotkeyController(shortcuts, () => {}, 'linux', english);
    controller.apply('CommandOrControl+Alt+K');
    expect(controller.apply('Super+Space').ok).toBe(true);
    expect([...shortcuts.registered.keys()]).toEqual(['Super+Space']);
  });

  it('re-applying the same hotkey is a no-op, not a conflict with itself', () => {
    const shortcuts = fakeShortcuts();
    const controller = createHotkeyController(shortcuts, () => {}, 'linux', english);
    controller.apply('Control+Alt+K');
    expect(controller.apply('ctrl+alt+k')).toEqual({ ok: true, accelerator: 'Control+Alt+K' });
    expect(shortcuts.registered.size).toBe(1);
  });

  it('says HOTKEY_UNAVAILABLE in words when another app holds it, and keeps the working one', () => {
    const shortcuts = fakeShortcuts(['Super+Space']);
    const controller = createHotkeyController(shortcuts, () => {}, 'linux', english);
    controller.apply('CommandOrControl+Alt+K');
    const result = controller.apply('Super+Space');
    expect(result).toMatchObject({ ok: false, code: 'HOTKEY_UNAVAILABLE', kept: 'CommandOrControl+Alt+K' });
    if (!result.ok) {
      expect(result.message).toContain('Super+Space is already used by another application');
      expect(result.message).toContain('keeps Ctrl+Alt+K');
    }
    expect([...shortcuts.registered.keys()]).toEqual(['CommandOrControl+Alt+K']);
  });

  it('tells the user where to go when even the first hotkey is taken', () => {
    const controller = createHotkeyController(fakeShortcuts(['Command+Shift+K']), () => {}, 'darwin', english);
    const result = controller.apply('Command+Shift+K');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe('HOTKEY_UNAVAILABLE');
      expect(result.message).toMatch(/⌘⇧K is already used.*tray/);
      expect(result.kept).toBeNull();
    }
    expect(controller.current()).toBeNull();
  });

  it('treats a register() that claims success without effect, or throws, as unavailable', () => {
    const lying: GlobalShortcutLike = { register: () => true, unregister: () => {}, isRegistered: () => false };
    expect(createHotkeyController(lying, () => {}, 'linux', english).apply('Alt+F1')).toMatchObject({ ok: false, code: 'HOTKEY_UNAVAILABLE' });
    const throwing: GlobalShortcutLike = {
      register: () => {
        throw new Error('conversion failure');
      },
      unregister: () => {},
      isRegistered: () => false,
    };
    expect(createHotkeyController(throwing, () => {}, 'linux', english).apply('Alt+F1')).toMatchObject({ ok: false, code: 'HOTKEY_UNAVAILABLE' });
  });

  it('refuses an invalid accelerator without touching the registered one', () => {
    const shortcuts = fakeShortcuts();
    const controller = createHotkeyController(shortcuts, () => {}, 'linux', english);
    controller.apply('Alt+F1');
    expect(controller.apply('K')).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', kept: 'Alt+F1' });
    expect(shortcuts.isRegistered('Alt+F1')).toBe(true);
    controller.dispose();
    expect(shortcuts.registered.size).toBe(0);
  });
});
