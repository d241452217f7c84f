/** The action's job summary heading claims what the run covered, as the text summary and the badge do. */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: the action is plain JavaScript without declarations (it runs from a git checkout, unbuilt)
import { summaryMarkdown } from '../../action/run.mjs';

const CLASSES = ['vosi', 'negotiation', 'core', 'lifecycle', 'expiry', 'errors'];
const summary = { passed: 1, failed: 0, mustTotal: 1, mustPassed: 1, mustFailed: 0, mustNotRun: 0 };
const heading = (report: unknown, verdict: string, badge: string): string =>
  (summaryMarkdown as (r: unknown, v: string, u: string, b: string) => string)(
    report,
    verdict,
    'http://b',
    badge,
  ).split('\n')[0]!;

describe('the action summary heading', () => {
  it('names a run of every class without the slow checks as such, not as a list of all classes', () => {
    const report = { classes: CLASSES, skipSlow: true, summary, byClass: {}, checks: [] };
    expect(heading(report, 'pass', 'x (no slow): 1/1 MUST')).toBe(
      '## ExecutionBroker conformance: every MUST check passed (a partial run: every class, the slow checks left out)',
    );
  });

  it('calls a failing full run not conformant without "partial", and a run that did not start "not run: why"', () => {
    const full = { classes: CLASSES, skipSlow: false, summary, byClass: {}, checks: [] };
    expect(heading(full, 'fail', '0/1 MUST, 1 failed')).toBe('## ExecutionBroker conformance: not conformant');
    const down = { ...full, notStarted: { kind: 'unreachable', reason: 'the broker cannot be reached: refused' } };
    expect(heading(down, 'error', 'unreachable')).toBe(
      '## ExecutionBroker conformance: not run: the broker cannot be reached: refused',
    );
  });
});
