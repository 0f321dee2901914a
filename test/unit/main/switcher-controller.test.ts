import { describe, expect, it } from 'vitest';
import type { Rectangle } from 'electron';
import { createSwitcherController, type SwitcherWindowLike } from '../../../electron/main/switcher-controller.js';

/** A window with the state Electron would keep, and a log of what was done to it. */
function fakeWindow() {
  const log: string[] = [];
  const state = { visible: false, focused: false, destroyed: false, bounds: null as Rectangle | null };
  const window: SwitcherWindowLike = {
    isVisible: () => state.visible,
    isFocused: () => state.focused,
    isDestroyed: () => state.destroyed,
    getSize: () => [640, 460],
    setBounds: (bounds) => {
      state.bounds = bounds;
      log.push('setBounds');
    },
    show: () => {
      state.visible = true;
      log.push('show');
    },
    focus: () => {
      state.focused = true;
      log.push('focus');
    },
    hide: () => {
      state.visible = false;
      state.focused = false;
      log.push('hide');
    },
  };
  return { window, state, log };
}

function setup(workArea: Rectangle = { x: 0, y: 0, width: 1920, height: 1080 }, placement: 'centre-on-active-display' | 'compositor' = 'centre-on-active-display') {
  const { window, state, log } = fakeWindow();
  let shown = 0;
  let area = workArea;
  const controller = createSwitcherController({
    window: () => window,
    activeWorkArea: () => area,
    onShown: () => {
      shown++;
      log.push('onShown');
    },
    size: { width: 640, height: 460 },
    placement,
  });
  return { controller, state, log, shown: () => shown, moveTo: (next: Rectangle) => (area = next) };
}

describe('switcher controller', () => {
  it('the hotkey shows it centred, focused, then tells the core and the renderer', () => {
    const { controller, state, log, shown } = setup();
    expect(controller.toggle()).toBe('shown');
    expect(log).toEqual(['setBounds', 'show', 'focus', 'onShown']);
    expect(state.bounds).toEqual({ x: 640, y: 310, width: 640, height: 460 });
    expect(shown()).toBe(1);
  });

  it('on Wayland leaves placement to the compositor (it cannot be read or set there), and still focuses', () => {
    const { controller, state, log } = setup(undefined, 'compositor');
    expect(controller.toggle()).toBe('shown');
    expect(log).toEqual(['show', 'focus', 'onShown']);
    expect(state.bounds).toBeNull();
  });

  it('the hotkey again hides it', () => {
    const { controller, state } = setup();
    controller.toggle();
    expect(controller.toggle()).toBe('hidden');
    expect(state.visible).toBe(false);
  });

  it('visible but unfocused, the hotkey brings it back instead of hiding it', () => {
    const { controller, state, shown } = setup();
    controller.toggle();
    state.focused = false;
    expect(controller.toggle()).toBe('shown');
    expect(state.visible && state.focused).toBe(true);
    expect(shown()).toBe(2);
  });

  it('follows the pointer to another display', () => {
    const { controller, state, moveTo } = setup();
    controller.toggle();
    controller.toggle();
    moveTo({ x: 1920, y: 0, width: 1280, height: 1024 });
    controller.toggle();
    expect(state.bounds).toEqual({ x: 1920 + 320, y: 282, width: 640, height: 460 });
  });

  it('hides when it loses focus and when the renderer asks, without re-announcing', () => {
    const { controller, state, shown } = setup();
    controller.show();
    controller.handleBlur();
    expect(state.visible).toBe(false);
    controller.show();
    controller.hide();
    expect(state.visible).toBe(false);
    controller.hide(); // already hidden: nothing happens
    expect(shown()).toBe(2);
  });

  it('does not touch a destroyed window on blur', () => {
    const { controller, state, log } = setup();
    controller.show();
    state.destroyed = true;
    const before = log.length;
    controller.handleBlur();
    expect(log.length).toBe(before);
  });
});
