import type { RunReport, Summary } from './types.js';
import { exitCodeOf, isFullRun, notJudged, partialScope } from './summary.js';
import { clipText, printable } from '../../util/index.js';

/** Longest line of the summary: one the broker made huge (a 10 MB uuid) is cut. */
const SUMMARY_LINE_MAX = 2_000;

function row(name: string, s: Summary): string {
  const n = (v: number, w = 4) => String(v).padStart(w);
  return `  ${name.padEnd(12)} ${n(s.passed)} ${n(s.failed)} ${n(s.warned)} ${n(s.info)} ${n(s.notApplicable)} ${n(s.skipped)} ${n(s.errors, 5)}   ${s.mustPassed}/${s.mustTotal}`;
}

/** The closing summary of a run, as the CLI prints it. */
export function writeTextSummary(report: RunReport): string {
  const s = report.summary;
  const lines = [
    '',
    `Target ${report.target} — ${report.durationMs} ms${report.deadlineHit ? ' (stopped by the run deadline)' : ''}${report.interrupted ? ' (interrupted: the checks left were not run)' : ''}`,
    '  class        pass fail warn info  n/a skip error   MUST passed',
    ...Object.entries(report.byClass).map(([cls, c]) => row(cls, c)),
    row('total', s),
  ];
  const bf = report.bodyFindings;
  if (bf.errors + bf.warnings + bf.infos > 0) {
    lines.push(
      `Validator findings on the broker's bodies: ${bf.errors} error(s), ${bf.warnings} warning(s) (SHOULD), ${bf.infos} info(s):`,
    );
    for (const r of bf.byRule.slice(0, 10)) lines.push(`  ${r.level} ${r.ruleId} ×${r.count} (e.g. ${r.example})`);
  }
  // A run that did not start judged nothing: one line says why, not one per check.
  if (!report.notStarted) for (const n of notJudged(report)) lines.push(`Not judged: ${n.id} (${n.outcome}): ${n.why}`);
  lines.push(`Sessions created: ${report.sessionsCreated}; not settled: ${report.leftovers.length}`);
  for (const l of report.leftovers) lines.push(`Not settled: ${l.url} (${l.reason})`);
  const partial = isFullRun(report) ? '' : ` (a partial run: ${partialScope(report)})`;
  const code = exitCodeOf(report);
  lines.push(
    report.notStarted
      ? `No check was run: ${report.notStarted.reason}.`
      : code === 0
        ? `Every MUST check was judged and passed${partial}.`
        : code === 1
          ? `${s.mustFailed} MUST check(s) failed${partial}.`
          : `No MUST check failed, but ${s.mustNotRun} could not be judged (listed above)${partial}.`,
  );
  // A target, message or example may carry control characters from the command line or the broker: each is
  // shown as \xNN, so none drives the terminal or fakes a line; a line the broker made huge is cut (the JSON report
  // keeps it whole).
  return `${lines.map((l) => clipText(printable(l), SUMMARY_LINE_MAX)).join('\n')}\n`;
}
