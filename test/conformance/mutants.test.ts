import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, runConformance } from '../../conformance/index.js';
import { MUTANTS } from '../../conformance/mutants/index.js';

describe('mutants', () => {
  it('are at least 15', () => expect(MUTANTS.length).toBeGreaterThanOrEqual(15));

  for (const mutant of MUTANTS) {
    it(`${mutant.id} is caught by ${mutant.catches.join(', ')}`, async () => {
      const server = await mutant.start();
      try {
        const checks = ALL_CHECKS.filter((c) => mutant.catches.includes(c.id));
        const report = await runConformance({ target: server.url, checks, deadlineMs: 20_000 });
        const outcomes = Object.fromEntries(report.checks.map((c) => [c.id, c.outcome]));
        expect(outcomes).toEqual(Object.fromEntries(mutant.catches.map((id) => [id, 'fail'])));
      } finally {
        await server.close();
      }
    });
  }
});
