/**
 * When the quick switcher appears and disappears. The hotkey toggles it; it hides when it loses
 * focus (the user clicked elsewhere) and when the renderer asks (`window:hide`, Esc). Every show
 * goes to the display the pointer is on (on Wayland the compositor places it) and tells the core
 * and the renderer it happened.
 * Written against a minimal window shape so the rules are tested without Electron.
 */
import type { Rectangle } from 'electron';
import { centreOnWorkArea, type SwitcherPlacement } from './window-options.js';

export interface SwitcherWindowLike {
  isVisible(): boolean;
  isFocused(): boolean;
  isDestroyed(): boolean;
  getSize(): number[];
  setBounds(bounds: Rectangle): void;
  show(): void;
  focus(): void;
  hide(): void;
}

export interface SwitcherDeps {
  window(): SwitcherWindowLike;
  /** Work area of the display under the pointer (screen.getDisplayNearestPoint(getCursorScreenPoint())). */
  activeWorkArea(): Rectangle;
  /** After the window is on screen: emit `window:shown`, and let the core refresh if it is due. */
  onShown(): void;
  /** macOS: bring the app forward first, or a background app's window shows without keyboard focus. */
  activateApp?(): void;
  /** The switcher's intended size (the window may be shrunk on a small display). */
  size: { width: number; height: number };
  /** 'compositor' on Wayland, where a client cannot read the pointer or position its window. */
  placement?: SwitcherPlacement;
}

export interface SwitcherController {
  toggle(): 'shown' | 'hidden';
  show(): void;
  hide(): void;
  /** Wire to the window's 'blur' event. */
  handleBlur(): void;
}

export function createSwitcherController(deps: SwitcherDeps): SwitcherController {
  const show = () => {
    const window = deps.window();
    if (deps.placement !== 'compositor') window.setBounds(centreOnWorkArea(deps.activeWorkArea(), deps.size));
    deps.activateApp?.();
    window.show();
    window.focus();
    deps.onShown();
  };
  const hide = () => {
    const window = deps.window();
    if (!window.isDestroyed() && window.isVisible()) window.hide();
  };
  return {
    toggle() {
      const window = deps.window();
      // Visible but not focused (e.g. another always-on-top app took focus): bring it back rather
      // than hide it, so the hotkey always ends with a usable switcher or none.
      if (window.isVisible() && window.isFocused()) {
        hide();
        return 'hidden';
      }
      show();
      return 'shown';
    },
    show,
    hide,
    handleBlur: hide,
  };
}
