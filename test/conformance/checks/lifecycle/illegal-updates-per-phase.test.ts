import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, runConformance } from '../../../../conformance/index.js';
import { MUTANTS } from '../../../../conformance/mutants/index.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck('lifecycle-illegal-updates-per-phase');

describe('lifecycle-illegal-updates-per-phase on a broker whose refused update changed the offer', () => {
  it('fails under EB-ERR-04 naming the refused update, not the accept that would then be refused', async () => {
    const check = ALL_CHECKS.find((c) => c.id === 'lifecycle-illegal-updates-per-phase')!;
    const server = await MUTANTS.find((m) => m.id === 'refusal-applies-update')!.start();
    try {
      const report = await runConformance({ target: server.url, checks: [check], deadlineMs: 30_000 });
      const result = report.checks[0];
      expect(result?.outcome, result?.message).toBe('fail');
      expect(result?.broken?.requirement).toBe('EB-ERR-04');
      expect(result?.message).toMatch(
        /the refused update of compute\/cores changed the offer from OFFERED to (REJECTED|CANCELLED)/,
      );
      expect(result?.message).not.toContain('EB-UPD-08');
    } finally {
      await server.close();
    }
  });
});
