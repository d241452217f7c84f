/** Requirement levels come from the register (spec/requirements.yaml), never from a check's own say-so. */
import { REQUIREMENTS } from '../../src/model/requirements.js';
import type { CheckLevel, Outcome } from '../../src/report/conformance/index.js';

const LEVELS: ReadonlyMap<string, CheckLevel> = new Map(REQUIREMENTS.map((r) => [r.id, r.level]));
const RANK: Record<CheckLevel, number> = { MUST: 0, SHOULD: 1, MAY: 2 };

export function requirementLevel(id: string): CheckLevel | undefined {
  return LEVELS.get(id);
}

/** The strongest level among `ids` (MUST before SHOULD before MAY); undefined when none is in the register. */
export function strongestLevel(ids: readonly string[]): CheckLevel | undefined {
  let best: CheckLevel | undefined;
  for (const id of ids) {
    const l = LEVELS.get(id);
    if (l && (best === undefined || RANK[l] < RANK[best])) best = l;
  }
  return best;
}

/** The first of `ids` at the strongest level: whom a failure without a named requirement is held against. */
export function strongestRequirement<Id extends string>(ids: readonly Id[]): Id | undefined {
  const level = strongestLevel(ids);
  return ids.find((id) => LEVELS.get(id) === level);
}

/** A broken requirement's outcome: a MUST fails, a SHOULD warns, a MAY is informational. */
export function outcomeForBroken(level: CheckLevel): Outcome {
  return level === 'MUST' ? 'fail' : level === 'SHOULD' ? 'warn' : 'info';
}
