import { defineConfig } from 'vitest/config';

/** `npm run test:soak`: the long runs — 24 simulated hours of refreshes, and the IPC fuzz with many calls. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/soak/**/*.soak.ts', 'test/integration/core/ipc-fuzz.test.ts'],
    testTimeout: 30 * 60_000,
    hookTimeout: 60_000,
    maxWorkers: 1,
    execArgv: ['--expose-gc'],
    env: { TOPSWITCH_FUZZ_CALLS: process.env.TOPSWITCH_FUZZ_CALLS ?? '20000' },
    globalSetup: ['test/support/scratch.ts', 'test/support/build.ts'],
  },
});
