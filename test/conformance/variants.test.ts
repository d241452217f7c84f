import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../conformance/index.js';
import { VARIANTS } from '../../conformance/variants/index.js';
import { ALL_CHECKS, runConformance } from '../../conformance/index.js';
import { expectNoFalseFailure, runAgainst } from './variant-helpers.js';

/** What else a variant's report must show, beyond "no fail, no error". */
const EXTRA: Record<string, (report: RunReport) => void> = {
  'long-lifetime': (report) => {
    // The expiry checks cannot wait an hour: they skip, naming the deadline that would let them wait.
    const expiry = report.checks.filter((c) => c.class === 'expiry');
    expect(expiry.map((c) => c.outcome)).toEqual(['skip', 'skip']);
    for (const c of expiry) expect(c.message).toMatch(/--deadline \d+/);
  },
  'slow-phases': (report) => {
    const phases = report.checks.find((c) => c.id === 'lifecycle-phases-follow-table');
    expect(phases?.outcome).toBe('warn');
    expect(phases?.message).toMatch(/stayed ACCEPTED/);
  },
  'ok-200': (report) => {
    // Every check, negotiation defaults included, finds another way than GET of an offer-set URL.
    expect(report.summary.passed).toBe(report.summary.total);
  },
  'single-offer': (report) => {
    const siblings = report.checks.filter((c) => c.id.includes('sibling'));
    expect(siblings.map((c) => c.outcome)).toEqual(['skip', 'skip']);
  },
};

describe('conformant variants of the reference broker', () => {
  it('include the kinds of broker the suite must tolerate', () => {
    expect(VARIANTS.map((v) => v.id)).toEqual(expect.arrayContaining(['ok-200', 'empty-303', 'relative-location', 'slow-answers', 'text-yaml', 'long-lifetime', 'single-offer', 'slow-phases', 'bearer-token', 'other-origin', 'busy-at-times']));
  });

  // slow-answers runs in variants-slow.test.ts, beside this file.
  for (const variant of VARIANTS.filter((v) => v.id !== 'slow-answers')) {
    it(`${variant.id} (${variant.description}): no fail, no error`, async () => {
      const report = await runAgainst(variant);
      expectNoFalseFailure(report);
      EXTRA[variant.id]?.(report);
    }, 60_000);
  }

  it('bearer-token without --header: checks the broker refuses with 401 skip and say to pass credentials', async () => {
    const server = await VARIANTS.find((v) => v.id === 'bearer-token')!.start();
    try {
      const report = await runConformance({ target: server.url, checks: ALL_CHECKS, deadlineMs: 60_000 });
      expect(report.checks.filter((c) => c.outcome === 'fail' || c.outcome === 'error').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
      const skipped = report.checks.filter((c) => c.outcome === 'skip');
      expect(skipped.length).toBeGreaterThan(0);
      for (const c of skipped) expect(c.message, c.id).toMatch(/answered 401: .*--header/);
      // The VOSI endpoints stay anonymous, so their checks still ran.
      expect(report.checks.filter((c) => c.class === 'vosi').map((c) => c.outcome)).toEqual(['pass', 'pass', 'pass', 'pass']);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('other-origin without --allow-origin: checks that need the other origin skip and say how to allow it', async () => {
    const variant = VARIANTS.find((v) => v.id === 'other-origin');
    const server = await variant!.start();
    try {
      const report = await runConformance({ target: server.url, checks: ALL_CHECKS, deadlineMs: 60_000 });
      expect(report.checks.filter((c) => c.outcome === 'fail' || c.outcome === 'error')).toEqual([]);
      const skipped = report.checks.filter((c) => c.outcome === 'skip');
      expect(skipped.length).toBeGreaterThan(0);
      for (const c of skipped) expect(c.message, c.id).toMatch(/another origin .*--allow-origin http:\/\/localhost:\d+/);
      // Nothing was followed, so the run stays exit 1: a MUST check skipped is not a MUST check passed.
      expect(report.summary.mustNotRun).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  }, 60_000);
});
