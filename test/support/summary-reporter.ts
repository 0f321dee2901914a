/**
 * One plain closing line after vitest's own summary — "Tests: N passed, N failed, N skipped" —
 * so CI logs and scripts can read the outcome without parsing vitest's coloured table.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') failedHere++;
        else counts.skipped++;
      }
      // A file that fails before its tests run (an import error, a failing beforeAll) has no
      // failed test of its own, but it is a failure all the same.
      counts.failed += failedHere > 0 ? failedHere : module.state() === 'failed' ? 1 : 0;
    }
    counts.failed += unhandledErrors.length;
    process.stdout.write(`\nTests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
