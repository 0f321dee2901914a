/**
 * The shell's view of the desktop it runs on, assembled once: what the session bus says (tray
 * host, GlobalShortcuts portal), whether the portal can know who we are (desktop entry), and
 * the hotkey's honest status for Settings and the first run. No electron import: index.ts hands
 * in the hotkey controller and a command runner, the tests a real private D-Bus.
 */
import type { HotkeyStatus } from '../shared/ipc-contract.js';
import type { Translate } from '../shared/i18n.js';
import { nameHasOwner, portalHasGlobalShortcuts, STATUS_NOTIFIER_WATCHER, type CommandRunner } from './dbus.js';
import type { DesktopEnvironment } from './desktop.js';
import type { HotkeyController, HotkeyResult } from './hotkey.js';
import { hotkeyStatus } from './hotkey-status.js';

export interface DesktopIntegrationDeps {
  desktop: DesktopEnvironment;
  run: CommandRunner;
  /** The command that toggles the switcher, shell-quoted. */
  command: string;
  /** A desktop entry with our app id is installed (or was just written). */
  portalIdentity: boolean;
  /**
   * The app id this process's systemd unit names (desktop.ts appIdFromCgroup; null: not an app
   * unit, e.g. a terminal's), undefined when the cgroup could not be read; and our own id.
   */
  launchedAppId?: string | null;
  appId?: string;
}

export interface DesktopIntegration {
  /** Resolves once the bus was asked (each question is bounded; never rejects). */
  readonly probed: Promise<void>;
  /** false only when the bus answered that no tray host is running. */
  trayHost(): boolean | null;
  /** The controller, recording each attempt so the status can speak of it. */
  track(controller: HotkeyController): HotkeyController;
  /** The status, worded by `t` (the shell's language). */
  status(t?: Translate): HotkeyStatus;
}

export function createDesktopIntegration(deps: DesktopIntegrationDeps): DesktopIntegration {
  const linux = deps.desktop.platform === 'linux';
  let trayHost: boolean | null = linux ? null : true;
  let globalShortcuts: boolean | null = null;
  let last: { accelerator: string; result: HotkeyResult } | undefined;
  let current: () => string | null = () => null;

  // The questions answer null rather than fail, so this never rejects.
  const probed = linux
    ? Promise.all([
        nameHasOwner(deps.run, STATUS_NOTIFIER_WATCHER).then((owned) => (trayHost = owned)),
        deps.desktop.wayland ? portalHasGlobalShortcuts(deps.run).then((offered) => (globalShortcuts = offered)) : undefined,
      ]).then(() => undefined)
    : Promise.resolve();

  return {
    probed,
    trayHost: () => trayHost,
    track(controller) {
      current = () => controller.current();
      return {
        ...controller,
        apply(accelerator) {
          const result = controller.apply(accelerator);
          last = { accelerator, result };
          return result;
        },
      };
    },
    status(t) {
      // A refused change keeps the previous hotkey: the status is about the one that is live.
      const live = last && !last.result.ok && last.result.kept ? { accelerator: last.result.kept, result: { ok: true as const, accelerator: last.result.kept } } : last;
      return hotkeyStatus(
        {
          desktop: deps.desktop,
          accelerator: live?.accelerator ?? current(),
          result: live?.result,
          portal: {
            identity: deps.portalIdentity,
            globalShortcuts,
            launchedAs: deps.launchedAppId === undefined ? 'unknown' : deps.launchedAppId === deps.appId ? 'this-app' : 'other',
          },
          command: deps.command,
          trayMissing: linux && trayHost === false,
        },
        t,
      );
    },
  };
}
