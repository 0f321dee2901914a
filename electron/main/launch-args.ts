/**
 * What the command line asks of this launch. `npm run demo` passes `--demo` (npm scripts cannot
 * portably set environment variables without cross-env); the login item passes `--hidden`.
 */
export interface LaunchArgs {
  /** Start the local DC in-process with the demo world instead of Telegram. */
  demo: boolean;
  /** Started at login: stay in the tray, show no window. */
  hidden: boolean;
}

export const DEMO_FLAG = '--demo';
export const HIDDEN_FLAG = '--hidden';

export function parseLaunchArgs(argv: readonly string[], env: NodeJS.ProcessEnv): LaunchArgs {
  return {
    demo: argv.includes(DEMO_FLAG) || env.TOPSWITCH_DEMO === '1',
    hidden: argv.includes(HIDDEN_FLAG),
  };
}

/** The environment the core is created with: demo mode is the core's TOPSWITCH_DEMO=1. */
export function coreEnvironment(args: LaunchArgs, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return args.demo ? { ...env, TOPSWITCH_DEMO: '1' } : { ...env };
}
