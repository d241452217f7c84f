import { defineConfig } from 'vitest/config';

/** One test file per conformance check: small files that all load the same suite, so they share a worker's modules. */
const CHECK_TESTS = 'test/conformance/checks/**/*.test.ts';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [CHECK_TESTS] } },
      // Without isolation a worker loads conformance/ and the broker once for every check file, not once a file.
      { extends: true, test: { name: 'checks', include: [CHECK_TESTS], isolate: false } },
    ],
  },
});
