/**
 * `node --import tsx electron/main/sandbox-preflight.ts <electron binary>`: what `npm start` runs
 * before it starts Electron, because on a restricted system Chromium aborts before the app's own
 * code could say anything. Exit 0 to go on, 3 with the reason on stderr to stop.
 */
import { existsSync } from 'node:fs';
import { probeSandbox, sandboxVerdict } from './sandbox-check.js';

const [execPath] = process.argv.slice(2);
if (execPath && existsSync(execPath)) {
  const verdict = sandboxVerdict(probeSandbox({ platform: process.platform, kind: 'source', execPath, argv: process.argv.slice(3), env: process.env }));
  if (!verdict.ok) {
    console.error(`\nTopSwitch cannot start Electron here.\n${verdict.message}\n`);
    process.exitCode = 3;
  }
}
