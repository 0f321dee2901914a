import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte({ configFile: './svelte.config.js' })],
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Suites start real TCP servers and Chromium; two cores here, so keep parallelism modest.
    maxWorkers: 2,
    globalSetup: ['test/support/scratch.ts', 'test/support/build.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
