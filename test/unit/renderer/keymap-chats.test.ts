/**
 * The switcher's keys for the user's own chats: pins (Ctrl/Cmd+1..9 open, Mod+P toggles), F2 for
 * an alias, Shift+Delete to hide from TopSwitch; none of them steal keys the field needs.
 */
import { describe, expect, it } from 'vitest';
import { keyAction, type KeyContext } from '../../../renderer/src/components/switcher/keymap';

type Press = Partial<Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'isComposing'>>;
const press = (init: Press) => ({ key: '', code: '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, isComposing: false, ...init }) as KeyboardEvent;
const context: KeyContext = { caretAtEnd: true, selection: true, undoable: false };

describe('keys for pins, aliases and hiding', () => {
  it.each<[string, Press, ReturnType<typeof keyAction>]>([
    ['Ctrl+1 opens the first pin', { key: '1', code: 'Digit1', ctrlKey: true }, { do: 'open-pin', index: 0 }],
    ['Cmd+9 opens the ninth pin', { key: '9', code: 'Digit9', metaKey: true }, { do: 'open-pin', index: 8 }],
    ['Alt+1 still opens the first row', { key: '1', code: 'Digit1', altKey: true }, { do: 'open-nth', index: 0 }],
    ['Ctrl+Shift+1 is not ours', { key: '!', code: 'Digit1', ctrlKey: true, shiftKey: true }, null],
    ['Ctrl+0 is not ours', { key: '0', code: 'Digit0', ctrlKey: true }, null],
    ['Ctrl+P pins', { key: 'p', ctrlKey: true }, { do: 'pin' }],
    ['F2 sets an alias', { key: 'F2' }, { do: 'alias' }],
    ['Shift+Delete hides', { key: 'Delete', shiftKey: true }, { do: 'hide' }],
    ['Delete still removes from suggestions', { key: 'Delete' }, { do: 'remove' }],
  ])('%s', (_name, init, expected) => {
    expect(keyAction(press(init), context)).toEqual(expected);
  });

  it('needs a selected row to pin, name or hide, and leaves Shift+Delete to text after the caret', () => {
    const none = { ...context, selection: false };
    expect(keyAction(press({ key: 'p', ctrlKey: true }), none)).toBeNull();
    expect(keyAction(press({ key: 'F2' }), none)).toBeNull();
    expect(keyAction(press({ key: 'Delete', shiftKey: true }), none)).toBeNull();
    expect(keyAction(press({ key: 'Delete', shiftKey: true }), { ...context, caretAtEnd: false })).toBeNull();
  });
});
