/**
 * `topswitch` — the headless CLI on the same core as the app, for people who live in a terminal
 * (pipe `top-peers --json` into rofi/dmenu/fzf) and as proof that the core stands on its own.
 *
 * Prompts go to stderr and results to stdout, so `--json` output stays clean when piped.
 * Exit codes: 0 ok, 1 other failure, 2 usage, 3 not logged in, 4 rate limited, 5 network.
 */
import { parseArgs } from 'node:util';
import { CATEGORIES, Category, DEFAULT_CATEGORIES, PeerKey, type ErrorCode } from '../shared/ipc-contract.js';
import { AppError } from '../core/errors.js';
import { toAppError } from '../core/telegram/rpc-errors.js';
import { describeMethod } from '../core/telegram/call-gate.js';
import { chatsCommand, searchCommand, type CliContext } from './chats.js';
import { cliDataDir, defaultDataDir, err, out, withCore as withCoreOf, type CliCore } from './core.js';
import { accountsCommand } from './accounts.js';
import * as chatCommands from './messages.js';
import { CALL_USAGE, runCall } from './call.js';
import { desktopFlag, forwardToDesktopApp } from './desktop-app.js';
import { cliLogPath, createCliLogger } from './log.js';
import { EXIT } from './exit.js';
import { describeState, login, qr } from './login.js';

export { defaultDataDir };

export { EXIT };

const USAGE = `Usage: topswitch <command> [options]

Commands:
  login [--add]                          log in: phone, code, then 2FA password if set (read from stdin);
                                         --add signs in one more account (up to 5)
  accounts [--json]                      the signed-in accounts: number, name, phone
  qr                                     log in by scanning a QR code with Telegram on your phone
  top-peers [--categories a,b] [--limit N] [--json]
                                         your top peers (categories: ${CATEGORIES.join(', ')})
  remove <key> <category>                remove a peer from suggestions, e.g. remove user:123 correspondents
  toggle on|off                          enable or disable top peers on Telegram
  history PEER [--limit N] [--json]      a chat's latest messages (PEER: user:123, @username or title)
  send PEER TEXT                         send a message
  read PEER                              mark a chat as read
  chats [--json]                         your whole chat list (main list, then the archive)
  search QUERY [--global] [--json]       the switcher's search (Top, Chats; --global adds Telegram's Global results)
  status [--json]                        login and sync state
  logout                                 log out and delete the session and cache
  --account N|phone                      (any command) act as one signed-in account only; without it
                                         lists merge every account's, each row keyed user:1@N
${CALL_USAGE}
  --toggle | --show | --hide             show or hide the desktop app's quick switcher (starts the app
                                         if needed); bind this to a key in your desktop's settings

Environment:
  TG_DATA_DIR          data directory (default: ${defaultDataDir()})
  TG_API_ID, TG_API_HASH   your api credentials from my.telegram.org
  TG_DC, TG_DC_PUBLIC_KEY  host:port and PEM key file of another DC (development, tests)
  TOPSWITCH_APP        the desktop app --toggle/--show/--hide start (default: this checkout's Electron)
`;

class UsageError extends Error {}

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'NOT_LOGGED_IN':
    case 'NEEDS_CREDENTIALS': // cannot log in without api credentials: for a script, the same state
      return EXIT.notLoggedIn;
    case 'RATE_LIMITED':
      return EXIT.rateLimited;
    case 'NETWORK':
    case 'TIMEOUT':
      return EXIT.network;
    case 'INVALID_ARGUMENT':
    case 'ACCOUNT_NOT_FOUND': // --account names no signed-in account
      return EXIT.usage;
    default:
      return EXIT.failure;
  }
}


function parseCategories(value: string | undefined): Category[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  const known = names.flatMap((name) => {
    const parsed = Category.safeParse(name);
    return parsed.success ? [parsed.data] : [];
  });
  const bad = names.filter((name) => !Category.safeParse(name).success);
  if (bad.length > 0) throw new UsageError(`Unknown categor${bad.length > 1 ? 'ies' : 'y'}: ${bad.join(', ')}. Choose from ${CATEGORIES.join(', ')}.`);
  if (known.length === 0) throw new UsageError('--categories needs at least one category.');
  return known;
}

function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const limit = Number(value);
  if (!/^\d+$/.test(value) || limit < 1 || limit > 100) throw new UsageError('--limit must be a whole number from 1 to 100.');
  return limit;
}

/** Fail with exit code 3 unless logged in. */
async function requireReady(core: CliCore): Promise<void> {
  const state = await core.invoke('session:get', {});
  if (state.status === 'ready') return;
  if (state.status === 'needs-credentials') throw new AppError('NEEDS_CREDENTIALS', describeState(state));
  throw new AppError('NOT_LOGGED_IN', 'Not logged in: run `topswitch login` or `topswitch qr` first.');
}

/** What the chat commands (chats.ts) need of the core, after the login check. */
async function cliContext(core: CliCore): Promise<CliContext> {
  await requireReady(core);
  return {
    call: core.invoke,
    fetchTopPeers: async () => (await core.api.fetchTopPeers({ categories: [...DEFAULT_CATEGORIES] })).snapshot,
    out,
    err,
  };
}

