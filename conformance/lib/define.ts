import type { Check } from '../types.js';

/** Identity with type checking: a check is a plain value (STYLE.md item 10). */
export function defineCheck(check: Check): Check {
  return check;
}
