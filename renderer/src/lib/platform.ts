/** Shortcut wording per platform: macOS users read ⌘, everyone else reads Ctrl. */
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** `Mod+R` → `⌘R` on macOS, `Ctrl+R` elsewhere. */
export function shortcutLabel(shortcut: string): string {
  return isMac ? shortcut.replace('Mod+', '⌘') : shortcut.replace('Mod+', 'Ctrl+');
}

/** Electron accelerator → what a person reads (`CommandOrControl+Alt+K` → `Ctrl+Alt+K`). */
export function acceleratorLabel(accelerator: string): string {
  const mod = isMac ? '⌘' : 'Ctrl';
  return accelerator
    .split('+')
    .map((part) => (part === 'CommandOrControl' || part === 'CmdOrCtrl' ? mod : part === 'Command' || part === 'Cmd' ? '⌘' : part === 'Option' ? 'Alt' : part))
    .join(isMac ? '' : '+');
}

/**
 * A keydown as an Electron accelerator, or null while only modifiers are held. At least one
 * modifier is required: a bare letter as a global hotkey would swallow that letter everywhere.
 */
export function acceleratorFromEvent(event: KeyboardEvent): string | null {
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push('CommandOrControl');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey) parts.push('Shift');
  const key = keyName(event);
  if (!key || parts.length === 0 || (parts.length === 1 && parts[0] === 'Shift')) return null;
  return [...parts, key].join('+');
}

function keyName(event: KeyboardEvent): string | null {
  const { code } = event;
  if (/^Key[A-Z]$/.test(code)) return code.slice(3);
  if (/^Digit[0-9]$/.test(code)) return code.slice(5);
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(code)) return code;
  const named: Record<string, string> = {
    Space: 'Space',
    Enter: 'Enter',
    Backquote: '`',
    Minus: '-',
    Equal: '=',
    BracketLeft: '[',
    BracketRight: ']',
    Semicolon: ';',
    Quote: "'",
    Comma: ',',
    Period: '.',
    Slash: '/',
    Backslash: '\\',
    ArrowUp: 'Up',
    ArrowDown: 'Down',
    ArrowLeft: 'Left',
    ArrowRight: 'Right',
  };
  return named[code] ?? null;
}
