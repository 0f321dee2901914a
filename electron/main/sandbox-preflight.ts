/**
 * `node --import tsx electron/main/sandbox-preflight.ts <electron binary> [--root=DIR]`: what
 * `npm start` runs before it starts Electron, because on a restricted system Chromium aborts
 * before the app's own code could say anything. Exit 0 to go on, 3 with the reason on stderr to
 * stop. `--root` reads /proc and /etc under another directory (the tests build one).
 */
import { existsSync } from 'node:fs';
import { terminalTranslator } from './language.js';
import { probeSandbox, sandboxVerdict } from './sandbox-check.js';

const [execPath, ...rest] = process.argv.slice(2);
const root = rest.find((arg) => arg.startsWith('--root='))?.slice('--root='.length);
if (execPath && existsSync(execPath)) {
  const t = terminalTranslator(process.env);
  const verdict = sandboxVerdict(probeSandbox({ platform: process.platform, kind: 'source', execPath, argv: [], env: process.env, ...(root ? { root } : {}) }), t);
  if (!verdict.ok) {
    console.error(`\n${t('desktop.sandbox.preflight')}\n${verdict.message}\n`);
    process.exitCode = 3;
  }
}
