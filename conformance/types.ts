import type { CheckContext } from './lib/context.js';
import type { CheckClass, CheckLevel, Outcome } from '../src/report/conformance/index.js';

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

/** A requirement ID of spec/requirements.yaml. */
export type RequirementId = `EB-${string}`;

/**
 * What a check decides; `message` always says why (a skip names the missing precondition). A fail, warn or info
 * names the requirement it found broken; the runner reads its level from the register.
 */
export interface Verdict {
  outcome: Outcome;
  message: string;
  requirement?: RequirementId;
}

/** One conformance check: a value, one per file under conformance/checks/<class>/. */
export interface Check {
  id: string;
  class: CheckClass;
  /** The strongest level among `requirements` in the register (a test keeps the two in step). */
  level: CheckLevel;
  /** IDs from spec/requirements.yaml: the only requirements the check may judge. */
  requirements: string[];
  title: string;
  /** Waits for real time to pass (offer expiry); left out by --skip-slow. */
  slow?: boolean;
  run(ctx: CheckContext): Promise<Verdict>;
}
