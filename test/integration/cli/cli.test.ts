/**
 * The CLI end to end: `electron/cli/index.ts` as a child process (spawn-cli.ts), pointed at an
 * in-process local DC through TG_DC / TG_DC_PUBLIC_KEY, with a temp TG_DATA_DIR and stdin piped.
 */
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Peer } from '../../../electron/shared/ipc-contract.js';
import { BOT_REFUSAL } from '../../../electron/core/telegram/session.js';
import { createFileSecretStore } from '../../../electron/core/telegram/secret-store.js';
import { DEMO_ACCOUNTS, DEMO_BOT_TOKEN, parsePeerKey } from '../../../electron/local-dc/world/index.js';
import { startTestDc, type TestDc } from '../core/harness.js';
import { spawnCli, type CliRun } from './spawn-cli.js';

let dc: TestDc;

beforeAll(async () => {
  dc = await startTestDc();
});
afterAll(() => dc.close());

type Run = CliRun;

function cli(args: string[], options: { dataDir: string; input?: string; env?: Record<string, string>; onStdout?: (text: string) => void }): Promise<Run> {
  const env = { ...dc.env, TG_DATA_DIR: options.dataDir, TG_API_ID: '', TG_API_HASH: '', ...options.env };
  return spawnCli(args, { env, input: options.input, keepStdin: true, onStdout: options.onStdout });
}

const JsonOutput = z.strictObject({
  status: z.enum(['ok', 'not-modified', 'disabled']),
  hash: z.string().regex(/^-?\d+$/),
  fetchedAt: z.number().nullable(),
  peers: z.array(Peer),
});

const newDir = () => mkdtempSync(join(tmpdir(), 'topswitch-cli-'));

