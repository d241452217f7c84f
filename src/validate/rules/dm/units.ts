import { defineRule } from '../../rule.js';
import { KNOWN_UNITS } from '../../known-kinds.js';
import { nearest } from '../../suggest.js';

/** Units outside the standard's list cannot be interpreted by anyone. */
export default defineRule({
  slug: 'units',
  requirements: ['EB-DM-04'],
  appliesTo: ['request', 'offerset', 'session', 'update'],
  check(ctx) {
    for (const u of ctx.nodes.units) {
      if (typeof u.value !== 'string' || KNOWN_UNITS.has(u.value)) continue;
      const hint = nearest(u.value, KNOWN_UNITS);
      ctx.report({
        requirement: 'EB-DM-04',
        pointer: u.pointer,
        message: `unknown units "${u.value}"${hint ? ` (did you mean "${hint}"?)` : ''}; expected one of ${[...KNOWN_UNITS].join(', ')}`,
        params: { units: u.value, ...(hint ? { suggestion: hint } : {}) },
      });
    }
  },
});
