import { defineRule } from '../../rule.js';
import { olderKind } from '../../generations.js';

/** Documents of earlier drafts are common; say which draft and what the 1.0 spelling is. */
export default defineRule({
  slug: 'older-generation',
  requirements: ['EB-DM-07'],
  appliesTo: ['request', 'offerset', 'session', 'update'],
  check(ctx) {
    for (const n of ctx.nodes.components) {
      if (n.known) continue;
      const usesType = n.kind === undefined && typeof n.value.type === 'string' && n.family !== 'cost' && n.family !== 'metric';
      const uri = n.kind ?? (usesType ? (n.value.type as string) : undefined);
      const older = uri === undefined ? undefined : olderKind(uri);
      if (usesType) {
        ctx.report({
          requirement: 'EB-DM-07',
          pointer: `${n.pointer}/type`,
          message: `"type" is the discriminator of the 2025-10 and earlier generations; 1.0 uses "kind"${
            older?.replacement ? ` with "${older.replacement}"` : ''
          }`,
          params: { member: 'type', ...(older ? { generation: older.generation, replacement: older.replacement } : {}) },
        });
        continue;
      }
      if (!older || uri === undefined) continue;
      ctx.report({
        requirement: 'EB-DM-07',
        pointer: `${n.pointer}/kind`,
        message: `"${uri}" is a kind URI of ${older.generation}; ${
          older.replacement ? `the 1.0 kind is "${older.replacement}"` : 'it has no 1.0 equivalent'
        }`,
        params: { kind: uri, generation: older.generation, replacement: older.replacement },
      });
    }
  },
});
