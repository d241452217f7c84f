import type { Outcome } from '../src/report/conformance/index.js';

// A requirement ID of spec/requirements.yaml: the generated union, so a misspelt ID fails typecheck.
export type { RequirementId } from '../src/model/requirements.js';
import type { RequirementId } from '../src/model/requirements.js';

/**
 * What a check decides; `message` always says why (a skip names the missing precondition). A fail, warn or info
 * names the requirement it found broken; the runner reads its level from the register.
 */
export interface Verdict {
  outcome: Outcome;
  message: string;
  requirement?: RequirementId;
}
