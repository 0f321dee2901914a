/**
 * The user's own touches (lib/yours.ts): pins, aliases, chats hidden from TopSwitch and local use,
 * kept in this device's localStorage (never sent to Telegram). A hide is undoable for UNDO_MS.
 */
import { EMPTY_YOURS, parseYours, recordUse, setAlias, setHidden, togglePin, toYours, type YoursState } from '../yours';
import type { Yours } from '../sections';

export const STORAGE_KEY = 'topswitch.yours.v1';
export const HIDE_UNDO_MS = 5000;

/** What went wrong with this device's storage, as a catalogue key (shown in the UI's language). */
export interface YoursProblem {
  key: 'switcher.toast.cannotStore' | 'switcher.toast.cannotSave' | 'switcher.toast.dropped';
  /** How many stored entries were dropped (the plural's count). */
  count: number;
}

class YoursStore {
  state = $state.raw<YoursState>(EMPTY_YOURS);
  /** The view the sectioned list takes; a new object only when something changed. */
  view = $state.raw<Yours>(toYours(EMPTY_YOURS));
  /** Said once when storage held entries that were not valid, or could not be written. */
  problem = $state<YoursProblem | null>(null);
  /** The last hidden chat, while its hide can be undone. */
  undoableHide = $state.raw<{ key: string; title: string } | null>(null);
  #undoTimer: ReturnType<typeof setTimeout> | undefined;

  load(): void {
    let raw: string | null = null;
    try {
      raw = localStorage.getItem(STORAGE_KEY);
    } catch {
      this.problem = { key: 'switcher.toast.cannotStore', count: 0 };
    }
    const { state, dropped } = parseYours(raw);
    if (dropped > 0) this.problem = { key: 'switcher.toast.dropped', count: dropped };
    this.#set(state, false);
  }

  togglePin(key: string): void {
    this.#set(togglePin(this.state, key));
  }

  setAlias(key: string, alias: string): void {
    this.#set(setAlias(this.state, key, alias));
  }

  hide(key: string, title: string): void {
    clearTimeout(this.#undoTimer);
    this.#set(setHidden(this.state, key, true));
    this.undoableHide = { key, title };
    this.#undoTimer = setTimeout(() => (this.undoableHide = null), HIDE_UNDO_MS);
  }

  undoHide(): void {
    const hidden = this.undoableHide;
    if (!hidden) return;
    clearTimeout(this.#undoTimer);
    this.undoableHide = null;
    this.#set(setHidden(this.state, hidden.key, false));
  }

  unhideAll(): void {
    this.#set({ ...this.state, hidden: [] });
  }

  recordUse(key: string): void {
    this.#set(recordUse(this.state, key, Date.now()));
  }

  #set(state: YoursState, persist = true): void {
    const viewChanged = state.pins !== this.state.pins || state.aliases !== this.state.aliases || state.hidden !== this.state.hidden;
    this.state = state;
    if (viewChanged || !persist) this.view = toYours(state);
    if (!persist) return;
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch {
      this.problem = { key: 'switcher.toast.cannotSave', count: 0 };
    }
  }
}

export const yours = new YoursStore();
