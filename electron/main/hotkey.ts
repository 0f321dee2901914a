/**
 * The system-wide hotkey, minus Electron: accelerator validation, the per-platform default, how it
 * reads to a person, and the register-new-before-dropping-old dance. `shortcuts.ts` plugs in
 * `globalShortcut`; tests plug in a fake that can be "held by another app".
 */
import type { Translate } from '../shared/i18n.js';
import { DEFAULT_SETTINGS, defaultHotkeyFor } from '../shared/ipc-contract.js';

/** The contract's platform-neutral default. */
export const DEFAULT_HOTKEY = DEFAULT_SETTINGS.hotkey;

export const defaultHotkey = (platform: NodeJS.Platform): string => defaultHotkeyFor(platform);

/**
 * What to register for a stored setting: none, or the contract's platform-neutral default (a
 * settings file written on another platform), means this platform's default (`defaultHotkeyFor`).
 * A hotkey the user chose is used as it is.
 */
export function effectiveHotkey(setting: string | undefined, platform: NodeJS.Platform): string {
  if (!setting || setting === DEFAULT_HOTKEY) return defaultHotkey(platform);
  return setting;
}

const MODIFIERS: Record<string, string> = {
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Meta',
};

const NAMED_KEYS = [
  'Plus', 'Space', 'Tab', 'Capslock', 'Numlock', 'Scrolllock', 'Backspace', 'Delete', 'Insert',
  'Return', 'Enter', 'Up', 'Down', 'Left', 'Right', 'Home', 'End', 'PageUp', 'PageDown', 'Escape',
  'Esc', 'PrintScreen', 'num0', 'num1', 'num2', 'num3', 'num4', 'num5', 'num6', 'num7', 'num8',
  'num9', 'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
];
const NAMED_KEY_LOOKUP = new Map(NAMED_KEYS.map((key) => [key.toLowerCase(), key]));
const PUNCTUATION = new Set([...')!@#$%^&*(:;<=>,_-.?/~`{}[]|\\\'"']);

function normaliseKey(token: string): string | null {
  if (/^[a-z0-9]$/i.test(token)) return token.toUpperCase();
  if (/^f([1-9]|1[0-9]|2[0-4])$/i.test(token)) return token.toUpperCase();
  if (PUNCTUATION.has(token)) return token;
  return NAMED_KEY_LOOKUP.get(token.toLowerCase()) ?? null;
}

export type AcceleratorCheck = { ok: true; accelerator: string } | { ok: false; reason: string };

/**
 * Electron's accelerator grammar (modifiers joined by `+`, then exactly one key), with one more
 * rule for a *global* hotkey: it needs a modifier other than Shift, or it would steal a key the
 * user types everywhere else. Function keys F13–F24 are fine alone (nobody types them).
 */
export function checkAccelerator(input: string, t: Translate): AcceleratorCheck {
  const text = input.trim();
  if (text === '' || text.length > 64) return { ok: false, reason: t('desktop.accelerator.shape') };
  // "Plus" is the key "+"; a literal trailing "+" is written "Plus" in Electron's grammar.
  const tokens = text.split('+').map((token) => token.trim());
  if (tokens.some((token) => token === '')) return { ok: false, reason: t('desktop.accelerator.emptyPart', { text }) };
  const keyToken = tokens.pop()!;
  const modifiers: string[] = [];
  for (const token of tokens) {
    const modifier = MODIFIERS[token.toLowerCase()];
    if (!modifier) return { ok: false, reason: t('desktop.accelerator.notModifier', { token }) };
    if (modifiers.includes(modifier)) return { ok: false, reason: t('desktop.accelerator.twice', { modifier }) };
    modifiers.push(modifier);
  }
  if (MODIFIERS[keyToken.toLowerCase()]) return { ok: false, reason: t('desktop.accelerator.noKey') };
  const key = normaliseKey(keyToken);
  if (!key) return { ok: false, reason: t('desktop.accelerator.unknownKey', { key: keyToken }) };
  const loneFunctionKey = /^F(1[3-9]|2[0-4])$/.test(key);
  if (!loneFunctionKey && !modifiers.some((modifier) => modifier !== 'Shift')) {
    return { ok: false, reason: t('desktop.accelerator.needsModifier') };
  }
  return { ok: true, accelerator: [...modifiers, key].join('+') };
}

/** How the accelerator reads on this platform: "Ctrl+Alt+K", "⌘⇧K". */
export function describeAccelerator(accelerator: string, platform: NodeJS.Platform): string {
  const mac = platform === 'darwin';
  const names: Record<string, string> = mac
    ? { Command: '⌘', Control: '⌃', CommandOrControl: '⌘', Alt: '⌥', AltGr: '⌥', Shift: '⇧', Super: '⌘', Meta: '⌘' }
    : { Command: 'Super', Control: 'Ctrl', CommandOrControl: 'Ctrl', Alt: 'Alt', AltGr: 'AltGr', Shift: 'Shift', Super: 'Super', Meta: 'Super' };
  const parts = accelerator.split('+').map((part) => names[part] ?? part);
  return parts.join(mac ? '' : '+');
}

/** The part of Electron's globalShortcut the controller needs. */
export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
  isRegistered(accelerator: string): boolean;
}

export type HotkeyResult =
  | { ok: true; accelerator: string }
  | { ok: false; code: 'HOTKEY_UNAVAILABLE' | 'INVALID_ARGUMENT'; message: string; kept: string | null };

export interface HotkeyController {
  /** Registers `accelerator`; on failure the previous hotkey (if any) stays registered. */
  apply(accelerator: string): HotkeyResult;
  current(): string | null;
  dispose(): void;
}

export function createHotkeyController(
  shortcuts: GlobalShortcutLike,
  onPressed: () => void,
  platform: NodeJS.Platform,
  /** The shell's translator of the moment: refusals are worded in the language the user reads. */
  speak: () => Translate,
): HotkeyController {
  let current: string | null = null;
  return {
    apply(input) {
      const t = speak();
      const checked = checkAccelerator(input, t);
      if (!checked.ok) return { ok: false, code: 'INVALID_ARGUMENT', message: checked.reason, kept: current };
      const next = checked.accelerator;
      if (next === current && shortcuts.isRegistered(next)) return { ok: true, accelerator: next };
      // Register the new one first: if another app holds it, the user keeps a working hotkey.
      let registered = false;
      try {
        // register() returns false (or, on some platforms, true without effect) when another app
        // holds the combination, so isRegistered() is asked as well.
        registered = shortcuts.register(next, onPressed) && shortcuts.isRegistered(next);
      } catch {
        registered = false;
      }
      if (!registered) {
        return {
          ok: false,
          code: 'HOTKEY_UNAVAILABLE',
          message: current
            ? t('desktop.accelerator.takenKeeps', { keys: describeAccelerator(next, platform), kept: describeAccelerator(current, platform) })
            : t('desktop.hotkey.taken', { keys: describeAccelerator(next, platform) }),
          kept: current,
        };
      }
      if (current && current !== next) shortcuts.unregister(current);
      current = next;
      return { ok: true, accelerator: next };
    },
    current: () => current,
    dispose() {
      if (current) shortcuts.unregister(current);
      current = null;
    },
  };
}
