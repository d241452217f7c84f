import { defineRule } from '../../rule.js';
import { KNOWN_KINDS, type KnownKind } from '../../known-kinds.js';
import { nearest } from '../../suggest.js';

/**
 * The data model is open, so an unknown member is information, not an error;
 * but it is usually a typo, so the finding suggests the nearest known name.
 */
const MEMBERS = new Map<KnownKind, ReadonlySet<string>>(Object.values(KNOWN_KINDS).map((k) => [k, new Set(k.properties)]));

export default defineRule({
  slug: 'unknown-properties',
  requirements: ['EB-DM-08'],
  appliesTo: ['request', 'offerset', 'session', 'update'],
  check(ctx) {
    for (const n of ctx.nodes.components) {
      const known = n.known && MEMBERS.get(n.known);
      if (!known) continue;
      for (const key in n.value) {
        if (known.has(key)) continue;
        const hint = nearest(key, known);
        ctx.report({
          requirement: 'EB-DM-08',
          pointer: `${n.pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
          message: `"${key}" is not a member of this ${n.family} kind${hint ? ` (did you mean "${hint}"?)` : ''}`,
          params: { member: key, ...(hint ? { suggestion: hint } : {}) },
        });
      }
    }
  },
});
