import type { BodyFindings, CheckResult, RunReport, Summary } from './types.js';
import { CHECK_CLASSES } from './types.js';

export function summarize(checks: readonly CheckResult[]): Summary {
  const count = (o: CheckResult['outcome']) => checks.filter((c) => c.outcome === o).length;
  const must = checks.filter((c) => c.level === 'MUST');
  return {
    passed: count('pass'),
    failed: count('fail'),
    warned: count('warn'),
    info: count('info'),
    notApplicable: count('na'),
    skipped: count('skip'),
    errors: count('error'),
    total: checks.length,
    mustTotal: must.length,
    mustPassed: must.filter(
      (c) => c.outcome === 'pass' || c.outcome === 'warn' || c.outcome === 'info' || c.outcome === 'na',
    ).length,
    mustFailed: must.filter((c) => c.outcome === 'fail').length,
    mustNotRun: must.filter((c) => c.outcome === 'error' || c.outcome === 'skip').length,
  };
}

/** Counts the validator's warning and info findings on every body the broker sent. */
export function bodyFindingsOf(checks: readonly CheckResult[]): BodyFindings {
  const byRule = new Map<string, { ruleId: string; level: string; count: number; example: string }>();
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const c of checks) {
    for (const e of c.evidence) {
      for (const f of e.findings ?? []) {
        if (f.level === 'warning') warnings++;
        else if (f.level === 'info') infos++;
        else if (f.level === 'error') errors++;
        else continue;
        const row = byRule.get(f.ruleId) ?? {
          ruleId: f.ruleId,
          level: f.level,
          count: 0,
          example: `${e.request.method} ${e.request.url} at ${f.pointer || '/'}: ${f.message}`,
        };
        row.count++;
        byRule.set(f.ruleId, row);
      }
    }
  }
  return {
    errors,
    warnings,
    infos,
    byRule: [...byRule.values()].sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId)),
  };
}

/** Exit codes of `ebkit conformance` (README, --help). */
export const CONFORMANCE_EXIT = {
  /** Every MUST check was judged and passed. */
  PASSED: 0,
  /** A MUST check failed. */
  FAILED: 1,
  /** Bad arguments, or the broker could not be reached. */
  USAGE: 2,
  /** No MUST check failed, but some could not be judged (skipped or errored). */
  NOT_JUDGED: 3,
  /** Stopped by Ctrl-C (128 + SIGINT, as a shell reports it): the report covers only the checks that ran. */
  INTERRUPTED: 130,
} as const;

/** The exit code a report records: an interrupted run says 130 (the CLI's process exits 143 when SIGTERM ended it). */
export type ConformanceExitCode = 0 | 1 | 2 | 3 | 130;

/** A MUST check that could not be judged, and why. */
export interface NotJudged {
  id: string;
  outcome: string;
  why: string;
}

export function exitCodeOf(report: Pick<RunReport, 'summary' | 'interrupted' | 'notStarted'>): ConformanceExitCode {
  if (report.notStarted) return CONFORMANCE_EXIT.USAGE;
  if (report.interrupted) return CONFORMANCE_EXIT.INTERRUPTED;
  if (report.summary.mustFailed > 0) return CONFORMANCE_EXIT.FAILED;
  if (report.summary.mustNotRun > 0) return CONFORMANCE_EXIT.NOT_JUDGED;
  return CONFORMANCE_EXIT.PASSED;
}

/** The MUST checks that could not be judged, each with why. */
export function notJudged(report: Pick<RunReport, 'checks'>): NotJudged[] {
  return report.checks
    .filter((c) => c.level === 'MUST' && (c.outcome === 'skip' || c.outcome === 'error'))
    .map((c) => ({ id: c.id, outcome: c.outcome, why: c.message }));
}

/** Whether the run covered the whole suite (every class, expiry included): only then may it claim conformance. */
export function isFullRun(report: Pick<RunReport, 'classes' | 'skipSlow'>): boolean {
  return !report.skipSlow && CHECK_CLASSES.every((c) => report.classes.includes(c));
}

/**
 * What a partial run covered, for its summary line: `classes vosi, core`, `every class but the slow checks`, or
 * `classes vosi, core; slow checks left out` (a list with "slow checks" in it read as a class left out).
 */
export function partialScope(report: Pick<RunReport, 'classes' | 'skipSlow'>): string {
  const every = CHECK_CLASSES.every((c) => report.classes.includes(c));
  if (every) return report.skipSlow ? 'every class, the slow checks left out' : 'every class';
  const classes = `classes ${report.classes.join(', ')}`;
  return report.skipSlow ? `${classes}; slow checks left out` : classes;
}

/** The level a result prints: the level of the requirement found broken, else the check's own. */
export function printedLevel(c: CheckResult): CheckResult['level'] {
  return c.broken?.level ?? c.level;
}
