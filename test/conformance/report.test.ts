import { describe, expect, it } from 'vitest';
import { renderBadge, badgeContent, renderHtml, summarize, bodyFindingsOf } from '../../src/report/conformance/index.js';
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
    evidence: [{ request: { method: 'GET', url: 'http://h/x', headers: {} }, status: 500, bodyExcerpt: '<script>alert(1)</script>', curl: "curl -i -X GET 'http://h/x'" }],
    durationMs: 5,
  };
}

function report(checks: CheckResult[]): RunReport {
  const summary = summarize(checks);
  return { target: 'http://h', startedAt: '2026-01-01T00:00:00Z', durationMs: 10, classes: [...CHECK_CLASSES], skipSlow: false, summary, byClass: { core: summary }, checks, leftovers: [], sessionsCreated: 0, bodyFindings: bodyFindingsOf(checks), deadlineHit: false };
}

describe('summary', () => {
  it('never counts an errored or skipped MUST check as passed', () => {
    const s = summarize([result('a', 'pass'), result('b', 'error'), result('c', 'skip'), result('d', 'fail', 'SHOULD')]);
    expect(s).toMatchObject({ passed: 1, failed: 1, skipped: 1, errors: 1, mustTotal: 3, mustPassed: 1, mustNotRun: 2 });
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

describe('html', () => {
  it('lists failing checks first, escapes everything and loads nothing', () => {
    const html = renderHtml(report([result('passing', 'pass'), result('failing', 'fail')]));
    expect(html.indexOf('failing')).toBeLessThan(html.indexOf('passing'));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/<(link|img|script)\b/);
  });
});