async function topPeers(core: CliCore, options: { categories?: Category[]; limit?: number; json: boolean }): Promise<number> {
  await requireReady(core);
  const result = await core.api.fetchTopPeers({
    categories: options.categories ?? [...DEFAULT_CATEGORIES],
    ...(options.limit ? { limit: options.limit } : {}),
  });
  const status = result.outcome === 'modified' ? 'ok' : result.outcome;
  if (options.json) {
    out(JSON.stringify({ status, hash: result.hash, fetchedAt: result.snapshot.fetchedAt, peers: result.snapshot.peers }, null, 2));
    return EXIT.ok;
  }
  if (status === 'disabled') {
    out('Top peers are disabled on Telegram; enable them with `topswitch toggle on`.');
    return EXIT.ok;
  }
  for (const peer of result.snapshot.peers) {
    const categories = Object.entries(peer.categories).map(([name, rating]) => `${name}=${rating.toFixed(2)}`).join(' ');
    out([peer.key, peer.kind, peer.title, peer.username ? `@${peer.username}` : '', categories].join('\t'));
  }
  err(`${result.snapshot.peers.length} peers (${status === 'ok' ? 'fetched' : 'unchanged since the last fetch'})`);
  return EXIT.ok;
}

async function remove(core: CliCore, key: PeerKey, category: Category): Promise<number> {
  await requireReady(core);
  const cached = await core.invoke('topPeers:get', {});
  if (!cached.peers.some((peer) => peer.key === key && peer.categories[category] !== undefined)) {
    // The CLI keeps no list between runs unless top-peers ran: fetch the category to find the peer.
    await core.api.fetchTopPeers({ categories: [...new Set([...cached.categories, category])] });
  }
  await core.invoke('topPeers:remove', { key, category });
  out(`Removed ${key} from ${category}.`);
  return EXIT.ok;
}

async function status(core: CliCore, json: boolean): Promise<number> {
  const session = await core.invoke('session:get', {});
  const sync = await core.invoke('sync:get', {});
  const snapshot = await core.invoke('topPeers:get', {});
  const code = session.status === 'ready' ? (sync.state === 'offline' ? EXIT.network : EXIT.ok) : EXIT.notLoggedIn;
  // FLOOD_WAITs from earlier runs that still hold (the call gate persists them).
  const rateLimits = core.api.rateLimits();
  if (json) {
    out(JSON.stringify({ session, sync, rateLimits, topPeers: { status: snapshot.status, count: snapshot.peers.length, fetchedAt: snapshot.fetchedAt, checkedAt: snapshot.checkedAt } }, null, 2));
    return code;
  }
  out(describeState(session));
  const until = sync.state === 'rate-limited' && sync.retryAt ? ` until ${new Date(sync.retryAt).toISOString()}` : '';
  out(`Sync: ${sync.state}${until}${sync.message ? ` (${sync.message})` : ''}`);
  for (const wait of rateLimits) out(`Rate limited: ${describeMethod(wait.method)} until ${new Date(wait.retryAt).toISOString()}`);
  out(`Cached top peers: ${snapshot.peers.length}${snapshot.checkedAt ? `, last checked ${new Date(snapshot.checkedAt).toISOString()}` : ''}`);
  return code;
}

type CliOptions = {
  categories?: string | undefined;
  limit?: string | undefined;
  json?: boolean | undefined;
  global?: boolean | undefined;
  account?: string | undefined;
  add?: boolean | undefined;
};

