import { describe, expect, it } from 'vitest';
import { VARIANTS } from '../../conformance/variants/index.js';
import type { Variant } from '../../conformance/variants/index.js';
import { expectNoFalseFailure, runAgainst } from './variant-helpers.js';

// Its own file so that vitest runs it beside the other variants: every answer takes 1–2 s.
describe('a broker that takes 1–2 s over every answer', () => {
  it('gets no fail and no error, expiry included', async () => {
    const report = await runAgainst(VARIANTS.find((v) => v.id === 'slow-answers') as Variant);
    expectNoFalseFailure(report);
    expect(report.checks.filter((c) => c.class === 'expiry').map((c) => c.outcome)).toEqual(['pass', 'pass']);
  }, 120_000);
});
