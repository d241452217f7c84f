import { writeJUnit } from '../src/report/junit.js';
import type { JUnitCase } from '../src/report/junit.js';
import type { CheckResult, RunReport } from './types.js';

function evidenceText(c: CheckResult): string {
  return c.evidence
    .map((e) => `${e.request.method} ${e.request.url} → ${e.failure ? `${e.failure.kind}: ${e.failure.message}` : String(e.status)}\n${e.curl}`)
    .join('\n\n');
}

function toCase(c: CheckResult): JUnitCase {
  const base: JUnitCase = {
    name: `${c.id} [${c.level}] ${c.requirements.join(' ')}`,
    classname: `conformance.${c.class}`,
    timeSeconds: c.durationMs / 1000,
  };
  if (c.outcome === 'fail') return { ...base, failure: { message: c.message, body: evidenceText(c), type: c.level } };
  if (c.outcome === 'error') return { ...base, error: { message: c.message, body: evidenceText(c) } };
  if (c.outcome === 'skip') return { ...base, skipped: { message: c.message } };
  if (c.outcome === 'warn') return { ...base, systemOut: `WARN: ${c.message}` };
  return base;
}

/** The run as JUnit XML through the toolkit's generic writer: one suite per class, one case per check. */
export function writeJunitReport(report: RunReport): string {
  const classes = [...new Set(report.checks.map((c) => c.class))];
  return writeJUnit({
    name: `ExecutionBroker conformance ${report.target}`,
    suites: classes.map((cls) => ({ name: cls, timestamp: report.startedAt, cases: report.checks.filter((c) => c.class === cls).map(toCase) })),
  });
}
