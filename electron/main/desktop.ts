/**
 * Which desktop TopSwitch runs on, read from the environment Electron itself reads. Every
 * Linux-specific choice (hotkey, placement, tray, keyring) starts from this one value, so the
 * choices are tested over a table of desktops without a display.
 */
import { translator, type Translate } from '../shared/i18n.js';

export type DesktopKind = 'gnome' | 'kde' | 'sway' | 'hyprland' | 'other';

export interface DesktopEnvironment {
  platform: NodeJS.Platform;
  /** Native Wayland windows: Electron 38+ picks Wayland whenever WAYLAND_DISPLAY is set, unless told X11. */
  wayland: boolean;
  desktop: DesktopKind;
}

function switchValue(argv: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  return argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

function desktopKind(env: NodeJS.ProcessEnv): DesktopKind {
  // XDG_CURRENT_DESKTOP is a colon-separated list, e.g. "ubuntu:GNOME" or "KDE".
  const names = `${env.XDG_CURRENT_DESKTOP ?? ''}:${env.DESKTOP_SESSION ?? ''}`.toLowerCase().split(':');
  if (names.some((name) => name === 'gnome' || name.startsWith('gnome-') || name === 'ubuntu')) return 'gnome';
  if (names.some((name) => name === 'kde' || name.startsWith('plasma'))) return 'kde';
  if (names.includes('sway') || env.SWAYSOCK) return 'sway';
  if (names.includes('hyprland') || env.HYPRLAND_INSTANCE_SIGNATURE) return 'hyprland';
  return 'other';
}

export function detectDesktop(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, argv: readonly string[] = []): DesktopEnvironment {
  if (platform !== 'linux') return { platform, wayland: false, desktop: 'other' };
  const forced = switchValue(argv, 'ozone-platform') ?? switchValue(argv, 'ozone-platform-hint') ?? env.ELECTRON_OZONE_PLATFORM_HINT;
  const wayland = forced === 'x11' ? false : forced === 'wayland' ? true : Boolean(env.WAYLAND_DISPLAY);
  return { platform, wayland, desktop: desktopKind(env) };
}

/** The human name of the desktop, for messages. */
export function desktopName(environment: DesktopEnvironment, t: Translate = translator('en')): string {
  if (environment.platform === 'darwin') return 'macOS';
  if (environment.platform === 'win32') return 'Windows';
  const names: Record<DesktopKind, string> = { gnome: 'GNOME', kde: 'KDE Plasma', sway: 'sway', hyprland: 'Hyprland', other: t('desktop.hotkey.yourDesktop') };
  return names[environment.desktop];
}

/**
 * The app id the session's systemd unit names, e.g. `app-gnome-org.topswitch.app-4242.scope`
 * (systemd's desktop-environment convention: `app[-<launcher>]-<id>-<random>.scope` or
 * `app[-<launcher>]-<id>[@<random>].service`), read from /proc/self/cgroup. Host apps get their
 * portal identity from it: started from a terminal, the unit is the terminal's and the portal
 * cannot tell who asks. null when the cgroup names no app unit (or is unreadable).
 */
export function appIdFromCgroup(cgroup: string): string | null {
  // The unified (v2) line, or on a v1 hierarchy systemd's own; the other may just say "/".
  const paths = cgroup
    .split('\n')
    .filter((entry) => entry.startsWith('0::') || entry.includes(':name=systemd:'))
    .map((entry) => entry.slice(entry.indexOf(':', entry.indexOf(':') + 1) + 1).trim());
  const unit = paths.find((path) => path !== '/' && path !== '')?.split('/').pop();
  if (!unit) return null;
  const match = /^app-(?:([^.-]+)-)?(.+?)(?:-[^-.@]+\.scope|(?:@[^.]*)?\.service)$/.exec(unit);
  return match?.[2] ?? null;
}
