/** The CLI's exit codes, shared by every command module (documented in index.ts). */
export const EXIT = { ok: 0, failure: 1, usage: 2, notLoggedIn: 3, rateLimited: 4, network: 5 } as const;
