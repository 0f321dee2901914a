/**
 * `npm run fake-dc -- --port 4430 --world demo [--state-dir DIR]`
 *
 * Serves the local DC until killed. Prints exactly one line on stdout, for scripts to wait on:
 *   fake-dc listening 127.0.0.1:4430 key=/path/to/public.pem
 * Everything else (the DC's log) goes to stderr.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startFakeDc } from './index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    world: { type: 'string', default: 'demo' },
    'state-dir': { type: 'string' },
  },
  strict: true,
});

if (values.world !== 'demo') {
  process.stderr.write(`unknown world '${values.world}' (only 'demo' exists)\n`);
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`bad --port '${values.port}'\n`);
  process.exit(2);
}

const stateDir = values['state-dir'];
const dc = await startFakeDc({ port, world: 'demo', ...(stateDir ? { stateDir } : {}) });
let keyPath = dc.publicKeyPath;
if (!keyPath) {
  keyPath = join(mkdtempSync(join(tmpdir(), 'fake-dc-')), 'rsa-public.pem');
  writeFileSync(keyPath, dc.publicKeyPem);
}
process.stdout.write(`fake-dc listening ${dc.host}:${dc.port} key=${keyPath}\n`);

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  await dc.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
