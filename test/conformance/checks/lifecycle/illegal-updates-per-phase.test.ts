import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, runConformance } from '../../../../conformance/index.js';
import { MUTANTS } from '../../../../conformance/mutants/index.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck('lifecycle-illegal-updates-per-phase');

describe('lifecycle-illegal-updates-per-phase on a broker whose refused update changed the offer', () => {
  it('skips naming the change and the check that judges it, not the accept that then failed', async () => {
    const check = ALL_CHECKS.find((c) => c.id === 'lifecycle-illegal-updates-per-phase')!;
    const server = await MUTANTS.find((m) => m.id === 'refusal-applies-update')!.start();
    try {
      const report = await runConformance({ target: server.url, checks: [check], deadlineMs: 30_000 });
      const result = report.checks[0];
      expect(result?.outcome, result?.message).toBe('skip');
      expect(result?.message).toMatch(
        /after the refused update of compute\/cores, the offer is (REJECTED|CANCELLED), no longer OFFERED/,
      );
      expect(result?.message).toContain('lifecycle-refused-update-unchanged');
      expect(result?.message).not.toContain('EB-UPD-08');
    } finally {
      await server.close();
    }
  });
});
