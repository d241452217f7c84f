import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, runConformance } from '../../conformance/index.js';
import { MUTANTS } from '../../conformance/mutants/index.js';
import { outcomeForBroken } from '../../conformance/lib/levels.js';
import { levelOf } from '../../conformance/runner.js';

describe('mutants', () => {
  it('are at least 15', () => expect(MUTANTS.length).toBeGreaterThanOrEqual(15));

  for (const mutant of MUTANTS) {
    it(`${mutant.id} is caught by ${mutant.catches.join(', ')}`, async () => {
      const server = await mutant.start();
      try {
        const checks = ALL_CHECKS.filter((c) => mutant.catches.includes(c.id));
        const report = await runConformance({ target: server.url, checks, deadlineMs: 20_000 });
        const outcomes = Object.fromEntries(report.checks.map((c) => [c.id, c.outcome]));
        // A broken MUST fails, a broken SHOULD warns, a MAY is informational: the level comes from the register.
        const expected = Object.fromEntries(checks.map((c) => [c.id, outcomeForBroken(levelOf(c))]));
        expect(outcomes).toEqual(expected);
        for (const c of report.checks) expect(c.broken?.requirement, c.id).toBeDefined();
      } finally {
        await server.close();
      }
    });
  }
});
