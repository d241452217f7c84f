/**
 * The conformance suite as a library (`execution-broker-toolkit/conformance`): `runConformance({ target })`
 * runs the standard's checks (all classes unless `classes` names some) and resolves to the report; it never
 * throws. The report writers turn that report into JUnit, HTML, an SVG badge or shields.io endpoint JSON.
 */
import { ALL_CHECKS, runConformance as runChecks, selectChecks, type RunOptions } from '../../conformance/index.js';
import type { Check, RunReport } from '../../conformance/index.js';

export interface ConformanceOptions extends Omit<RunOptions, 'checks'> {
  /** The checks to pick from (default: every standard check, `ALL_CHECKS`). */
  checks?: Check[];
}

/** Runs the standard checks (or `checks`) of `classes` (default all) against the broker at `target`. */
export function runConformance(options: ConformanceOptions): Promise<RunReport> {
  const checks = selectChecks(options.checks ?? ALL_CHECKS, options.classes, options.skipSlow);
  return runChecks({ ...options, checks });
}

export {
  ALL_CHECKS,
  selectChecks,
  exitCodeOf,
  summarize as summarizeRun,
  CHECK_CLASSES,
  OUTCOMES,
} from '../../conformance/index.js';
export type {
  RunOptions,
  Check,
  CheckClass,
  CheckLevel,
  CheckResult,
  Outcome,
  Verdict,
  Summary,
  Leftover,
  RunReport,
} from '../../conformance/index.js';
export { startEmbeddedBroker, FAST_BROKER_CONFIG } from '../../conformance/embedded.js';
export * from '../report/conformance/index.js';
