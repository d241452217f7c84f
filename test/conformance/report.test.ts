import { describe, expect, it } from 'vitest';
import {
  renderBadge,
  badgeContent,
  renderHtml,
  summarize,
  bodyFindingsOf,
  writeJunitReport,
  writeTextSummary,
} from '../../src/report/conformance/index.js';
import { CHECK_CLASSES } from '../../conformance/types.js';
import type { CheckResult, RunReport } from '../../conformance/types.js';

function result(id: string, outcome: CheckResult['outcome'], level: CheckResult['level'] = 'MUST'): CheckResult {
  return {
    id,
    class: 'core',
    level,
    requirements: ['EB-OFF-01'],
    title: `title of ${id}`,
    outcome,
    message: `<b>${outcome}</b>`,
    evidence: [
      {
        request: { method: 'GET', url: 'http://h/x', headers: {} },
        status: 500,
        bodyExcerpt: '<script>alert(1)</script>',
        curl: "curl -i -X GET 'http://h/x'",
      },
    ],
    durationMs: 5,
  };
}

function report(checks: CheckResult[]): RunReport & { classes: RunReport['classes'] } {
  const summary = summarize(checks);
  return {
    target: 'http://h',
    startedAt: '2026-01-01T00:00:00Z',
    durationMs: 10,
    classes: [...CHECK_CLASSES],
    skipSlow: false,
    summary,
    byClass: { core: summary },
    checks,
    leftovers: [],
    sessionsCreated: 0,
    bodyFindings: bodyFindingsOf(checks),
    deadlineHit: false,
  };
}

describe('summary', () => {
  it('never counts an errored or skipped MUST check as passed', () => {
    const s = summarize([
      result('a', 'pass'),
      result('b', 'error'),
      result('c', 'skip'),
      result('d', 'fail', 'SHOULD'),
    ]);
    expect(s).toMatchObject({
      passed: 1,
      failed: 1,
      skipped: 1,
      errors: 1,
      mustTotal: 3,
      mustPassed: 1,
      mustNotRun: 2,
    });
  });
});

describe('badge', () => {
  it('says conformant only when every MUST check passed', () => {
    expect(badgeContent(report([result('a', 'pass'), result('b', 'fail', 'SHOULD')])).message).toBe('conformant');
    expect(badgeContent(report([result('a', 'pass'), result('b', 'skip')])).message).toBe('1/2 MUST, 1 not judged');
    const svg = renderBadge(report([result('a', 'fail')]));
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('0/1 MUST');
  });
});

describe('badge of a run that did not pass', () => {
  const many = (failed: number) => [
    ...Array.from({ length: 9 }, (_, i) => result(`p${i}`, 'pass')),
    ...Array.from({ length: failed }, (_, i) => result(`f${i}`, 'fail')),
  ];
  it('is red when a MUST failed, however many passed; orange, saying so, when not judged or interrupted', () => {
    expect(badgeContent(report(many(1)))).toEqual({ message: '9/10 MUST, 1 failed', colour: '#e05d44' });
    expect(badgeContent(report([result('a', 'pass'), result('b', 'skip')])).colour).toBe('#fe7d37');
    expect(badgeContent({ ...report([result('a', 'pass')]), interrupted: true })).toEqual({
      message: '1/1 MUST, interrupted',
      colour: '#fe7d37',
    });
  });

  it('says the slow checks were left out whatever the outcome', () => {
    const partial = { ...report(many(1)), skipSlow: true };
    expect(badgeContent(partial).message).toBe('no slow checks: 9/10 MUST, 1 failed');
  });

  it('names no expiry class among the classes of a run that left the slow checks out', () => {
    const some = { ...report(many(1)), skipSlow: true, classes: ['core', 'expiry'] as RunReport['classes'] };
    expect(badgeContent(some).message).toBe('core (no slow): 9/10 MUST, 1 failed');
  });
});

