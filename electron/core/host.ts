/**
 * What only the shell can do, handed to the core: the Electron shell builds it in
 * main/app-core-wiring.ts; the CLI and the tests pass their own.
 */
import type { HotkeyStatus } from '../shared/ipc-contract.js';

export interface AppHost {
  openExternal(url: string): Promise<void> | void;
  /**
   * A link the user clicked in a message: a web page (http, https) or a Telegram link, checked
   * again by the shell against its allowlist. Hosts that show no messages (the CLI) leave it out.
   */
  openLink?(url: string): Promise<void> | void;
  hideWindow(): void;
  /** Register the global shortcut; false when the OS or another app holds it (or throw an AppError saying why). */
  setHotkey(accelerator: string): boolean;
  setLaunchAtLogin(on: boolean): void;
  /** The desktop shortcut's real state; hosts without one (CLI, browser mode) leave it out. */
  hotkeyStatus?(): HotkeyStatus;
}
