import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS, runConformance } from '../../conformance/index.js';
import { acceleratedClock } from '../../conformance/lib/clock.js';
import { startOverridden } from '../../conformance/mutants/proxy.js';

/** Fast enough for a test, slow enough that the run's own seconds of work stay seconds on a loaded machine. */
const FACTOR = 40;
const EXPIRY = ALL_CHECKS.filter((c) => c.class === 'expiry');

/** The deadline an expiry check's skip names (`--deadline N or more`). */
function named(message: string): number | undefined {
  const m = /--deadline (\d+) or more/.exec(message);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

describe('the deadline an expiry check names when it cannot wait, one check at a time (--concurrency 1)', () => {
  // Offers live 10 minutes, on a clock the run shares, 40 times faster than the wall's.
  const clock = acceleratedClock(FACTOR);
  let server: Awaited<ReturnType<typeof startOverridden>>;
  beforeAll(async () => {
    server = await startOverridden({}, { clock, tickMs: 20, config: { offerLifetime: 600 } });
  });
  afterAll(() => server.close());
  const run = (deadlineS: number) =>
    runConformance({
      target: server.url,
      checks: EXPIRY,
      concurrency: 1,
      clock,
      pollIntervalMs: 1_000,
      deadlineMs: deadlineS * 1000,
    });

  it('given less than one lifetime, names one that lets both checks wait theirs, one after the other', async () => {
    const first = await run(300);
    expect(first.checks.map((c) => c.outcome)).toEqual(['skip', 'skip']);
    const advice = Math.max(...first.checks.map((c) => named(c.message) ?? 0));
    expect(advice, JSON.stringify(first.checks.map((c) => c.message))).toBeGreaterThan(2 * 600);
    // Followed once, the advice is enough: both checks are judged.
    const second = await run(advice);
    expect(
      second.checks.map((c) => [c.id, c.outcome]),
      JSON.stringify(second.checks.map((c) => c.message)),
    ).toEqual(EXPIRY.map((c) => [c.id, 'pass']));
  }, 120_000);

  it('for the check that started late, after the other waited, names more than the deadline it ran under', async () => {
    const report = await run(1_000);
    expect(report.checks.map((c) => c.outcome).sort()).toEqual(['pass', 'skip']);
    const skipped = report.checks.find((c) => c.outcome === 'skip');
    expect(named(skipped?.message ?? ''), skipped?.message).toBeGreaterThan(1_000);
  }, 120_000);
});