describe('html', () => {
  it('shows control characters of a broker body as \\xNN (raw, they are HTML parse errors)', () => {
    const c = result('failing', 'fail');
    c.evidence[0]!.bodyExcerpt = 'a\u0000b\u001b[2Jc\fd\ttab\nline';
    const html = renderHtml(report([c]));
    expect(html).toContain('a\\x00b\\x1b[2Jc\\x0cd\ttab\nline');
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('lists failing checks first, escapes everything and loads nothing', () => {
    const html = renderHtml(report([result('passing', 'pass'), result('failing', 'fail')]));
    expect(html.indexOf('failing')).toBeLessThan(html.indexOf('passing'));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/<(link|img|script)\b/);
  });
});

describe('junit', () => {
  it('a MUST check that was not judged is an <error>, not a <skipped>; n/a and SHOULD skips are <skipped>', () => {
    const xml = writeJunitReport(
      report([
        result('must-skip', 'skip'),
        result('should-skip', 'skip', 'SHOULD'),
        result('na', 'na'),
        result('ok', 'pass'),
      ]),
    );
    expect(xml).toMatch(/<testsuites[^>]* errors="1"[^>]* skipped="2"/);
    expect(xml).toMatch(/<testcase name="must-skip[^"]*"[^>]*>\s*<error message="not judged: /);
  });

  it('names a case the same whatever broke (test history follows it), and its failure shows the answer', () => {
    const failing = { ...result('errors-x', 'fail'), requirements: ['EB-ERR-08', 'EB-ERR-10'] };
    const warning = {
      ...failing,
      outcome: 'warn' as const,
      broken: { requirement: 'EB-ERR-10', level: 'SHOULD' as const },
    };
    failing.broken = { requirement: 'EB-ERR-08', level: 'MUST' };
    failing.evidence = [
      { ...failing.evidence[0]!, headers: { 'content-type': 'application/json' }, bodyExcerpt: '{"code":"NOPE"}' },
    ];
    const names = [failing, warning].map((c) => /<testcase name="([^"]+)"/.exec(writeJunitReport(report([c])))?.[1]);
    expect(names[0]).toBe('errors-x [MUST] EB-ERR-08 EB-ERR-10');
    expect(names[1]).toBe(names[0]);
    const xml = writeJunitReport(report([failing]));
    expect(xml).toMatch(
      /<failure [^>]*>[^<]*response headers:\s+content-type: application\/json\s+response body:\s+\{&quot;code&quot;:&quot;NOPE&quot;\}/,
    );
  });

  it('writes suite timestamps as the Ant JUnit schema has them: no fraction, no zone (UTC)', () => {
    const xml = writeJunitReport({ ...report([result('ok', 'pass')]), startedAt: '2026-01-01T10:20:30.456Z' });
    expect(xml).toMatch(/<testsuite [^>]*timestamp="2026-01-01T10:20:30"/);
  });

  it('gives the run its wall time, not the sum of its concurrent checks', () => {
    // Four checks of 5 ms each, run at once in a 10 ms run: the suite sums its cases, the run says 10 ms.
    const xml = writeJunitReport(report(['a', 'b', 'c', 'd'].map((id) => result(id, 'pass'))));
    expect(xml).toMatch(/<testsuites[^>]* time="0\.010"/);
    expect(xml).toMatch(/<testsuite name="core"[^>]* time="0\.020"/);
  });

  it('validator findings below error level on bodies appear in JUnit, HTML and the summary', () => {
    const c = result('ok', 'pass');
    c.evidence[0]!.findings = [
      { ruleId: 'EB-SCH-06', level: 'warning', message: 'expires after OFFERED', pointer: '/expires' },
    ];
    const r = report([c]);
    expect(r.bodyFindings).toMatchObject({ warnings: 1, byRule: [{ ruleId: 'EB-SCH-06', count: 1 }] });
    expect(writeJunitReport(r)).toContain('warning EB-SCH-06');
    expect(renderHtml(r)).toMatch(/<code>EB-SCH-06<\/code><\/td><td>warning<\/td><td>1<\/td>/);
    expect(writeTextSummary(r)).toMatch(/warning EB-SCH-06 ×1/);
  });

  it('leftover sessions are a failing cleanup case', () => {
    const r = {
      ...report([result('ok', 'pass')]),
      leftovers: [
        { url: 'http://h/sessions/1', phase: 'OFFERED', reason: 'still OFFERED after asking for REJECTED (read back)' },
      ],
    };
    expect(writeJunitReport(r)).toMatch(
      /<testcase name="every session the run created is settled"[^>]*>\s*<failure message="1 session\(s\) not settled"/,
    );
    expect(writeTextSummary(r)).toContain('Not settled: http://h/sessions/1');
  });
});

describe('badge and partial runs', () => {
  it('claims only what was run: a vosi-only run is not "conformant"', () => {
    const partial = { ...report([result('a', 'pass')]), classes: ['vosi' as const] };
    expect(badgeContent(partial).message).toBe('vosi: 1/1 MUST');
    expect(renderHtml(partial)).toContain('This was a partial run (classes vosi)');
    expect(writeTextSummary(partial)).toMatch(/Every MUST check was judged and passed \(a partial run: classes vosi\)/);
    expect(badgeContent({ ...report([result('a', 'pass')]), skipSlow: true }).message).toMatch(/no slow/);
  });

  it('says what a run without the slow checks covered, never listing "slow checks" as if a class', () => {
    const all = { ...report([result('a', 'pass')]), skipSlow: true };
    expect(writeTextSummary(all)).toMatch(/passed \(a partial run: every class, the slow checks left out\)\./);
    expect(renderHtml(all)).toContain('This was a partial run (every class, the slow checks left out)');
    const some = { ...all, classes: ['vosi' as const, 'core' as const] };
    expect(writeTextSummary(some)).toMatch(/\(a partial run: classes vosi, core; slow checks left out\)\./);
  });
});
