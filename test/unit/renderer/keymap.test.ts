/**
 * The switcher's key map on a table of presses: which keys are the switcher's, and which stay
 * the field's (caret moves, text selection, deleting text).
 */
import { describe, expect, it } from 'vitest';
import { keyAction, type KeyContext } from '../../../renderer/src/components/switcher/keymap';

type Press = Partial<Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'isComposing'>>;
const press = (init: Press) => ({ key: '', code: '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, isComposing: false, ...init }) as KeyboardEvent;
const context: KeyContext = { caretAtEnd: true, selection: true, undoable: true };

describe('keyAction', () => {
  it.each<[string, Press, ReturnType<typeof keyAction>]>([
    ['↓ moves down', { key: 'ArrowDown' }, { do: 'move', by: 1 }],
    ['↑ moves up', { key: 'ArrowUp' }, { do: 'move', by: -1 }],
    ['Shift+↓ stays the field’s', { key: 'ArrowDown', shiftKey: true }, null],
    ['PageDown pages', { key: 'PageDown' }, { do: 'page', by: 1 }],
    ['Home goes to the first row', { key: 'Home' }, { do: 'first' }],
    ['Shift+End selects text', { key: 'End', shiftKey: true }, null],
    ['Enter opens in the app', { key: 'Enter' }, { do: 'open', target: 'app' }],
    ['Ctrl+Enter opens in Telegram', { key: 'Enter', ctrlKey: true }, { do: 'open', target: 'telegram' }],
    ['Cmd+Enter opens in Telegram', { key: 'Enter', metaKey: true }, { do: 'open', target: 'telegram' }],
    ['Tab steps to the next tab', { key: 'Tab' }, { do: 'step-tab', by: 1 }],
    ['Shift+Tab steps back', { key: 'Tab', shiftKey: true }, { do: 'step-tab', by: -1 }],
    ['Ctrl+Tab is not ours', { key: 'Tab', ctrlKey: true }, null],
    ['plain → moves the caret', { key: 'ArrowRight' }, null],
    ['Ctrl+→ steps tab', { key: 'ArrowRight', ctrlKey: true }, { do: 'step-tab', by: 1 }],
    ['Delete removes the row', { key: 'Delete' }, { do: 'remove' }],
    ['Escape', { key: 'Escape' }, { do: 'escape' }],
    ['the menu key', { key: 'ContextMenu' }, { do: 'menu' }],
    ['plain F10 is not ours', { key: 'F10' }, null],
    ['Shift+F10 opens the menu', { key: 'F10', shiftKey: true }, { do: 'menu' }],
    ['F5 refreshes', { key: 'F5' }, { do: 'refresh' }],
    ['Ctrl+R refreshes', { key: 'r', ctrlKey: true }, { do: 'refresh' }],
    ['Ctrl+Z undoes', { key: 'z', ctrlKey: true }, { do: 'undo' }],
    ['Ctrl+Shift+Z is not ours', { key: 'Z', ctrlKey: true, shiftKey: true }, null],
    ['Ctrl+, opens settings', { key: ',', ctrlKey: true }, { do: 'settings' }],
    ['Ctrl+Alt+R is not ours', { key: 'r', ctrlKey: true, altKey: true }, null],
    ['Alt+3 opens the third row', { key: '3', code: 'Digit3', altKey: true }, { do: 'open-nth', index: 2 }],
    ['Alt+0 is not ours', { key: '0', code: 'Digit0', altKey: true }, null],
    ['a letter is typed', { key: 'a', code: 'KeyA' }, null],
    ['keys of an IME composition are not ours', { key: 'Enter', isComposing: true }, null],
  ])('%s', (_name, init, expected) => {
    expect(keyAction(press(init), context)).toEqual(expected);
  });

  it('leaves Delete to the field while there is text after the caret, or no row', () => {
    expect(keyAction(press({ key: 'Delete' }), { ...context, caretAtEnd: false })).toBeNull();
    expect(keyAction(press({ key: 'Delete' }), { ...context, selection: false })).toBeNull();
  });

  it('opens no menu without a row, and undoes nothing when nothing can be undone', () => {
    expect(keyAction(press({ key: 'ContextMenu' }), { ...context, selection: false })).toBeNull();
    expect(keyAction(press({ key: 'z', metaKey: true }), { ...context, undoable: false })).toBeNull();
  });
});
