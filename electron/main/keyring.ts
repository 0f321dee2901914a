/**
 * Which keyring the session is encrypted with on Linux. Chromium picks safeStorage's backend from
 * the desktop it recognises (GNOME-like → libsecret, KDE → KWallet) and falls back to
 * `basic_text` — a hard-coded key, i.e. no protection — everywhere else (sway, Hyprland, i3…),
 * even when a Secret Service (gnome-keyring, KeePassXC) is running. TopSwitch then relaunches
 * itself with `--password-store=gnome-libsecret`, once, or says exactly that; it never stores the
 * session unencrypted (platform/secret-store.ts refuses).
 */

import type { Translate } from '../shared/i18n.js';

export const PASSWORD_STORE_SWITCH = 'password-store';
export const LIBSECRET_ARGUMENT = `--${PASSWORD_STORE_SWITCH}=gnome-libsecret`;

export type KeyringBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

export type KeyringChoice =
  | { action: 'use' }
  /** Start again with these arguments (the current ones plus the libsecret switch). */
  | { action: 'relaunch'; args: string[] }
  /** Run on, but logging in is refused with this message (worded when shown, in the shell's language). */
  | { action: 'refuse'; message: (t: Translate) => string };

export interface KeyringInput {
  platform: NodeJS.Platform;
  backend: KeyringBackend;
  /** org.freedesktop.secrets has an owner on the session bus; null when the bus could not be asked. */
  secretService: boolean | null;
  /** The app's own arguments (process.argv without the executable). */
  args: readonly string[];
}

export function keyringChoice(input: KeyringInput): KeyringChoice {
  if (input.platform !== 'linux' || input.backend !== 'basic_text') return { action: 'use' };
  const alreadyAsked = input.args.some((arg) => arg === `--${PASSWORD_STORE_SWITCH}` || arg.startsWith(`--${PASSWORD_STORE_SWITCH}=`));
  if (input.secretService === true && !alreadyAsked) {
    return { action: 'relaunch', args: [...input.args, LIBSECRET_ARGUMENT] };
  }
  return { action: 'refuse', message: (t) => keyringMessage(t, input.secretService, alreadyAsked) };
}

function keyringMessage(t: Translate, secretService: boolean | null, alreadyAsked: boolean): string {
  const why = secretService === true && alreadyAsked ? t('desktop.keyring.locked', { argument: LIBSECRET_ARGUMENT }) : t('desktop.keyring.none', { argument: LIBSECRET_ARGUMENT });
  return `${t('desktop.keyring.never')} ${why}`;
}
