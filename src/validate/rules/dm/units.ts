import { defineRule } from '../../rule.js';
import { KNOWN_UNITS } from '../../known-kinds.js';
import { nearest } from '../../suggest.js';

/** A path that ends at a data size: memory or storage size, or their min or max. */
const SIZE_PATH = /(?:^|\/)(?:memory|size)(?:\/(?:min|max))?$/;

/**
 * The units of an option or update on a data size must be one the standard lists, or nobody can read the size.
 * Upstream leaves `units` free text, and other quantities (a duration, a count of cores) have units of their own,
 * so there a value outside the list is information, or a warning when it is close to a listed one (a typo).
 */
export default defineRule({
  slug: 'units',
  requirements: ['EB-DM-04'],
  appliesTo: ['request', 'offerset', 'session', 'update'],
  check(ctx) {
    for (const u of ctx.nodes.units) {
      if (typeof u.value !== 'string' || KNOWN_UNITS.has(u.value)) continue;
      const hint = nearest(u.value, KNOWN_UNITS);
      const size = typeof u.path === 'string' && SIZE_PATH.test(u.path);
      const expected = `expected one of ${[...KNOWN_UNITS].join(', ')}`;
      ctx.report({
        requirement: 'EB-DM-04',
        pointer: u.pointer,
        message: size
          ? `unknown units "${u.value}"${hint ? ` (did you mean "${hint}"?)` : ''} for the data size at ${String(u.path)}; ${expected}`
          : `units "${u.value}" are not one of the standard's data size units${hint ? ` (did you mean "${hint}"?)` : ''}; they are read as free text, as the path ${typeof u.path === 'string' ? u.path : '(none)'} is no data size`,
        params: { units: u.value, ...(hint ? { suggestion: hint } : {}) },
        ...(size ? {} : { lower: hint ? ('warning' as const) : ('info' as const) }),
      });
    }
  },
});
