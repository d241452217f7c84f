import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take a minute or so, mostly waiting (a fresh clone's install, a packed tarball's install, CLI
 * runs against brokers whose offers must expire): started first, so that the rest of the suite runs beside them
 * instead of after them. On a clean clone vitest has no timings cached and would start the largest files first,
 * which puts the 40-line main-job test last.
 */
const LONG_FIRST = [
  'test/readme/main-job.test.ts',
  'test/package/package.test.ts',
  'test/conformance/independent-broker.test.ts',
  'test/readme/commands.test.ts',
  'test/conformance/variants.test.ts',
  'test/validate/examples-xsd.test.ts',
  'test/conformance/ci-recipe.test.ts',
  'test/aggregator/conformance.test.ts',
  'test/conformance/variants-slow.test.ts',
  'test/cli/readme-many-brokers.test.ts',
];

class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification): number => {
      const i = LONG_FIRST.findIndex((p) => f.moduleId.endsWith(`/${p}`));
      return i < 0 ? LONG_FIRST.length : i;
    };
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

/** One test file per conformance check: small files that all load the same suite, so they share a worker's modules. */
const CHECK_TESTS = 'test/conformance/checks/**/*.test.ts';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default is one worker fewer than the cores: a single worker on a 2-core CI machine, where much
    // of the suite's time is spent waiting on child processes, sockets and timers. One per core, not more: many
    // tests hold 2-second offers against brokers in the same process, and a starved event loop lets them expire.
    maxWorkers: Math.max(2, availableParallelism()),
    sequence: { sequencer: LongFirstSequencer },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [CHECK_TESTS] } },
      // Without isolation a worker loads conformance/ and the broker once for every check file, not once a file.
      { extends: true, test: { name: 'checks', include: [CHECK_TESTS], isolate: false } },
    ],
  },
});