// Each run starts a fresh process (npx, tsx, gramjs): seconds apiece on a small machine.
describe('topswitch CLI', { timeout: 60_000 }, () => {
  const dataDir = newDir();

  it('reports "not logged in" with exit code 3 before login', async () => {
    expect((await cli(['status'], { dataDir })).code).toBe(3);
    const run = await cli(['top-peers', '--json'], { dataDir });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    // Without api credentials (and no TG_DC) there is no way in either: same exit code, and what to set.
    const noCredentials = await cli(['top-peers'], { dataDir: newDir(), env: { TG_DC: '', TG_DC_PUBLIC_KEY: '' } });
    expect(noCredentials.code).toBe(3);
    expect(noCredentials.stderr).toContain('TG_API_ID');
  });

  it('refuses bad usage with exit code 2', async () => {
    for (const args of [[], ['nope'], ['top-peers', '--limit', '0'], ['top-peers', '--limit', 'x'], ['top-peers', '--categories', 'groups,nope'], ['remove', 'user:abc', 'groups'], ['remove', 'user:1'], ['toggle', 'maybe'], ['top-peers', '--bogus']]) {
      expect((await cli(args, { dataDir })).code, args.join(' ')).toBe(2);
    }
  }, 180_000);

  it('logs in with phone and code piped on stdin, re-asking after a wrong code', async () => {
    const run = await cli(['login'], { dataDir, input: `+${DEMO_ACCOUNTS.main.phone}\n00000\n${DEMO_ACCOUNTS.main.code}\n` });
    expect(run.stderr).toMatch(/code is wrong/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Logged in as Dana Demo (@dana_demo)');
    // Each account keeps its session in its own folder (accounts/<n>/).
    expect(existsSync(join(dataDir, 'accounts', '1', 'session.enc'))).toBe(true);
  });

  it('prints top peers as JSON; an unchanged world then reports not-modified', async () => {
    const first = await cli(['top-peers', '--json'], { dataDir });
    expect(first.code).toBe(0);
    const parsed = JsonOutput.parse(JSON.parse(first.stdout));
    expect(parsed.status).toBe('ok');
    expect(parsed.peers.length).toBeGreaterThan(10);
    const second = JsonOutput.parse(JSON.parse((await cli(['top-peers', '--json'], { dataDir })).stdout));
    expect(second).toMatchObject({ status: 'not-modified', hash: parsed.hash, fetchedAt: parsed.fetchedAt });
    expect(second.peers).toEqual(parsed.peers);
  }, 120_000);

  it('a rename made between two runs is in the second run (catch-up), though the list answers not-modified', async () => {
    const first = JsonOutput.parse(JSON.parse((await cli(['top-peers', '--json'], { dataDir })).stdout));
    // Not a demo account: later tests here sign in to those and check the names they see.
    const accounts = new Set(Object.values(DEMO_ACCOUNTS).flatMap((account) => (typeof account === 'object' ? [`user:${account.userId}`] : [])));
    const user = first.peers.find((peer) => peer.kind === 'user' && !peer.isSelf && !peer.deleted && !accounts.has(peer.key))!;
    dc.world.renamePeer(parsePeerKey(user.key as never), { firstName: 'Renamed', lastName: 'Between Runs' });
    const second = JsonOutput.parse(JSON.parse((await cli(['top-peers', '--json'], { dataDir })).stdout));
    expect(second.status).toBe('not-modified');
    expect(second.peers.find((peer) => peer.key === user.key)!.title).toBe('Renamed Between Runs');
  }, 120_000);

  it('honours --categories and --limit, and prints a plain table without --json', async () => {
    const json = JsonOutput.parse(JSON.parse((await cli(['top-peers', '--categories', 'groups', '--limit', '2', '--json'], { dataDir })).stdout));
    expect(json.status).toBe('ok');
    expect(json.peers).toHaveLength(2);
    expect(json.peers.every((peer) => peer.categories.groups !== undefined)).toBe(true);
    const table = await cli(['top-peers', '--categories', 'channels', '--limit', '3'], { dataDir });
    expect(table.code).toBe(0);
    expect(table.stdout.trim().split('\n')).toHaveLength(3);
    expect(table.stdout).toMatch(/^channel:\d+\t(channel|supergroup)\t/m);
  });

  it('removes a peer from a category', async () => {
    const peers = JsonOutput.parse(JSON.parse((await cli(['top-peers', '--categories', 'bots_pm', '--json'], { dataDir })).stdout)).peers;
    const bot = peers[0]!;
    const run = await cli(['remove', bot.key, 'bots_pm'], { dataDir });
    expect(run.code).toBe(0);
    expect(dc.world.rating(DEMO_ACCOUNTS.main.phone, parsePeerKey(bot.key as never), 'botsPm')).toBeUndefined();
  });

  it('toggles top peers off and on', async () => {
    expect((await cli(['toggle', 'off'], { dataDir })).code).toBe(0);
    expect(JSON.parse((await cli(['top-peers', '--json'], { dataDir })).stdout)).toMatchObject({ status: 'disabled', peers: [] });
    expect((await cli(['toggle', 'on'], { dataDir })).code).toBe(0);
    // Enabling fetched the list already, so this is a NotModified round trip with the peers back.
    const back = JsonOutput.parse(JSON.parse((await cli(['top-peers', '--json'], { dataDir })).stdout));
    expect(back.status).toBe('not-modified');
    expect(back.peers.length).toBeGreaterThan(10);
  }, 120_000);

  it('exits 4 when rate limited and 5 when the network is down', async () => {
    dc.dc.faults.inject('contacts.GetTopPeers', { kind: 'rpc-error', code: 420, message: 'FLOOD_WAIT_300' });
    const limited = await cli(['top-peers', '--json'], { dataDir });
    expect(limited.code).toBe(4);
    expect(limited.stderr).toMatch(/wait 300 s/);
    // The wait outlives the process: the next run says until when, and asks Telegram nothing.
    const calls = dc.dc.faults.callsTo('contacts.GetTopPeers');
    const status = await cli(['status'], { dataDir });
    expect(status.stdout).toMatch(/Rate limited: contacts\.getTopPeers until \d{4}-\d\d-\d\dT/);
    expect(status.stdout).toMatch(/Sync: rate-limited until \d{4}-/);
    const again = await cli(['top-peers', '--json'], { dataDir });
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/Try again after \d{4}-/);
    expect(dc.dc.faults.callsTo('contacts.GetTopPeers')).toBe(calls);
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const offline = await cli(['top-peers', '--json'], { dataDir, env: { TG_DC: `127.0.0.1:${port}` } });
    expect(offline.code).toBe(5);
  });

  it('status shows the login; logout wipes the session; then status exits 3', async () => {
    const status = await cli(['status', '--json'], { dataDir });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ session: { status: 'ready', user: { key: 'user:100001' } } });
    const logout = await cli(['logout'], { dataDir });
    expect(logout.code).toBe(0);
    expect(existsSync(join(dataDir, 'accounts', '1', 'session.enc'))).toBe(false);
    expect((await cli(['status'], { dataDir })).code).toBe(3);
  }, 120_000);

  it('keeps its data private from the first write: dir 0700, files 0600, corrupt copies too', async () => {
    const own = join(newDir(), 'data'); // created by the CLI itself
    const login = await cli(['login'], { dataDir: own, input: `+${DEMO_ACCOUNTS.main.phone}\n${DEMO_ACCOUNTS.main.code}\n` });
    expect(login.code).toBe(0);
    expect((await cli(['top-peers', '--json'], { dataDir: own })).code).toBe(0);
    // Files 0600 and folders 0700, the accounts' own folders too.
    const modes = () =>
      Object.fromEntries(
        readdirSync(own, { recursive: true, encoding: 'utf8' }).map((name) => [name, statSync(join(own, name)).mode & (statSync(join(own, name)).isDirectory() ? 0o7777 : 0o777)]),
      );
    const expected = (name: string) => (statSync(join(own, name)).isDirectory() ? 0o700 : 0o600);
    expect(statSync(own).mode & 0o777).toBe(0o700);
    const store = join('accounts', '1', 'topswitch-store.json');
    expect(Object.keys(modes())).toEqual(expect.arrayContaining([store, join('accounts', '1', 'session.enc'), join('accounts', '1', 'session.key')]));
    for (const [name, mode] of Object.entries(modes())) expect(mode, name).toBe(expected(name));
    // A store an older version left world-readable and corrupt: the copy kept aside is private too.
    writeFileSync(join(own, store), '{"topPeers": [tru', { mode: 0o644 });
    chmodSync(join(own, store), 0o644);
    await cli(['status'], { dataDir: own });
    expect(Object.keys(modes()).some((name) => name.startsWith(`${store}.corrupt-`))).toBe(true);
    for (const [name, mode] of Object.entries(modes())) expect(mode, name).toBe(expected(name));
  }, 120_000);

  it('a saved session that does not parse: not logged in (never "Connecting"), and logout deletes what is left', async () => {
    const own = newDir();
    expect((await cli(['login'], { dataDir: own, input: `+${DEMO_ACCOUNTS.main.phone}\n${DEMO_ACCOUNTS.main.code}\n` })).code).toBe(0);
    expect((await cli(['top-peers', '--json'], { dataDir: own })).code).toBe(0);
    const account = join(own, 'accounts', '1');
    await createFileSecretStore(account).set('not a session string');
    const logout = await cli(['logout'], { dataDir: own });
    expect(logout.stdout).not.toMatch(/Connecting/);
    expect(logout.code).toBe(3);
    expect(existsSync(join(account, 'session.enc'))).toBe(false);
    const stored = JSON.parse(readFileSync(join(account, 'topswitch-store.json'), 'utf8')) as Record<string, unknown>;
    expect(stored.topPeers).toBeUndefined();
    expect(stored.self).toBeUndefined();
    const status = await cli(['status', '--json'], { dataDir: own });
    expect(status.code).toBe(3);
    expect(JSON.parse(status.stdout)).toMatchObject({ session: { status: 'logged-out' }, topPeers: { count: 0 } });
  }, 120_000);

  it('logs in with a 2FA password piped on stdin', async () => {
    const run = await cli(['login'], { dataDir: newDir(), input: `${DEMO_ACCOUNTS.twoFactor.phone}\n${DEMO_ACCOUNTS.twoFactor.code}\n${DEMO_ACCOUNTS.twoFactor.password}\n` });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Tomás Segundo');
    expect(run.stderr).toContain(`hint: ${DEMO_ACCOUNTS.twoFactor.hint}`);
  });

  it('stops with exit code 2 when stdin ends mid-login', async () => {
    const run = await cli(['login'], { dataDir: newDir(), input: `${DEMO_ACCOUNTS.main.phone}\n` });
    expect(run.code).toBe(2);
  });

  it('refuses a bot token with the exact message', async () => {
    const run = await cli(['login'], { dataDir: newDir(), input: `${DEMO_BOT_TOKEN}\n` });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(BOT_REFUSAL);
  });

  it('logs in by QR: prints the URL and a QR code, finishes when the code is scanned', async () => {
    let scanned = false;
    const run = await cli(['qr'], {
      dataDir: newDir(),
      input: '',
      onStdout: (text) => {
        const url = /tg:\/\/login\?token=([A-Za-z0-9_-]+)/.exec(text);
        if (url && !scanned) {
          scanned = true;
          dc.world.scanLoginToken(Buffer.from(url[1]!, 'base64url'), DEMO_ACCOUNTS.main.phone);
        }
      },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/[▀▄█]/); // the terminal QR code
    expect(run.stdout).toContain('Logged in as Dana Demo');
  });
});
