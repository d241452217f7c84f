import { expect, it } from 'vitest';
import { testCheck } from '../../helpers/test-check.js';
import { ALL_CHECKS, runConformance } from '../../../../conformance/index.js';
import { startEmbeddedBroker } from '../../../../conformance/embedded.js';

testCheck('core-direct-refused');

it("reads the 400's FAILED session as a session, not as an error document missing its members", async () => {
  const broker = await startEmbeddedBroker();
  try {
    const check = ALL_CHECKS.find((c) => c.id === 'core-direct-refused')!;
    const report = await runConformance({ target: broker.url, checks: [check], deadlineMs: 20_000 });
    expect(report.checks[0]?.outcome).toBe('pass');
    expect(report.bodyFindings.byRule.filter((b) => b.level !== 'info')).toEqual([]);
  } finally {
    await broker.close();
  }
});
