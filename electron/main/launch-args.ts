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

/**
 * Development switches: another DC (with its own trusted RSA key) and the demo. A packaged app
 * ignores them, so nothing in a user's environment can point their Telegram login at another
 * server. The in-app "Try the demo" button stays; it never touches the real session.
 */
export const DEVELOPMENT_ENV = ['TG_DC', 'TG_DC_PUBLIC_KEY', 'TOPSWITCH_DEMO'] as const;

export function parseLaunchArgs(argv: readonly string[], env: NodeJS.ProcessEnv, packaged = false): LaunchArgs {
  return {
    demo: !packaged && (argv.includes(DEMO_FLAG) || env.TOPSWITCH_DEMO === '1'),
    hidden: argv.includes(HIDDEN_FLAG),
  };
}

/** The environment the core is created with: demo mode is the core's TOPSWITCH_DEMO=1; a packaged app drops the development switches. */
export function coreEnvironment(args: LaunchArgs, env: NodeJS.ProcessEnv, packaged = false): NodeJS.ProcessEnv {
  const base = { ...env };
  if (packaged) for (const name of DEVELOPMENT_ENV) delete base[name];
  return args.demo && !packaged ? { ...base, TOPSWITCH_DEMO: '1' } : base;
}
