import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, runConformance } from '../../conformance/index.js';
import { judge, levelOf } from '../../conformance/runner.js';
import type { Check } from '../../conformance/types.js';
import { MUTANTS } from '../../conformance/mutants/index.js';
import { exitCodeOf, summarize } from '../../src/report/conformance/index.js';
import type { CheckResult } from '../../src/report/conformance/index.js';
import type { RequirementId } from '../../src/model/requirements.js';
import { codeProblem } from '../../conformance/lib/errors.js';
import { seenPhases, transitionProblem } from '../../conformance/lib/lifecycle.js';

const check = (requirements: RequirementId[]) => ({
  id: 'x',
  requirements,
  level: levelOf({ requirements, level: 'MUST' }),
});

describe('verdicts come from the register', () => {
  it("types a check's requirements, so a misspelt ID fails typecheck", () => {
    // @ts-expect-error EB-LIFE-99 is not in spec/requirements.yaml
    const typo: Pick<Check, 'requirements'> = { requirements: ['EB-LIFE-99'] };
    expect(typo.requirements).toHaveLength(1);
  });

  it('a check citing only SHOULD requirements warns, MAY informs, MUST fails, each naming the broken requirement', () => {
    expect(judge(check(['EB-HTTP-15']), { outcome: 'fail', message: 'no Vary' })).toEqual({
      outcome: 'warn',
      message: 'no Vary',
      broken: { requirement: 'EB-HTTP-15', level: 'SHOULD' },
    });
    expect(judge(check(['EB-HTTP-05']), { outcome: 'fail', message: 'same' })).toMatchObject({
      outcome: 'info',
      broken: { level: 'MAY' },
    });
    expect(
      judge(check(['EB-LIFE-11', 'EB-ERR-02']), { outcome: 'fail', message: 'm', requirement: 'EB-LIFE-11' }),
    ).toMatchObject({ outcome: 'fail', broken: { requirement: 'EB-LIFE-11', level: 'MUST' } });
    // A warn on a MUST check's SHOULD part prints SHOULD.
    expect(
      judge(check(['EB-ERR-08', 'EB-ERR-10']), { outcome: 'fail', message: 'm', requirement: 'EB-ERR-10' }),
    ).toMatchObject({ outcome: 'warn', broken: { level: 'SHOULD' } });
  });

  it('a failure under a requirement the check does not list is a precondition there, never a fail', () => {
    const v = judge(check(['EB-HTTP-15']), {
      outcome: 'fail',
      message: 'the Location was wrong',
      requirement: 'EB-HTTP-06',
    });
    expect(v.outcome).toBe('skip');
    expect(v.message).toMatch(
      /^precondition not met: the Location was wrong \(EB-HTTP-06, which this check does not judge\)/,
    );
  });

  it('every check declares the level the register gives its requirements, and CheckLevel has MAY', () => {
    for (const c of ALL_CHECKS) expect(c.level, c.id).toBe(levelOf(c));
    expect(ALL_CHECKS.find((c) => c.id === 'core-not-idempotent')?.level).toBe('MAY');
  });

  it('extension codes are judged one way: accepted where the check names no code, refused where it names one', () => {
    expect(codeProblem(503, 'BUSY')).toBeUndefined();
    expect(codeProblem(409, 'UPDATE_NOT_OFFERED', ['OFFER_WITHDRAWN'])).toBe(
      'code is UPDATE_NOT_OFFERED, expected OFFER_WITHDRAWN',
    );
    expect(codeProblem(409, 'X_TAKEN', ['OFFER_WITHDRAWN'])).toBe(
      'code is X_TAKEN (an extension code), expected OFFER_WITHDRAWN',
    );
    expect(codeProblem(409, undefined)).toMatch(/no code/);
  });

  it('the phase table: COMPLETED only from RELEASING (EB-LIFE-05); an accept answer already WAITING went through ACCEPTED (EB-UPD-10)', () => {
    expect(transitionProblem('ACCEPTED', 'COMPLETED')?.requirement).toBe('EB-LIFE-05');
    expect(transitionProblem('RUNNING', 'COMPLETED')?.requirement).toBe('EB-LIFE-05');
    expect(transitionProblem('RELEASING', 'COMPLETED')).toBeUndefined();
    expect(transitionProblem('RUNNING', 'OFFERED')?.requirement).toBe('EB-LIFE-08');
    expect(seenPhases('WAITING', ['WAITING', 'PREPARING'])).toEqual(['OFFERED', 'ACCEPTED', 'WAITING', 'PREPARING']);
    expect(seenPhases('ACCEPTED', ['COMPLETED'])).toEqual(['OFFERED', 'ACCEPTED', 'COMPLETED']);
    // Whether a jump to COMPLETED proves RELEASING skipped is phaseJumps' to say (test/conformance/lib/lifecycle.test.ts).
  });
});

describe('exit codes', () => {
  const r = (outcome: CheckResult['outcome'], level: CheckResult['level'] = 'MUST'): CheckResult => ({
    id: outcome,
    class: 'core',
    level,
    requirements: [],
    title: '',
    outcome,
    message: '',
    evidence: [],
    durationMs: 0,
  });
  it('0 every MUST judged and passed, 1 a MUST failed, 3 none failed but some not judged', () => {
    expect(exitCodeOf({ summary: summarize([r('pass'), r('na'), r('warn'), r('fail', 'SHOULD')]) })).toBe(0);
    expect(exitCodeOf({ summary: summarize([r('pass'), r('skip'), r('fail')]) })).toBe(1);
    expect(exitCodeOf({ summary: summarize([r('pass'), r('skip')]) })).toBe(3);
    expect(exitCodeOf({ summary: summarize([r('pass'), r('error')]) })).toBe(3);
  });
});

describe('one defect, one failing check', () => {
  const run = async (id: string) => {
    const server = await MUTANTS.find((m) => m.id === id)!.start();
    try {
      return await runConformance({ target: server.url, checks: ALL_CHECKS, deadlineMs: 30_000, skipSlow: true });
    } finally {
      await server.close();
    }
  };

  it('offers without meta.options fail only core-offer-expiry-options (not negotiation, not schema validity)', async () => {
    const report = await run('offers-without-options');
    expect(report.checks.filter((c) => c.outcome === 'fail').map((c) => `${c.id} ${c.broken?.requirement}`)).toEqual([
      'core-offer-expiry-options EB-UPD-03',
    ]);
    // The finding is still shown: a note on the exchanges of the checks that saw it, and counted in the report.
    expect(report.bodyFindings.byRule.find((f) => f.ruleId === 'EB-UPD-03')?.count).toBeGreaterThan(0);
  }, 60_000);

  it('a wrong Location fails core-submit-redirect; everywhere else the message says the Location was wrong', async () => {
    const report = await run('redirect-elsewhere');
    expect(report.checks.filter((c) => c.outcome === 'fail').map((c) => c.id)).toEqual(['core-submit-redirect']);
    const unknownKind = report.checks.find((c) => c.id === 'core-unknown-kind-no');
    expect(unknownKind?.outcome).toBe('skip');
    expect(unknownKind?.message).toMatch(/Location .* is wrong: GET of it answered 404, expected 200/);
    expect(report.checks.find((c) => c.id === 'negotiation-xml-in-out')?.message).toMatch(/Location .* is wrong/);
  }, 60_000);
});