export async function main(argv: string[]): Promise<number> {
  const flag = desktopFlag(argv);
  if (flag) {
    const forwarded = await forwardToDesktopApp(flag, process.env);
    if (!forwarded.ok) err(forwarded.message);
    return forwarded.ok ? EXIT.ok : EXIT.failure;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        categories: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean', default: false },
        global: { type: 'boolean', default: false },
        account: { type: 'string' },
        add: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    err(error instanceof Error ? error.message : String(error));
    err(USAGE);
    return EXIT.usage;
  }
  const [command, ...rest] = parsed.positionals;
  const { values } = parsed;
  if (values.help || !command) {
    (values.help ? out : err)(USAGE);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  try {
    return await runCommand(command, rest, values);
  } catch (error) {
    if (error instanceof UsageError) {
      err(error.message);
      err(USAGE);
      return EXIT.usage;
    }
    const appError = toAppError(error, Date.now());
    if (appError.code === 'INTERNAL') {
      // The generic text speaks of "the log": name the file, and put the details there.
      createCliLogger(cliDataDir())('error', `${command} failed`, appError.cause ?? error);
      err(`Something went wrong inside TopSwitch. The details are in ${cliLogPath(cliDataDir())}.`);
      return exitCodeFor(appError.code);
    }
    const retry = appError.retryAt ? ` Try again after ${new Date(appError.retryAt).toISOString()}.` : '';
    err(`${appError.message}${retry}`);
    return exitCodeFor(appError.code);
  }
}

/** One command: its arguments are checked before the core starts, so a typo costs no connection. */
async function runCommand(command: string, rest: string[], values: CliOptions): Promise<number> {
  const expect = (count: number) => {
    if (rest.length !== count) throw new UsageError(`${command} takes ${count === 0 ? 'no arguments' : `${count} argument(s)`}.`);
  };
  if (values.add && command !== 'login' && command !== 'qr') throw new UsageError('--add goes with login or qr.');
  if (values.add && values.account !== undefined) throw new UsageError('--add signs in a new account; --account picks a signed-in one.');
  if (values.account !== undefined && !values.account.trim()) throw new UsageError('--account takes an account number or phone.');
  // Every command sees one account with --account, else all of them.
  const withCore = <T>(run: (core: CliCore) => Promise<T>) => withCoreOf(run, { account: values.account });
  switch (command) {
    case 'login':
    case 'qr':
      expect(0);
      return withCore(async (core) => {
        const run = () => (command === 'login' ? login(core) : qr(core));
        if (!values.add) return run();
        await core.api.addAccount();
        // The whole login speaks with the new account, also once it is in (the first account stays the focused one).
        const adding = core.api.listAccounts().adding;
        return adding === null ? run() : core.api.withAccount(adding, run);
      });
    case 'accounts':
      expect(0);
      return withCore((core) => accountsCommand(core, values.json === true));
    case 'top-peers': {
      expect(0);
      const categories = parseCategories(values.categories);
      const limit = parseLimit(values.limit);
      return withCore((core) => topPeers(core, { json: values.json === true, ...(categories ? { categories } : {}), ...(limit ? { limit } : {}) }));
    }
    case 'remove': {
      expect(2);
      const [key = '', categoryName = ''] = rest;
      const peerKey = PeerKey.safeParse(key);
      if (!peerKey.success) throw new UsageError(`Not a peer key: ${key} (expected user:123, chat:7 or channel:9)`);
      const [category] = parseCategories(categoryName) ?? [];
      if (!category) throw new UsageError('remove needs a category.');
      return withCore((core) => remove(core, peerKey.data, category));
    }
    case 'toggle': {
      expect(1);
      if (rest[0] !== 'on' && rest[0] !== 'off') throw new UsageError('toggle takes on or off.');
      const enabled = rest[0] === 'on';
      return withCore(async (core) => {
        await requireReady(core);
        await core.invoke('topPeers:setEnabled', { enabled });
        out(`Top peers ${enabled ? 'enabled' : 'disabled'}.`);
        return EXIT.ok;
      });
    }
    case 'history':
    case 'send':
    case 'read': {
      expect(command === 'send' ? 2 : 1);
      const [peerName = '', text] = rest;
      if (command === 'send' && !text?.trim()) throw new UsageError('send needs some text.');
      const limit = values.limit === undefined ? 20 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be a whole number from 1 to 1000.');
      return withCore((core) => {
        const context = { core, requireReady: () => requireReady(core), out };
        if (command === 'history') return chatCommands.history(context, peerName, { limit, json: values.json === true });
        if (command === 'send') return chatCommands.send(context, peerName, text!);
        return chatCommands.read(context, peerName);
      });
    }
    case 'chats':
      expect(0);
      return withCore(async (core) => chatsCommand(await cliContext(core), { json: values.json === true }));
    case 'search': {
      expect(1);
      const query = rest[0] ?? '';
      return withCore(async (core) => searchCommand(await cliContext(core), query, { global: values.global === true, json: values.json === true }));
    }
    case 'status':
      expect(0);
      return withCore((core) => status(core, values.json === true));
    case 'logout':
      expect(0);
      return withCore(async (core) => {
        const signedIn = (await core.invoke('accounts:list', {})).accounts.filter((account) => account.status === 'ready');
        if (signedIn.length > 1 && values.account === undefined) {
          throw new UsageError(`${signedIn.length} accounts are signed in: say which to log out of with --account N (see \`topswitch accounts\`).`);
        }
        const state = (await core.invoke('session:get', {})).status;
        if (state === 'needs-credentials') {
          out('Not logged in.');
          return EXIT.notLoggedIn;
        }
        // Also when not (or no longer) logged in: a saved session and a cached list are still deleted.
        await core.invoke('session:logout', {});
        out(state === 'ready' ? 'Logged out; session and cache deleted.' : 'Not logged in; any saved session and cached list deleted.');
        return state === 'ready' ? EXIT.ok : EXIT.notLoggedIn;
      });
    case 'call':
      return runCall(rest, { withCore: (run) => withCore(run), exitCodeFor, exit: EXIT });
    default:
      throw new UsageError(`Unknown command: ${command}`);
  }
}

// Run when executed directly (tsx electron/cli/index.ts, or the bin shim), not when imported by tests.
const invokedDirectly = process.argv[1] !== undefined && /electron[\\/]cli[\\/]index\.[jt]s$/.test(process.argv[1]);
if (invokedDirectly || process.env.TOPSWITCH_CLI_MAIN === '1') {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      err(`Unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(EXIT.failure);
    },
  );
}
