import { expect, it } from 'vitest';
import { ALL_CHECKS, runConformance, type Check } from '../../../../conformance/index.js';
import { TransportError } from '../../../../conformance/lib/context.js';
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

it('judges the bodies read when another check ended in an error, instead of skipping for it too (its error already says the run was not all judged)', async () => {
  const broker = await startEmbeddedBroker();
  try {
    const check = ALL_CHECKS.find((c) => c.id === 'core-bodies-valid')!;
    const quick = ALL_CHECKS.filter((c) => c.class === 'vosi');
    // A check that reads one body and then loses the broker, as a connection reset mid-check would.
    const broken: Check = {
      id: 'core-broken-midway',
      class: 'core',
      level: 'MUST',
      requirements: ['EB-HTTP-01'],
      title: 'reads the capabilities, then the transport fails',
      async run(ctx) {
        await ctx.get(ctx.url('/capabilities'));
        throw new TransportError('GET /capabilities: reset: the connection was reset');
      },
    };
    const report = await runConformance({
      target: broker.url,
      checks: [check, broken, ...quick],
      deadlineMs: 20_000,
    });
    expect(report.checks.find((c) => c.id === 'core-broken-midway')?.outcome).toBe('error');
    const last = report.checks.at(-1);
    expect([last?.id, last?.outcome], last?.message).toEqual(['core-bodies-valid', 'pass']);
    expect(last?.message).toMatch(/1 check\(s\) ended in an error before reading all theirs: core-broken-midway/);
  } finally {
    await broker.close();
  }
});
