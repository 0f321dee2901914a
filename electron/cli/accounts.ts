/**
 * `topswitch accounts [--json]`: the signed-in accounts, numbered as `--account N` and the `@N` of
 * their peer keys take them. Exit 3 when none is signed in, like `status`.
 */
import type { CliCore } from './core.js';
import { out } from './core.js';
import { EXIT } from './exit.js';

export async function accountsCommand(core: CliCore, json: boolean): Promise<number> {
  const { accounts } = await core.invoke('accounts:list', {});
  const code = accounts.some((account) => account.status === 'ready') ? EXIT.ok : EXIT.notLoggedIn;
  if (json) {
    out(JSON.stringify(accounts, null, 2));
    return code;
  }
  for (const account of accounts) {
    out([account.id, account.status, account.title ?? '', account.username ? `@${account.username}` : '', account.phone ?? '', account.sync.state].join('\t'));
  }
  return code;
}
