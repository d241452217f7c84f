import type { Finding, Level } from '../findings.js';
import { findingLevel } from '../model/requirements.js';

/**
 * A finding of lint-spec's checks. Its level is never written by hand: it is the level of its requirement in
 * spec/requirements.yaml (MUST error, SHOULD warning, MAY info; an EBK_* code is an error), lowered only where
 * `lower` says so, as a rule's report is in the validator.
 */
export function specFinding(f: Omit<Finding, 'level'> & { lower?: Level }): Finding {
  const { ruleId, lower, ...rest } = f;
  // ruleId and level first, as every other finding is written.
  return { ruleId, level: findingLevel(ruleId, lower), ...rest };
}
