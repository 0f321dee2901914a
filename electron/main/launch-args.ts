/**
 * What the command line asks of this launch. `npm run demo` passes `--demo` (npm scripts cannot
 * portably set environment variables without cross-env); the login item passes `--hidden`; a
 * desktop shortcut runs the app with `--toggle`, `--show` or `--hide`, which a running instance
 * receives through the single-instance handoff.
 */
import { z } from 'zod';

export type LaunchAction = 'toggle' | 'show' | 'hide';

export interface LaunchArgs {
  /** Start the local DC in-process with the demo world instead of Telegram. */
  demo: boolean;
  /** Started at login: stay in the tray, show no window. */
  hidden: boolean;
  /** The quick switcher, from a desktop shortcut. */
  action?: LaunchAction;
  /** Remove the per-user desktop entry and login item, then exit. */
  uninstall?: boolean;
}

export const DEMO_FLAG = '--demo';
export const HIDDEN_FLAG = '--hidden';
export const UNINSTALL_FLAG = '--uninstall';
export const ACTION_FLAGS: Record<`--${LaunchAction}`, LaunchAction> = { '--toggle': 'toggle', '--show': 'show', '--hide': 'hide' };

function actionOf(argv: readonly string[]): LaunchAction | undefined {
  // The last one wins, like any repeated option.
  let action: LaunchAction | undefined;
  for (const arg of argv) if (Object.hasOwn(ACTION_FLAGS, arg)) action = ACTION_FLAGS[arg as keyof typeof ACTION_FLAGS];
  return action;
}

export function parseLaunchArgs(argv: readonly string[], env: NodeJS.ProcessEnv): LaunchArgs {
  const action = actionOf(argv);
  return {
    demo: argv.includes(DEMO_FLAG) || env.TOPSWITCH_DEMO === '1',
    hidden: argv.includes(HIDDEN_FLAG),
    ...(action ? { action } : {}),
    ...(argv.includes(UNINSTALL_FLAG) ? { uninstall: true } : {}),
  };
}

/** The environment the core is created with: demo mode is the core's TOPSWITCH_DEMO=1. */
export function coreEnvironment(args: LaunchArgs, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return args.demo ? { ...env, TOPSWITCH_DEMO: '1' } : { ...env };
}

/**
 * What a second launch hands the running instance. Electron passes argv too, but reordered and
 * with Chromium's own switches added; this object arrives exactly as sent.
 */
export const Handoff = z.strictObject({ action: z.enum(['toggle', 'show', 'hide']).optional() });
export type Handoff = z.infer<typeof Handoff>;

export function handoffFor(args: LaunchArgs): Handoff {
  return args.action ? { action: args.action } : {};
}

/**
 * What the running instance does for a second launch. The data comes from another process, so
 * it is validated; a launch without an action (the menu entry, the AppImage clicked again)
 * opens the main window, as it always did.
 */
export function secondInstanceAction(additionalData: unknown, argv: readonly string[]): LaunchAction | 'open-main' {
  const parsed = Handoff.safeParse(additionalData);
  const action = parsed.success ? parsed.data.action : actionOf(argv);
  return action ?? 'open-main';
}
