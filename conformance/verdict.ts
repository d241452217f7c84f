import type { Outcome } from '../src/report/conformance/index.js';

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
