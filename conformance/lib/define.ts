import type { Check } from '../types.js';

/**
 * A check as its file declares it. Its id and class come from its path,
 * `checks/<class>/<name>.ts` → class `<class>`, id `<class>-<name>`, and are
 * added by the generated index (scripts/gen-indexes.ts).
 */
export type CheckDefinition = Omit<Check, 'id' | 'class'>;

/** Identity with type checking: a check is a plain value (STYLE.md item 10). */
export function defineCheck(check: CheckDefinition): CheckDefinition {
  return check;
}
