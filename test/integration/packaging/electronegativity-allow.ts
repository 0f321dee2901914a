/**
 * Electronegativity findings of severity HIGH or MEDIUM that are accepted, each with the reason.
 * The scan fails on any other such finding, and on an entry here that no longer matches anything
 * (a justification must not outlive the code it justifies).
 */
export interface AllowedFinding {
  check: string;
  /** Path relative to the scanned tree, e.g. electron/main/security.ts. */
  file: string;
  reason: string;
}

export const ALLOWED_FINDINGS: readonly AllowedFinding[] = [
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/main/security.ts',
    reason: 'openExternalSafely() is the one shell.openExternal call; it runs only after isAllowedExternalUrl() (tg:// actions and https://t.me/ only), unit-tested with hostile URLs in test/unit/main/security-rules.test.ts.',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/main/app-core-wiring.ts',
    reason: 'The host given to the core: it checks isAllowedExternalUrl() itself before calling openExternalSafely(), which checks again (tested in test/unit/main/app-core-wiring.test.ts).',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'electron/core/api.ts',
    reason: 'Not shell.openExternal: the core calls host.openExternal with links it builds from Telegram ids and usernames; in the app that host is the checked one above.',
  },
];
