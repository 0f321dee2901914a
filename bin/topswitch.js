#!/usr/bin/env node
// The `topswitch` bin: runs the CLI's TypeScript through tsx's loader (no separate build step).
import { register } from 'tsx/esm/api';

register();
process.env.TOPSWITCH_CLI_MAIN = '1';
await import('../electron/cli/index.ts');
