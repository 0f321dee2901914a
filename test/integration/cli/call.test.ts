/**
 * `topswitch call`: Telegram's top-peer methods in their own form, as a script would use them —
 * the CLI as a child process against the local DC, logged in through the CLI itself.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_ACCOUNTS } from '../../../electron/local-dc/world/index.js';
import { topPeersHash, toSignedHash } from '../../../electron/local-dc/world/top-peers.js';
import { startTestDc, type TestDc } from '../core/harness.js';
import { spawnCli, type CliRun } from './spawn-cli.js';

let dc: TestDc;
const dataDir = mkdtempSync(join(tmpdir(), 'topswitch-call-'));

beforeAll(async () => {
  dc = await startTestDc();
});
afterAll(() => dc.close());

function topswitch(args: string[], input?: string): Promise<CliRun> {
  return spawnCli(args, { env: { ...dc.env, TG_DATA_DIR: dataDir, TG_API_ID: '', TG_API_HASH: '' }, input });
}

const PeerJson = z.discriminatedUnion('_', [
  z.object({ _: z.literal('peerUser'), user_id: z.string() }),
  z.object({ _: z.literal('peerChat'), chat_id: z.string() }),
  z.object({ _: z.literal('peerChannel'), channel_id: z.string() }),
]);
const TopPeersJson = z.object({
  _: z.literal('contacts.topPeers'),
  categories: z.array(
    z.object({
      _: z.literal('topPeerCategoryPeers'),
      category: z.object({ _: z.string() }),
      count: z.number(),
      peers: z.array(z.object({ _: z.literal('topPeer'), peer: PeerJson, rating: z.number() })),
    }),
  ),
  users: z.array(z.object({ _: z.string(), id: z.string(), access_hash: z.string().optional(), first_name: z.string().optional() })),
  chats: z.array(z.object({ _: z.string(), id: z.string() })),
  hash: z.string().regex(/^-?\d+$/),
});
const RpcErrorJson = z.strictObject({ _: z.literal('rpc_error'), error_code: z.number(), error_message: z.string(), description: z.string() });

const bareId = (peer: z.infer<typeof PeerJson>) => BigInt(peer._ === 'peerUser' ? peer.user_id : peer._ === 'peerChat' ? peer.chat_id : peer.channel_id);

describe('topswitch call', { timeout: 120_000 }, () => {
  it('answers the full list, then topPeersNotModified for its hash, then TYPES_EMPTY without a category flag', async () => {
    const login = await topswitch(['login'], `+${DEMO_ACCOUNTS.main.phone}\n${DEMO_ACCOUNTS.main.code}\n`);
    expect(login.code, login.stderr).toBe(0);

    const params = { correspondents: true, groups: true, offset: 0, limit: 30 };
    const first = await topswitch(['call', 'contacts.getTopPeers', JSON.stringify(params)]);
    expect(first.code, first.stderr).toBe(0);
    const list = TopPeersJson.parse(JSON.parse(first.stdout));
    expect(list.categories.map((category) => category.category._)).toEqual(['topPeerCategoryCorrespondents', 'topPeerCategoryGroups']);
    const ids = list.categories.flatMap((category) => category.peers.map((top) => bareId(top.peer)));
    expect(ids.length).toBeGreaterThan(10);
    // The fold the local DC checks the hash against (its own implementation, not the core's).
    expect(list.hash).toBe(toSignedHash(topPeersHash(ids)).toString());
    // Every peer's user or chat is in the answer, so a script can name them.
    const named = new Set([...list.users.map((user) => user.id), ...list.chats.map((chat) => chat.id)]);
    expect(ids.every((id) => named.has(id.toString()))).toBe(true);

    // The same parameters with that hash, this time on stdin.
    const again = await topswitch(['call', 'contacts.getTopPeers'], JSON.stringify({ ...params, hash: list.hash }));
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ _: 'contacts.topPeersNotModified', hash: list.hash });

    const empty = await topswitch(['call', 'contacts.getTopPeers', '{"limit": 10}']);
    expect(empty.code).toBe(2);
    expect(RpcErrorJson.parse(JSON.parse(empty.stdout))).toEqual({ _: 'rpc_error', error_code: 400, error_message: 'TYPES_EMPTY', description: 'No top peer type was provided.' });
    expect(empty.stderr).toContain('TYPES_EMPTY');
  });

  it('resets a rating and toggles top peers, in the methods\' own parameters', async () => {
    const list = TopPeersJson.parse(JSON.parse((await topswitch(['call', 'contacts.getTopPeers', '{"correspondents": true, "limit": 3}'])).stdout));
    const top = list.categories[0]!.peers[0]!.peer;
    const user = list.users.find((candidate) => top._ === 'peerUser' && candidate.id === top.user_id)!;
    expect(dc.world.rating(DEMO_ACCOUNTS.main.phone, { kind: 'user', id: BigInt(user.id) }, 'correspondents')).toBeDefined();
    const reset = await topswitch(['call', 'contacts.resetTopPeerRating', JSON.stringify({ category: { _: 'topPeerCategoryCorrespondents' }, peer: { _: 'inputPeerUser', user_id: user.id, access_hash: user.access_hash } })]);
    expect(reset.code, reset.stderr).toBe(0);
    expect(JSON.parse(reset.stdout)).toEqual({ _: 'boolTrue' });
    expect(dc.world.rating(DEMO_ACCOUNTS.main.phone, { kind: 'user', id: BigInt(user.id) }, 'correspondents')).toBeUndefined();

    expect(JSON.parse((await topswitch(['call', 'contacts.toggleTopPeers', '{"enabled": false}'])).stdout)).toEqual({ _: 'boolTrue' });
    expect(JSON.parse((await topswitch(['call', 'contacts.getTopPeers', '{"groups": true}'])).stdout)).toEqual({ _: 'contacts.topPeersDisabled', hash: '0' });
    expect(JSON.parse((await topswitch(['call', 'contacts.toggleTopPeers', '{"enabled": true}'])).stdout)).toEqual({ _: 'boolTrue' });
  });

  it('refuses what is not in the allowlist or not the method\'s parameters, with exit code 2', async () => {
    const notAllowed = await topswitch(['call', 'messages.sendMessage', '{}']);
    expect(notAllowed.code).toBe(2);
    expect(JSON.parse(notAllowed.stdout)).toMatchObject({ error_message: 'METHOD_NOT_ALLOWED' });
    const unknownField = await topswitch(['call', 'contacts.getTopPeers', '{"correspondents": true, "everything": true}']);
    expect(unknownField.code).toBe(2);
    expect(JSON.parse(unknownField.stdout)).toMatchObject({ error_message: 'INPUT_INVALID' });
    expect((await topswitch(['call', 'contacts.getTopPeers', '{not json'])).code).toBe(2);
  });
});
