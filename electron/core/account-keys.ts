/**
 * Peer keys cross the IPC boundary qualified by their account (`user:123@2`, shared/peer-key.ts);
 * the accounts' own services know bare keys. This wraps the router's handler table once, so every
 * channel that takes a `key` (or `keys`) runs as that key's account with the bare key, whichever
 * room defines the channel, and the `chat:*` answers carry their keys qualified back.
 */
import { accountOfPeerKey } from '../shared/peer-key.js';
import { qualifyKeys } from './account-merge.js';
import type { CoreApi } from './api.js';
import type { Handlers } from './router.js';

type AnyHandler = (args: Record<string, unknown>) => unknown;

export function perAccountKeys(table: Handlers, api: Pick<CoreApi, 'withAccount'>): Handlers {
  const wrapped: Record<string, AnyHandler> = {};
  for (const [channel, handler] of Object.entries(table) as Array<[string, AnyHandler]>) {
    // Chat answers hold keys (the view, its messages' senders, badges); peers:* and topPeers:* answers do not, or are merged already.
    const qualifyAnswer = channel.startsWith('chat:');
    wrapped[channel] = (args) => {
      if (typeof args.key === 'string') {
        const { account, key } = accountOfPeerKey(args.key);
        return api.withAccount(account, async () => {
          const answer = await handler({ ...args, key });
          return qualifyAnswer ? qualifyKeys(answer, account) : answer;
        });
      }
      if (Array.isArray(args.keys)) return byAccount(args.keys as string[], (account, keys) => api.withAccount(account, async () => qualifyKeys(await handler({ ...args, keys }), account)));
      return handler(args);
    };
  }
  return wrapped as unknown as Handlers;
}

/** A list of keys from several accounts: each account's share asked as that account, answers joined in account order. */
async function byAccount(keys: string[], ask: (account: number, keys: string[]) => Promise<unknown>): Promise<unknown[]> {
  const groups = new Map<number, string[]>();
  for (const qualified of keys) {
    const { account, key } = accountOfPeerKey(qualified);
    groups.set(account, [...(groups.get(account) ?? []), key]);
  }
  const answers = await Promise.all([...groups].map(([account, bare]) => ask(account, bare)));
  return answers.flatMap((answer) => (Array.isArray(answer) ? answer : [answer]));
}
