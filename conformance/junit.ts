import type { RunReport } from './types.js';

function esc(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** JUnit XML of a run: one testsuite per class, one testcase per check (skip → skipped, error → error). */
export function writeJunitReport(report: RunReport): string {
  const suites = Object.entries(report.byClass).map(([cls, s]) => {
    const cases = report.checks
      .filter((c) => c.class === cls)
      .map((c) => {
        const detail = c.evidence.map((e) => e.curl).join('\n');
        const body =
          c.outcome === 'fail' ? `<failure message="${esc(c.message)}">${esc(`${c.message}\n${detail}`)}</failure>`
          : c.outcome === 'error' ? `<error message="${esc(c.message)}">${esc(`${c.message}\n${detail}`)}</error>`
          : c.outcome === 'skip' ? `<skipped message="${esc(c.message)}"/>`
          : c.outcome === 'warn' ? `<system-out>${esc(`WARN: ${c.message}`)}</system-out>`
          : '';
        return `    <testcase classname="conformance.${esc(cls)}" name="${esc(`${c.id} [${c.level}] ${c.requirements.join(' ')}`)}" time="${(c.durationMs / 1000).toFixed(3)}">${body}</testcase>`;
      });
    return `  <testsuite name="${esc(cls)}" tests="${s.total}" failures="${s.failed}" errors="${s.errors}" skipped="${s.skipped}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const s = report.summary;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ExecutionBroker conformance ${esc(report.target)}" tests="${s.total}" failures="${s.failed}" errors="${s.errors}" skipped="${s.skipped}" time="${(report.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
