import { writeJUnit } from '../junit.js';
import type { JUnitCase, JUnitSuite } from '../junit.js';
import type { CheckResult, RunReport } from './types.js';
import { printedLevel } from './summary.js';

/** Headers as HTTP writes them, one per line. */
const headerLines = (headers: Record<string, string> | undefined): string =>
  Object.entries(headers ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');

/** Each exchange of a check: the request, what came back (status, headers, body excerpt) and the curl line. */
function evidenceText(c: CheckResult): string {
  return c.evidence
    .map((e) => {
      const answer = e.failure ? `${e.failure.kind}: ${e.failure.message}` : String(e.status);
      const parts = [`${e.request.method} ${e.request.url} → ${answer}`];
      if (e.request.bodyExcerpt) parts.push(`request body:\n${e.request.bodyExcerpt}`);
      const headers = headerLines(e.headers);
      if (headers) parts.push(`response headers:\n${headers}`);
      if (e.bodyExcerpt) parts.push(`response body:\n${e.bodyExcerpt}`);
      if (e.note) parts.push(e.note);
      parts.push(e.curl);
      return parts.join('\n');
    })
    .join('\n\n');
}

function findingsText(c: CheckResult): string {
  const lines: string[] = [];
  for (const e of c.evidence)
    for (const f of e.findings ?? [])
      if (f.level !== 'error')
        lines.push(`${f.level} ${f.ruleId} ${e.request.method} ${e.request.url} at ${f.pointer || '/'}: ${f.message}`);
  return lines.join('\n');
}

function toCase(c: CheckResult): JUnitCase {
  const level = printedLevel(c);
  // The name stays the same whatever the outcome (the check's own level, not the level of what broke), so a CI
  // server's test history follows one case from run to run.
  const base: JUnitCase = {
    name: `${c.id} [${c.level}] ${c.requirements.join(' ')}`,
    classname: `conformance.${c.class}`,
    timeSeconds: c.durationMs / 1000,
  };
  const findings = findingsText(c);
  const out = (text: string) =>
    [text, findings && `validator findings below error level:\n${findings}`].filter(Boolean).join('\n');
  const broken = c.broken ? ` (${c.broken.requirement} ${c.broken.level})` : '';
  if (c.outcome === 'fail')
    return { ...base, failure: { message: `${c.message}${broken}`, body: evidenceText(c), type: level } };
  if (c.outcome === 'error') return { ...base, error: { message: c.message, body: evidenceText(c) } };
  // A MUST check that could not be judged is not a pass a CI server may ignore: it is an error.
  if (c.outcome === 'skip' && c.level === 'MUST')
    return { ...base, error: { message: `not judged: ${c.message}`, type: 'not-judged', body: evidenceText(c) } };
  if (c.outcome === 'skip' || c.outcome === 'na')
    return { ...base, skipped: { message: `${c.outcome === 'na' ? 'not applicable' : 'skipped'}: ${c.message}` } };
  if (c.outcome === 'warn' || c.outcome === 'info')
    return { ...base, systemOut: out(`${c.outcome.toUpperCase()}${broken}: ${c.message}`) };
  return findings ? { ...base, systemOut: out(`PASS: ${c.message}`) } : base;
}

/** The run as JUnit XML through the toolkit's generic writer: one suite per class, one case per check. */
export function writeJunitReport(report: RunReport): string {
  const classes = [...new Set(report.checks.map((c) => c.class))];
  const suites: JUnitSuite[] = classes.map((cls) => ({
    name: cls,
    timestamp: report.startedAt,
    cases: report.checks.filter((c) => c.class === cls).map(toCase),
  }));
  if (report.leftovers.length > 0) {
    suites.push({
      name: 'cleanup',
      timestamp: report.startedAt,
      cases: [
        {
          name: 'every session the run created is settled',
          classname: 'conformance.cleanup',
          failure: {
            message: `${report.leftovers.length} session(s) not settled`,
            body: report.leftovers.map((l) => `${l.url}: ${l.reason}`).join('\n'),
            type: 'cleanup',
          },
        },
      ],
    });
  }
  // The checks run concurrently: the run took its wall time, not the sum of theirs.
  return writeJUnit({
    name: `ExecutionBroker conformance ${report.target}`,
    suites,
    timeSeconds: report.durationMs / 1000,
  });
}
