import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS, runConformance, type RunReport } from '../../conformance/index.js';
import { aggregatorOver, brokerList, startThree, type Federation } from './helpers.js';
import { expectAllPassed } from '../conformance/variant-helpers.js';
import type { RunningAggregator } from '../../src/aggregator/index.js';

describe('the conformance suite against the reference aggregator (EB-FED-03)', () => {
  let fed: Federation;
  let agg: RunningAggregator;
  let top: RunningAggregator;
  let direct: RunReport;
  let nested: RunReport;
  beforeAll(async () => {
    // Offers live 5 s, not the fast config's 2: through two aggregator hops on two shared cores, a loaded machine
    // let a 2-second offer lapse before a check's accept reached its broker (a skip, not the suite's fault).
    fed = await startThree({ config: { offerLifetime: 5 } });
    agg = await aggregatorOver(brokerList(fed));
    top = await aggregatorOver([{ name: 'below', url: agg.url }]);
    // One after the other: on two shared cores, two concurrent runs let 2-second offers lapse mid-check.
    direct = await runConformance({ target: agg.url, checks: ALL_CHECKS, deadlineMs: 50_000 });
    nested = await runConformance({ target: top.url, checks: ALL_CHECKS, deadlineMs: 50_000 });
  }, 120_000);
  afterAll(async () => {
    await top?.close();
    await agg?.close();
    await fed?.close();
  });

  it('passes every check in front of three reference brokers', () => {
    expectAllPassed(direct);
    expect(direct.summary.mustPassed).toBe(direct.summary.mustTotal);
    expect(agg.stats.internalErrors).toBe(0);
  });

  it('passes every check as an aggregator over that aggregator', () => {
    expectAllPassed(nested);
    expect(top.stats.internalErrors).toBe(0);
  });
});
