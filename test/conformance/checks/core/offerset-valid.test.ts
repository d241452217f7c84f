import { expect, it } from 'vitest';
import { ALL_CHECKS, runConformance } from '../../../../conformance/index.js';
import { MUTANTS } from '../../../../conformance/mutants/index.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck('core-offerset-valid');

it('files a missing kind under EB-KIND-01, the requirement it breaks, not under the first one the check cites', async () => {
  const check = ALL_CHECKS.find((c) => c.id === 'core-offerset-valid')!;
  const server = await MUTANTS.find((m) => m.id === 'offers-without-kind')!.start();
  try {
    const report = await runConformance({ target: server.url, checks: [check], deadlineMs: 20_000 });
    const result = report.checks[0];
    expect(result?.outcome, result?.message).toBe('fail');
    expect(result?.broken?.requirement).toBe('EB-KIND-01');
  } finally {
    await server.close();
  }
});
