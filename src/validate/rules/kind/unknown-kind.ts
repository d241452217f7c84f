import { defineRule } from '../../rule.js';
import { olderKind } from '../../generations.js';

/**
 * An unknown kind is an extension (EB-DM-06, information; the schema already
 * checked the common part). A known kind in the wrong place is an error.
 */
export default defineRule({
  slug: 'unknown-kind',
  requirements: ['EB-DM-06', 'EB-DM-09'],
  appliesTo: ['request', 'offerset', 'session', 'update'],
  check(ctx) {
    for (const n of ctx.nodes.components) {
      if (n.kind === undefined) continue;
      const known = n.known;
      if (known) {
        if (known.family !== n.family) {
          ctx.report({
            requirement: 'EB-DM-09',
            pointer: `${n.pointer}/kind`,
            message: `"${n.kind}" is a ${known.family} kind, but this member holds a ${n.family}`,
            params: { kind: n.kind, expectedFamily: n.family, family: known.family },
          });
        }
        continue;
      }
      if (olderKind(n.kind)) continue;
      ctx.report({
        requirement: 'EB-DM-06',
        pointer: `${n.pointer}/kind`,
        message: `unknown ${n.family} kind "${n.kind}"; only the common part was checked, and a service that does not support it answers NO`,
        params: { kind: n.kind, family: n.family },
      });
    }
  },
});
