import type { CheckContext } from './lib/context.js';
import type { CheckClass, CheckLevel } from '../src/report/conformance/index.js';
import type { RequirementId, Verdict } from './verdict.js';

// The run's shapes are the report's contract (src/report/conformance); the suite adds only what a check is.
export { CHECK_CLASSES, EVIDENCE_MODES, OUTCOMES } from '../src/report/conformance/index.js';
export type {
  CheckClass,
  CheckLevel,
  CheckResult,
  Evidence,
  EvidenceMode,
  Leftover,
  Outcome,
  RunReport,
  Summary,
} from '../src/report/conformance/index.js';
// A leaf of their own, so lib/context.ts can name them without importing this file back.
export type { RequirementId, Verdict } from './verdict.js';

/** One conformance check: a value, one per file under conformance/checks/<class>/. */
export interface Check {
  id: string;
  class: CheckClass;
  /** The strongest level among `requirements` in the register (a test keeps the two in step). */
  level: CheckLevel;
  /** IDs from spec/requirements.yaml: the only requirements the check may judge. */
  requirements: RequirementId[];
  title: string;
  /** Waits for real time to pass (offer expiry); left out by --skip-slow. */
  slow?: boolean;
  /**
   * Judges what the other checks of the run saw (the bodies the broker sent) and asks the broker nothing: it runs
   * once they have all finished (not when the deadline or an interrupt stopped them), and reads their results with
   * `ctx.earlierResults()`.
   */
  afterAll?: boolean;
  run(ctx: CheckContext): Promise<Verdict>;
}
