import { expect } from 'vitest';
import { ALL_CHECKS, runConformance } from '../../conformance/index.js';
import type { RunReport } from '../../conformance/index.js';
import type { Variant } from '../../conformance/variants/index.js';

/** Runs the whole suite (expiry included) against a variant and returns the report. */
export async function runAgainst(variant: Variant): Promise<RunReport> {
  const server = await variant.start();
  try {
    return await runConformance({
      target: server.url,
      checks: ALL_CHECKS,
      deadlineMs: 60_000,
      ...(variant.run ?? {}),
      ...(server.run ?? {}),
    });
  } finally {
    await server.close();
  }
}

/** What the suite must never do to a conformant broker: fail or error a check, or leave sessions behind. */
export function expectNoFalseFailure(report: RunReport): void {
  const bad = report.checks
    .filter((c) => c.outcome === 'fail' || c.outcome === 'error')
    .map((c) => `${c.id}: ${c.outcome}: ${c.message}`);
  expect(bad).toEqual([]);
  for (const c of report.checks.filter((x) => x.outcome === 'skip'))
    expect(c.message, c.id).toMatch(/^precondition not met: /);
  expect(report.leftovers).toEqual([]);
  expect(report.deadlineHit).toBe(false);
}

/**
 * The checks of what the reference broker does not do, so they are not applicable to it (and to its variants):
 * its components carry no meta.url. Each is proven to pass on a broker that does (test/conformance/independent-broker).
 */
export const REFERENCE_NOT_APPLICABLE: readonly string[] = ['core-component-urls'];

/** Every check of `report` passed, but for those REFERENCE_NOT_APPLICABLE, which say not applicable. */
export function expectAllPassed(report: RunReport): void {
  const shown = (c: RunReport['checks'][number]): string => `${c.id}: ${c.outcome}: ${c.message}`;
  expect(
    report.checks.filter((c) => c.outcome !== 'pass' && !REFERENCE_NOT_APPLICABLE.includes(c.id)).map(shown),
  ).toEqual([]);
  expect(
    report.checks.filter((c) => REFERENCE_NOT_APPLICABLE.includes(c.id)).map((c) => `${c.id}: ${c.outcome}`),
  ).toEqual(REFERENCE_NOT_APPLICABLE.map((id) => `${id}: na`));
}
