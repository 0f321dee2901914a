/**
 * The per-user desktop entry that gives an AppImage or a source run a portal identity.
 *
 * On Wayland the GlobalShortcuts portal (and GNOME's consent dialog) know an app by its app id,
 * which Electron takes from the desktop name (package.json `desktopName`); xdg-desktop-portal
 * 1.21+ refuses ids it cannot resolve to an installed `<id>.desktop`. The deb installs one; an
 * AppImage or `npm start` has none, so they write `~/.local/share/applications/<id>.desktop`,
 * refresh it when the AppImage moved, and remove it on `--uninstall`. A file TopSwitch did not
 * write (no X-TopSwitch-Managed line) is never touched.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { FALLBACK_LOCALE, LOCALES, translator, type Translate } from '../shared/i18n.js';

export const APP_ID = 'org.topswitch.app';
/** Source runs have their own id, so their entry never shadows an installed TopSwitch's. */
export const DEVELOPMENT_APP_ID = 'org.topswitch.app.dev';
const MANAGED_MARK = 'X-TopSwitch-Managed=true';

/** How this copy of TopSwitch was installed: the deb (or another system package), an AppImage, or a source checkout. */
export type RunKind = 'installed' | 'appimage' | 'source';

export function runKind(packaged: boolean, env: NodeJS.ProcessEnv): RunKind {
  if (!packaged) return 'source';
  return env.APPIMAGE ? 'appimage' : 'installed';
}

export function appIdFor(kind: RunKind): string {
  return kind === 'source' ? DEVELOPMENT_APP_ID : APP_ID;
}

export function userApplicationsDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share'), 'applications');
}

export function systemApplicationsDirs(env: NodeJS.ProcessEnv): string[] {
  return (env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(':').filter(Boolean).map((dir) => join(dir, 'applications'));
}

/** Quote one argument for a desktop entry's Exec line (spec: double quotes, with \ " ` $ escaped). */
export function quoteExecArgument(argument: string): string {
  return /[\s"'\\`$<>|&;()*?#~]/.test(argument) || argument === '' ? `"${argument.replace(/(["\\`$])/g, '\\$1')}"` : argument;
}

export function execLine(command: readonly string[]): string {
  // A literal % in an Exec line is a field code; it is written %% .
  return command.map(quoteExecArgument).join(' ').replace(/%/g, '%%');
}

export interface EntryOptions {
  appId: string;
  /** The program and its fixed arguments, e.g. ['/home/me/TopSwitch.AppImage']. */
  launch: readonly string[];
  iconPath?: string;
  development?: boolean;
}

/**
 * A desktop-entry key in every language the catalogues have: `Key=` in English (the spec's
 * default) and `Key[ru]=` for the others, so the menu speaks the desktop's language.
 */
export function localizedEntry(key: string, text: (t: Translate) => string): string[] {
  const fallback = text(translator(FALLBACK_LOCALE));
  return [`${key}=${fallback}`, ...LOCALES.filter((locale) => locale !== FALLBACK_LOCALE).map((locale) => `${key}[${locale}]=${text(translator(locale))}`)];
}

export function desktopEntryText(options: EntryOptions): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    ...(options.development ? localizedEntry('Name', (t) => t('desktop.entry.development')) : ['Name=TopSwitch']),
    ...localizedEntry('Comment', (t) => t('desktop.entry.comment')),
    `Exec=${execLine(options.launch)}`,
    // Menus hide an entry whose program is gone (a deleted AppImage) until the next run rewrites it.
    `TryExec=${options.launch[0]}`,
    ...(options.iconPath ? [`Icon=${options.iconPath}`] : []),
    'Terminal=false',
    'Categories=Utility;',
    `StartupWMClass=${options.appId}`,
    'Actions=toggle;',
    MANAGED_MARK,
    '',
    '[Desktop Action toggle]',
    ...localizedEntry('Name', (t) => t('desktop.entry.toggle')),
    `Exec=${execLine([...options.launch, '--toggle'])}`,
    '',
  ].join('\n');
}

export type EntrySync =
  | { action: 'written' | 'refreshed' | 'unchanged'; file: string; identity: true }
  | { action: 'removed' | 'none'; file: string; identity: boolean }
  | { action: 'failed'; file: string; identity: boolean; error: string };

export interface SyncOptions extends EntryOptions {
  kind: RunKind;
  env: NodeJS.ProcessEnv;
}

function isManaged(file: string): boolean {
  try {
    return readFileSync(file, 'utf8').split('\n').includes(MANAGED_MARK);
  } catch {
    return false;
  }
}

export function systemEntryExists(appId: string, env: NodeJS.ProcessEnv): boolean {
  return systemApplicationsDirs(env).some((dir) => existsSync(join(dir, `${appId}.desktop`)));
}

/**
 * Brings the user's entry in line with this run. An installed TopSwitch relies on its system
 * entry and removes a user entry an AppImage left behind (it would shadow the package's); an
 * AppImage or source run writes or refreshes its own. A user's own file with our name is left alone.
 */
export function syncDesktopEntry(options: SyncOptions): EntrySync {
  const dir = userApplicationsDir(options.env);
  const file = join(dir, `${options.appId}.desktop`);
  if (options.kind === 'installed') {
    const identity = systemEntryExists(options.appId, options.env);
    if (identity && existsSync(file) && isManaged(file)) {
      rmSync(file, { force: true });
      return { action: 'removed', file, identity };
    }
    return { action: 'none', file, identity: identity || existsSync(file) };
  }
  if (existsSync(file) && !isManaged(file)) return { action: 'none', file, identity: true };
  // The package is installed too: its entry already gives the id, and ours would shadow it.
  if (options.kind === 'appimage' && systemEntryExists(options.appId, options.env) && !existsSync(file)) return { action: 'none', file, identity: true };
  const text = desktopEntryText(options);
  try {
    const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (before === text) return { action: 'unchanged', file, identity: true };
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, text, { mode: 0o644 });
    renameSync(temp, file);
    return { action: before === undefined ? 'written' : 'refreshed', file, identity: true };
  } catch (error) {
    return { action: 'failed', file, identity: systemEntryExists(options.appId, options.env), error: (error as Error).message };
  }
}

/** `--uninstall`: the entry goes, if it is ours. */
export function removeDesktopEntry(appId: string, env: NodeJS.ProcessEnv): boolean {
  const file = join(userApplicationsDir(env), `${appId}.desktop`);
  if (!existsSync(file) || !isManaged(file)) return false;
  rmSync(file, { force: true });
  return true;
}

/** The program (and fixed arguments) that starts this copy of TopSwitch. */
export function launchCommand(kind: RunKind, paths: { execPath: string; appPath: string; env: NodeJS.ProcessEnv }): string[] {
  if (kind === 'appimage' && paths.env.APPIMAGE) return [paths.env.APPIMAGE];
  // A source run is the Electron binary given the checkout; a packaged app is its own executable.
  if (kind === 'source') return [paths.execPath, paths.appPath];
  return [paths.execPath];
}

/** A command line as a POSIX shell (and GNOME's/KDE's shortcut editors) read it. */
export function shellCommand(argv: readonly string[]): string {
  return argv.map((argument) => (/^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replace(/'/g, `'\\''`)}'`)).join(' ');
}
