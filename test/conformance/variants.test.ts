import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../conformance/index.js';
import { VARIANTS } from '../../conformance/variants/index.js';
import { ALL_CHECKS, runConformance } from '../../conformance/index.js';
import { exitCodeOf } from '../../src/report/conformance/index.js';
import { expectAllPassed, expectNoFalseFailure, runAgainst } from './variant-helpers.js';

/** Variants some of whose MUST checks cannot be judged inside the test's deadline (they skip, naming --deadline). */
const NOT_ALL_JUDGED = new Set(['long-lifetime', 'slow-phases', 'always-no']);

const ALWAYS_NO_EXTRA = (report: RunReport): void => {
  // A NO to everything says nothing of privileged or accelerator requests: not judged, and saying why.
  for (const id of ['core-privileged-no', 'core-accelerator-no']) {
    const c = report.checks.find((x) => x.id === id);
    expect([c?.outcome, c?.message], id).toEqual([
      'skip',
      expect.stringMatching(/ordinary request is answered NO too/),
    ]);
  }
};

/** What else a variant's report must show, beyond "no fail, no error". */
const EXTRA: Record<string, (report: RunReport) => void> = {
  'long-lifetime': (report) => {
    // The expiry checks cannot wait an hour: they skip, naming the deadline that would let them wait.
    const expiry = report.checks.filter((c) => c.class === 'expiry');
    expect(expiry.map((c) => c.outcome)).toEqual(['skip', 'skip']);
    for (const c of expiry) expect(c.message).toMatch(/--deadline \d+/);
    // One deadline named, not two a second apart (each check gets its offer a moment after the other).
    const named = expiry.map((c) => Number(/--deadline (\d+)/.exec(c.message)?.[1]));
    expect(new Set(named).size).toBe(1);
    expect(named[0]! % 10).toBe(0);
  },
  'slow-phases': (report) => {
    const phases = report.checks.find((c) => c.id === 'lifecycle-phases-follow-table');
    // Slow is not wrong, but the rest of the lifecycle was not seen: not judged, naming the way to see it.
    expect(phases?.outcome).toBe('skip');
    expect(phases?.message).toMatch(/stayed ACCEPTED when the run's deadline came.*a longer --deadline/);
    // Probing the illegal updates of each phase stopped at ACCEPTED: the later phases were never probed.
    const probed = report.checks.find((c) => c.id === 'lifecycle-illegal-updates-per-phase');
    expect([probed?.outcome, probed?.message]).toEqual([
      'skip',
      expect.stringMatching(/still ACCEPTED when the run's deadline came, so only .* were probed/),
    ]);
  },
  'unknown-kind-422': (report) => {
    // A refusal with the error document is one of the two answers spec §6.4 allows (EB-ERR-12).
    const kind = report.checks.find((c) => c.id === 'core-unknown-kind-no');
    expect([kind?.outcome, kind?.message]).toEqual(['pass', 'refused with 422 and the error document']);
    // /direct asks a FAILED session (EB-HTTP-07): the error document is told, not failed.
    const direct = report.checks.find((c) => c.id === 'core-direct-refused');
    expect([direct?.outcome, direct?.message]).toEqual([
      'warn',
      expect.stringMatching(/^422 with the error document INVALID_DOCUMENT instead of 400 with a FAILED session/),
    ]);
  },
  'ok-200': (report) => {
    // Every check, negotiation defaults included, finds another way than GET of an offer-set URL.
    expectAllPassed(report);
  },
  'single-offer': (report) => {
    // One offer per request is a broker's right: the sibling checks do not apply, which is not "not run".
    const siblings = report.checks.filter((c) => c.id.includes('sibling'));
    expect(siblings.map((c) => c.outcome)).toEqual(['na', 'na']);
    expect(report.summary.mustNotRun).toBe(0);
  },
  'component-schedules': (report) => {
    // The slot is read where the model allows it: these were skipped (a MUST not judged) when only the session was read.
    for (const id of ['core-one-slot-per-offer', 'core-start-in-interval'])
      expect(report.checks.find((c) => c.id === id)?.outcome, id).toBe('pass');
  },
  'minutes-phases': (report) => {
    // Minutes-long phases and a 10-minute lifetime are waited for (on the shared fast clock), not skipped.
    expectAllPassed(report);
    expect(report.checks.find((c) => c.id === 'lifecycle-phases-follow-table')?.message).toMatch(
      /RELEASING → COMPLETED \(reached COMPLETED\)/,
    );
  },
  'data-staged-later': (report) => {
    // Unreachable data is the platform's to find out when it stages it; unmanaged storage it cannot reach is NO.
    expect(report.checks.find((c) => c.id === 'core-unmanaged-storage-no')?.outcome).toBe('pass');
  },
  'accept-shows-waiting': (report) => {
    expect(report.checks.find((c) => c.id === 'lifecycle-phases-follow-table')?.outcome).toBe('pass');
  },
  'no-xml-415-first': (report) => {
    expect(report.checks.find((c) => c.id === 'negotiation-xml-in-out')?.message).toMatch(/415 in, 406 out/);
  },
  'no-xml-406-first': (report) => {
    expect(report.checks.find((c) => c.id === 'negotiation-xml-in-out')?.message).toMatch(/406 out, then 415 in/);
  },
  'binding-400': (report) => {
    // Its 400 keeps the 422's findings in messages: said so, not advised to send a 422 that lists them.
    expect(report.checks.find((c) => c.id === 'errors-invalid-document')?.message).toMatch(
      /^400 MALFORMED_BODY with \d+ message\(s\) \(allowed\)$/,
    );
    // The same for an update without a value (EB-ERR-08 covers every body): it failed EB-UPD-05 here.
    const update = report.checks.find((c) => c.id === 'lifecycle-update-shape');
    expect([update?.outcome, update?.message]).toEqual(['pass', '400 MALFORMED_BODY (allowed)']);
  },
  'upper-case-uuids': (report) => {
    // The uuid is the URL's last segment in another case: the same UUID (RFC 9562 §4), not a wrong one.
    expect(report.checks.find((c) => c.id === 'core-offer-identity')?.outcome).toBe('pass');
  },
  'relative-location': (report) => {
    // Followed and judged, and the relative reference named: a client that does not resolve one cannot follow it.
    const redirect = report.checks.find((c) => c.id === 'core-submit-redirect');
    expect(redirect?.outcome).toBe('warn');
    // Advice only: EB-HTTP-06 is met, so no requirement is named broken.
    expect(redirect?.broken).toBeUndefined();
    expect(redirect?.message).toMatch(
      /uuid matches; but the Location is the relative reference "offersets\/[0-9a-f-]{36}"/,
    );
  },
  'basic-auth': (report) => {
    expectAllPassed(report);
  },
  'small-platform': (report) => {
    // Full while other checks hold their offers: a NO then is asked again, so every check is judged, not skipped.
    expectAllPassed(report);
    const notes = report.checks.flatMap((c) => c.evidence).flatMap((e) => (e.note ? [e.note] : []));
    expect(notes.some((n) => /answered NO, then asked \d+ more time\(s\) while other checks held offers/.test(n))).toBe(
      true,
    );
  },
  'json-inline-200': (report) => {
    // 200 to a JSON client, 303 to the others: each answer is judged as it comes (negotiation defaults included).
    expectAllPassed(report);
  },
  'always-no': (report) => {
    // A NO to everything, storage or not, says nothing of storage: not judged, not "does not apply" (met).
    const storage = report.checks.find((c) => c.id === 'core-storage-meets-minimum');
    expect([storage?.outcome, storage?.message]).toEqual([
      'skip',
      expect.stringMatching(/without storage were both answered NO, so the NO says nothing of storage$/),
    ]);
    ALWAYS_NO_EXTRA(report);
  },
  'extension-codes': (report) => {
    expect(report.summary.mustNotRun).toBe(0);
    expect(report.checks.flatMap((c) => c.evidence).some((e) => e.status === 429)).toBe(true);
  },
};

describe('conformant variants of the reference broker', () => {
  it('include the kinds of broker the suite must tolerate', () => {
    expect(VARIANTS.map((v) => v.id)).toEqual(
      expect.arrayContaining([
        'ok-200',
        'empty-303',
        'relative-location',
        'slow-answers',
        'text-yaml',
        'long-lifetime',
        'single-offer',
        'slow-phases',
        'bearer-token',
        'other-origin',
        'busy-at-times',
        'component-schedules',
        'minutes-phases',
        'basic-auth',
        'no-xml-415-first',
        'no-xml-406-first',
        'extension-codes',
        'accept-shows-waiting',
        'data-staged-later',
        'upper-case-uuids',
        'always-no',
        'small-platform',
        'json-inline-200',
      ]),
    );
  });

  // slow-answers runs in variants-slow.test.ts, beside this file.
  for (const variant of VARIANTS.filter((v) => v.id !== 'slow-answers')) {
    it(`${variant.id} (${variant.description}): no fail, no error`, async () => {
      const report = await runAgainst(variant);
      expectNoFalseFailure(report);
      // Exit 0: every MUST judged and passed, except where the variant's timings are beyond the run's deadline.
      if (!NOT_ALL_JUDGED.has(variant.id)) expect(exitCodeOf(report), variant.id).toBe(0);
      EXTRA[variant.id]?.(report);
    }, 60_000);
  }

  it('bearer-token without --header: checks the broker refuses with 401 skip and say to pass credentials', async () => {
    const server = await VARIANTS.find((v) => v.id === 'bearer-token')!.start();
    try {
      const report = await runConformance({ target: server.url, checks: ALL_CHECKS, deadlineMs: 60_000 });
      expect(
        report.checks.filter((c) => c.outcome === 'fail' || c.outcome === 'error').map((c) => `${c.id}: ${c.message}`),
      ).toEqual([]);
      const skipped = report.checks.filter((c) => c.outcome === 'skip');
      expect(skipped.length).toBeGreaterThan(0);
      for (const c of skipped)
        expect(c.message, c.id).toMatch(
          /credentials needed: .*answered 401: .*--user NAME:PASSWORD, --token TOKEN or --header/,
        );
      // The VOSI endpoints stay anonymous, so their checks still ran.
      expect(report.checks.filter((c) => c.class === 'vosi').map((c) => `${c.id}: ${c.outcome}`)).toEqual(
        ALL_CHECKS.filter((c) => c.class === 'vosi').map((c) => `${c.id}: pass`),
      );
    } finally {
      await server.close();
    }
  }, 60_000);

  it('basic-auth without credentials: nothing fails; what needs them skips saying so; VOSI still runs; exit 3', async () => {
    const server = await VARIANTS.find((v) => v.id === 'basic-auth')!.start();
    try {
      const report = await runConformance({
        target: server.url,
        checks: ALL_CHECKS,
        deadlineMs: 30_000,
        skipSlow: true,
      });
      expect(
        report.checks.filter((c) => c.outcome === 'fail' || c.outcome === 'error').map((c) => `${c.id}: ${c.message}`),
      ).toEqual([]);
      const skipped = report.checks.filter((c) => c.outcome === 'skip');
      expect(skipped.length).toBeGreaterThan(10);
      for (const c of skipped)
        expect(c.message, c.id).toMatch(
          /credentials needed: (POST|DELETE|PUT) .* answered 401: the broker wants credentials/,
        );
      // The VOSI GETs run anonymously and pass; the checks that send other methods to VOSI meet the 401 like any non-GET.
      const nonGet = new Set(['vosi-get-only', 'vosi-put-delete-refused']);
      expect(report.checks.filter((c) => c.class === 'vosi' && !nonGet.has(c.id)).map((c) => c.outcome)).toEqual([
        'pass',
        'pass',
        'pass',
      ]);
      expect(exitCodeOf(report)).toBe(3);
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
      for (const c of skipped)
        expect(c.message, c.id).toMatch(/another origin .*--allow-origin http:\/\/localhost:\d+/);
      // Nothing was followed, so the run stays exit 1: a MUST check skipped is not a MUST check passed.
      expect(report.summary.mustNotRun).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  }, 60_000);
});
