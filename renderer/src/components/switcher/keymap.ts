/**
 * The switcher's keys, as data: which action a key press asks for, or null when the key is not
 * the switcher's (it then keeps its default: the caret moves, text is selected or deleted). The
 * search field keeps focus throughout, so every key arrives here first; Switcher.svelte runs the
 * action and prevents the default.
 */
export type KeyAction =
  /** Alt+1…9: open the nth row. */
  | { do: 'open-nth'; index: number }
  /** Ctrl+1…9 (Cmd on macOS): open the nth pinned chat, as in Telegram Desktop. */
  | { do: 'open-pin'; index: number }
  /** Mod+P: pin or unpin the selected chat. */
  | { do: 'pin' }
  /** F2: give the selected chat an alias. */
  | { do: 'alias' }
  /** Shift+Delete: hide the selected chat from TopSwitch (undoable; Telegram is not told). */
  | { do: 'hide' }
  | { do: 'move'; by: 1 | -1 }
  | { do: 'page'; by: 1 | -1 }
  | { do: 'first' }
  | { do: 'last' }
  /** Enter opens in the app, Mod+Enter in Telegram. */
  | { do: 'open'; target: 'app' | 'telegram' }
  | { do: 'step-tab'; by: 1 | -1 }
  | { do: 'remove' }
  /** Closes the menu, else clears the query, else hides the window. */
  | { do: 'escape' }
  | { do: 'menu' }
  | { do: 'refresh' }
  | { do: 'undo' }
  | { do: 'settings' }
  /** Alt+A: narrow the list to the next signed-in account, then back to all of them. */
  | { do: 'account-filter' };

/** What decides whether a key is the switcher's at this moment. */
export interface KeyContext {
  /** The caret sits at the end of the field with nothing selected: Delete has no text to delete. */
  caretAtEnd: boolean;
  /** A row is selected. */
  selection: boolean;
  /** A removal can still be undone. */
  undoable: boolean;
}

export function keyAction(event: KeyboardEvent, context: KeyContext): KeyAction | null {
  if (event.isComposing) return null; // an IME is composing: its keys are not ours
  const mod = event.ctrlKey || event.metaKey;
  if (event.altKey && !mod && /^Digit[1-9]$/.test(event.code)) return { do: 'open-nth', index: Number(event.code.slice(5)) - 1 };
  if (mod && !event.altKey && !event.shiftKey && /^Digit[1-9]$/.test(event.code)) return { do: 'open-pin', index: Number(event.code.slice(5)) - 1 };
  // By the key's place, not its letter: Alt+A types "å" on a Mac and "ф" in a Russian layout.
  if (event.altKey && !mod && !event.shiftKey && event.code === 'KeyA') return { do: 'account-filter' };
  switch (event.key) {
    case 'ArrowDown':
    case 'ArrowUp':
      return event.altKey || event.shiftKey ? null : { do: 'move', by: event.key === 'ArrowDown' ? 1 : -1 };
    case 'PageDown':
    case 'PageUp':
      return { do: 'page', by: event.key === 'PageDown' ? 1 : -1 };
    case 'Home':
    case 'End':
      if (event.shiftKey) return null; // Shift+Home/End still selects text in the field
      return { do: event.key === 'Home' ? 'first' : 'last' };
    case 'Enter':
      return { do: 'open', target: mod ? 'telegram' : 'app' };
    case 'Tab':
      return mod || event.altKey ? null : { do: 'step-tab', by: event.shiftKey ? -1 : 1 };
    case 'ArrowLeft':
    case 'ArrowRight':
      if (!mod || event.shiftKey || event.altKey) return null; // plain arrows move the caret
      return { do: 'step-tab', by: event.key === 'ArrowRight' ? 1 : -1 };
    case 'Delete':
      // Only when there is nothing after the caret to delete: text editing keeps working.
      if (!context.caretAtEnd || !context.selection) return null;
      return event.shiftKey ? { do: 'hide' } : { do: 'remove' };
    case 'F2':
      return context.selection ? { do: 'alias' } : null;
    case 'Escape':
      return { do: 'escape' };
    case 'ContextMenu':
    case 'F10':
      if (event.key === 'F10' && !event.shiftKey) return null;
      return context.selection ? { do: 'menu' } : null;
    case 'F5':
      return { do: 'refresh' };
  }
  if (!mod || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z' && !event.shiftKey) return context.undoable ? { do: 'undo' } : null;
  if (key === 'r') return { do: 'refresh' };
  if (key === 'p' && !event.shiftKey) return context.selection ? { do: 'pin' } : null;
  if (key === ',') return { do: 'settings' };
  return null;
}
