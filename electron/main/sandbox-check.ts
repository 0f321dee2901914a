/**
 * Chromium's sandbox on Linux needs unprivileged user namespaces or a setuid-root
 * `chrome-sandbox` helper. Ubuntu 24.04+ restricts the namespaces through AppArmor
 * (kernel.apparmor_restrict_unprivileged_userns=1) unless a profile grants them; the deb installs
 * such a profile, an AppImage cannot (and its squashfs cannot hold a setuid helper), and a source
 * checkout's helper is owned by the user. Chromium then aborts before any of our code runs ("The
 * SUID sandbox helper binary was found, but is not configured correctly"), or — in an AppImage,
 * whose launcher adds --no-sandbox when namespaces fail — runs with no sandbox at all.
 *
 * This file reads that state from real files and says what to do. It is run by `npm start`
 * before Electron (sandbox-preflight.ts) and by the app itself, which refuses a --no-sandbox it was
 * not explicitly allowed. TopSwitch never drops the sandbox on its own.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Translate } from '../shared/i18n.js';
import type { RunKind } from './desktop-entry.js';

/** Set to 1 to run without Chromium's sandbox on purpose (documented in the README). */
export const ALLOW_NO_SANDBOX_ENV = 'TOPSWITCH_ALLOW_NO_SANDBOX';

export interface SandboxProbe {
  platform: NodeJS.Platform;
  kind: RunKind;
  /** /proc/sys/kernel/apparmor_restrict_unprivileged_userns is 1 (Ubuntu 24.04+). */
  appArmorRestrictsUserns: boolean;
  /** /proc/sys/kernel/unprivileged_userns_clone is 0 (older Debian kernels). */
  usernsCloneDisabled: boolean;
  /** An AppArmor profile under /etc/apparmor.d grants this executable `userns`. */
  appArmorProfile: boolean;
  /** The chrome-sandbox helper next to the executable. */
  helper: { path: string; state: 'setuid-root' | 'not-setuid-root' | 'missing' };
  /** --no-sandbox is on the command line, and whether the user allowed it. */
  noSandbox: boolean;
  noSandboxAllowed: boolean;
}

export type SandboxVerdict = { ok: true; reason: string } | { ok: false; message: string };

function readTrimmed(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function helperState(path: string): SandboxProbe['helper']['state'] {
  try {
    const stat = statSync(path);
    return stat.uid === 0 && (stat.mode & 0o4000) !== 0 ? 'setuid-root' : 'not-setuid-root';
  } catch {
    return 'missing';
  }
}

function profileGrantsUserns(dir: string, execPath: string): boolean {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return false;
  }
  return names.some((name) => {
    const text = readTrimmed(join(dir, name));
    return text !== undefined && text.includes(execPath) && /^\s*userns\s*,/m.test(text);
  });
}

export interface ProbeOptions {
  platform: NodeJS.Platform;
  kind: RunKind;
  execPath: string;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Where /proc and /etc are; '/' except in tests, which build the files in a temp dir. */
  root?: string;
}

export function probeSandbox(options: ProbeOptions): SandboxProbe {
  const root = options.root ?? '/';
  const helperPath = join(dirname(options.execPath), 'chrome-sandbox');
  return {
    platform: options.platform,
    kind: options.kind,
    appArmorRestrictsUserns: readTrimmed(join(root, 'proc/sys/kernel/apparmor_restrict_unprivileged_userns')) === '1',
    usernsCloneDisabled: readTrimmed(join(root, 'proc/sys/kernel/unprivileged_userns_clone')) === '0',
    appArmorProfile: profileGrantsUserns(join(root, 'etc/apparmor.d'), options.execPath),
    helper: { path: helperPath, state: options.platform === 'linux' ? helperState(helperPath) : 'missing' },
    noSandbox: options.argv.includes('--no-sandbox'),
    noSandboxAllowed: options.env[ALLOW_NO_SANDBOX_ENV] === '1',
  };
}

/**
 * Whether Chromium can sandbox this run, and if not, why and what to do, in the user's language
 * (`t`: the refusal is a dialog; `npm start`'s preflight prints it in English). `reason` is for the log.
 */
export function sandboxVerdict(probe: SandboxProbe, t: Translate): SandboxVerdict {
  if (probe.platform !== 'linux') return { ok: true, reason: 'not Linux' };
  const namespacesUsable = !probe.usernsCloneDisabled && (!probe.appArmorRestrictsUserns || probe.appArmorProfile);
  const debAdvice = t('desktop.sandbox.debAdvice');
  if (probe.noSandbox) {
    if (probe.noSandboxAllowed) return { ok: true, reason: `running without the sandbox because ${ALLOW_NO_SANDBOX_ENV}=1` };
    const cause = probe.kind === 'appimage' ? t('desktop.sandbox.appImageTurnedOff') : t('desktop.sandbox.startedWithout');
    return { ok: false, message: [cause, t('desktop.sandbox.notUnsandboxed'), debAdvice, t('desktop.sandbox.allowAnyway', { env: `${ALLOW_NO_SANDBOX_ENV}=1` })].join(' ') };
  }
  if (namespacesUsable) return { ok: true, reason: 'user namespaces are available' };
  if (probe.helper.state === 'setuid-root') return { ok: true, reason: 'the setuid sandbox helper is set up' };

  const path = probe.helper.path;
  const restriction = probe.appArmorRestrictsUserns ? t('desktop.sandbox.appArmor') : t('desktop.sandbox.usernsOff');
  const helper = probe.helper.state === 'missing' ? t('desktop.sandbox.noHelper', { path }) : t('desktop.sandbox.helperNotRoot', { path });
  const fixes: Record<RunKind, string> = {
    installed: t('desktop.sandbox.reinstall'),
    appimage: debAdvice,
    source: t('desktop.sandbox.fixSource', { command: `sudo chown root:root '${path}' && sudo chmod 4755 '${path}'` }),
  };
  return { ok: false, message: [restriction, helper, t('desktop.sandbox.wouldAbort'), fixes[probe.kind]].join(' ') };
}
