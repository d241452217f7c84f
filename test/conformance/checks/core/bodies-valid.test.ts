import { expect, it } from 'vitest';
import { ALL_CHECKS, runConformance } from '../../../../conformance/index.js';
import { startEmbeddedBroker } from '../../../../conformance/embedded.js';
import { testCheck } from '../../helpers/test-check.js';

testCheck('core-bodies-valid');

it('runs after every other check, and has nothing to judge when no other check ran', async () => {
  const broker = await startEmbeddedBroker();
  try {
    const check = ALL_CHECKS.find((c) => c.id === 'core-bodies-valid')!;
    const quick = ALL_CHECKS.filter((c) => c.class === 'vosi');
    const together = await runConformance({ target: broker.url, checks: [check, ...quick], deadlineMs: 20_000 });
    expect(together.checks.at(-1)?.id).toBe('core-bodies-valid');
    expect(together.checks.at(-1)?.outcome).toBe('pass');
    const alone = await runConformance({ target: broker.url, checks: [check], deadlineMs: 20_000 });
    expect(alone.checks[0]?.outcome, alone.checks[0]?.message).toBe('na');
  } finally {
    await broker.close();
  }
});
