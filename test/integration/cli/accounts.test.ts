/**
 * The CLI with two accounts on one local DC: `login --add`, `accounts`, `top-peers --json` merged
 * with an `account` field, `--account N|phone` on a command, and logging out of one account.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AccountSummary, Peer } from '../../../electron/shared/ipc-contract.js';
import { DEMO_ACCOUNTS } from '../../../electron/local-dc/world/index.js';
import { startTestDc, type TestDc } from '../core/harness.js';
import { spawnCli, type CliRun } from './spawn-cli.js';

let dc: TestDc;
beforeAll(async () => {
  dc = await startTestDc();
});
afterAll(() => dc.close());

function cli(args: string[], dataDir: string, input?: string): Promise<CliRun> {
  return spawnCli(args, { env: { ...dc.env, TG_DATA_DIR: dataDir, TG_API_ID: '', TG_API_HASH: '' }, input });
}

const TopPeersJson = z.strictObject({ status: z.string(), hash: z.string(), fetchedAt: z.number().nullable(), peers: z.array(Peer) });
const DANA = `user:${DEMO_ACCOUNTS.main.userId}`;

describe('topswitch with two accounts', { timeout: 180_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'topswitch-cli-accounts-'));

  it('signs in one more account with login --add', async () => {
    expect((await cli(['login'], dataDir, `+${DEMO_ACCOUNTS.main.phone}\n${DEMO_ACCOUNTS.main.code}\n`)).code).toBe(0);
    const { twoFactor } = DEMO_ACCOUNTS;
    const added = await cli(['login', '--add'], dataDir, `+${twoFactor.phone}\n${twoFactor.code}\n${twoFactor.password}\n`);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Logged in as Tomás Segundo');
    const accounts = z.array(AccountSummary).parse(JSON.parse((await cli(['accounts', '--json'], dataDir)).stdout));
    expect(accounts.map((account) => [account.id, account.title, account.status])).toEqual([
      [1, 'Dana Demo', 'ready'],
      [2, 'Tomás Segundo', 'ready'],
    ]);
    const table = await cli(['accounts'], dataDir);
    expect(table.stdout).toMatch(/^2\tready\tTomás Segundo\t@tomas_2fa\t\+?9996625678\t/m);
  });

  it('merges both accounts in top-peers --json, each peer with its account', async () => {
    const merged = TopPeersJson.parse(JSON.parse((await cli(['top-peers', '--json'], dataDir)).stdout));
    expect(merged.peers.every((peer) => peer.account === 1 || peer.account === 2)).toBe(true);
    expect(merged.peers.some((peer) => peer.key === `${DANA}@2` && peer.account === 2)).toBe(true);
    expect(merged.peers.filter((peer) => peer.account === 1).length).toBeGreaterThan(10);
  });

  it('acts as one account with --account N or its phone', async () => {
    for (const selector of ['2', `+${DEMO_ACCOUNTS.twoFactor.phone}`]) {
      const run = await cli(['top-peers', '--json', '--account', selector], dataDir);
      expect(run.code, run.stderr).toBe(0);
      const peers = TopPeersJson.parse(JSON.parse(run.stdout)).peers;
      expect(peers.length).toBeGreaterThan(3);
      expect(peers.every((peer) => peer.key.endsWith('@2'))).toBe(true);
    }
    const status = JSON.parse((await cli(['status', '--json', '--account', '2'], dataDir)).stdout) as { session: { user: { title: string } } };
    expect(status.session.user.title).toBe('Tomás Segundo');
    const history = await cli(['history', `${DANA}@2`, '--json', '--limit', '3'], dataDir);
    expect(history.code, history.stderr).toBe(0);
    expect((await cli(['top-peers', '--account', '7'], dataDir)).code).toBe(2);
  });

  it('logs out of one account only when told which', async () => {
    const ambiguous = await cli(['logout'], dataDir);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/--account/);
    expect((await cli(['logout', '--account', '2'], dataDir)).code).toBe(0);
    const accounts = z.array(AccountSummary).parse(JSON.parse((await cli(['accounts', '--json'], dataDir)).stdout));
    expect(accounts.map((account) => account.id)).toEqual([1]);
    // One account again: the output is what it always was, bare keys and no account field.
    const single = TopPeersJson.parse(JSON.parse((await cli(['top-peers', '--json'], dataDir)).stdout));
    expect(single.peers.every((peer) => !peer.key.includes('@') && peer.account === undefined)).toBe(true);
  });
});
