import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, runConformance } from '../../conformance/index.js';
import { acceleratedClock } from '../../conformance/lib/clock.js';
import { startOverridden } from '../../conformance/mutants/proxy.js';

const FACTOR = 120;
const EXPIRY = ALL_CHECKS.filter((c) => c.class === 'expiry');

/** The deadline an expiry check's skip names (`--deadline N or more`). */
function named(message: string): number | undefined {
  const m = /--deadline (\d+) or more/.exec(message);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

describe('the deadline an expiry check names when it cannot wait', () => {
  it('is one that lets it run, also for a check that started late (--concurrency 1): above the deadline it ran under, and enough when given', async () => {
    // Offers live 10 minutes, on a clock the run shares, 120 times faster than the wall's.
    const clock = acceleratedClock(FACTOR);
    const server = await startOverridden({}, { clock, tickMs: 20, config: { offerLifetime: 600 } });
    try {
      const run = (deadlineS: number) =>
        runConformance({
          target: server.url,
          checks: EXPIRY,
          concurrency: 1,
          clock,
          pollIntervalMs: 1_000,
          deadlineMs: deadlineS * 1000,
        });
      // One check waits out a lifetime; the other starts after it, with less than a lifetime left.
      const first = await run(1_000);
      const skipped = first.checks.filter((c) => c.outcome === 'skip');
      expect(
        first.checks.map((c) => c.outcome),
        JSON.stringify(first.checks.map((c) => c.message)),
      ).toContain('pass');
      expect(skipped.length).toBe(1);
      const advice = named(skipped[0]?.message ?? '');
      expect(advice, skipped[0]?.message).toBeGreaterThan(1_000);
      // Followed, the advice lets both checks be judged.
      const second = await run(advice ?? 0);
      expect(
        second.checks.map((c) => [c.id, c.outcome]),
        JSON.stringify(second.checks.map((c) => c.message)),
      ).toEqual(EXPIRY.map((c) => [c.id, 'pass']));
    } finally {
      await server.close();
    }
  }, 90_000);
});
