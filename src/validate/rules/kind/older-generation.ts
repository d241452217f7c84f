import { defineRule } from '../../rule.js';
import { OLDER_ROOT_MEMBERS, isOlderMessageMember, olderKind } from '../../generations.js';
import { KNOWN_KINDS } from '../../known-kinds.js';
import { escapeToken, isObject } from '../../../util/index.js';

/**
 * Documents of earlier drafts are common; say which draft and what the 1.0
 * spelling is: older kind URIs, the `type` discriminator (components and the
 * 2024 broker's messages), the 2024 option/update path `state`, and root
 * members that 1.0 moved.
 */
export default defineRule({
  slug: 'older-generation',
  requirements: ['EB-DM-07'],
  appliesTo: ['request', 'offerset', 'session', 'update'],
  check(ctx) {
    for (const n of ctx.nodes.components) {
      if ((n.family === 'update' || n.family === 'option') && (n.value.path === 'state' || n.value.path === '/state')) {
        ctx.report({
          requirement: 'EB-DM-07',
          pointer: `${n.pointer}/path`,
          message: `the path "${n.value.path}" is the 2024 reference broker's name for the session phase; 1.0 calls it "phase"`,
          params: { path: n.value.path, replacement: 'phase', generation: 'the 2024 reference broker' },
        });
      }
      if (n.known) continue;
      const usesType =
        n.kind === undefined && typeof n.value.type === 'string' && n.family !== 'cost' && n.family !== 'metric';
      const uri = n.kind ?? (usesType ? (n.value.type as string) : undefined);
      const older = uri === undefined ? undefined : olderKind(uri);
      if (usesType) {
        // The 2025-10 schema put today's kind values under "type" (e.g. uri:enum-value-update).
        const same = Object.prototype.hasOwnProperty.call(KNOWN_KINDS, uri!) ? uri : undefined;
        const replacement = older?.replacement ?? same;
        ctx.report({
          requirement: 'EB-DM-07',
          pointer: `${n.pointer}/type`,
          message: `"type" is the discriminator of the 2025-10 and earlier generations; 1.0 uses "kind"${
            replacement ? ` with "${replacement}"` : ''
          }`,
          params: {
            member: 'type',
            replacement: 'kind',
            ...(older ? { generation: older.generation } : {}),
            ...(replacement ? { kind: replacement } : {}),
          },
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
    for (const m of ctx.nodes.messages) {
      if (!isObject(m.value) || !isOlderMessageMember(m.value, 'type')) continue;
      ctx.report({
        requirement: 'EB-DM-07',
        pointer: `${m.pointer}/type`,
        message: `"type" names the message in the 2024 reference broker's messages (${String(m.value.type).slice(0, 80)}); a 1.0 MessageItem names it in "kind"`,
        params: { member: 'type', replacement: 'kind', generation: 'the 2024 reference broker' },
      });
    }
    const moved = OLDER_ROOT_MEMBERS[ctx.type];
    if (moved && isObject(ctx.root)) {
      for (const key of Object.keys(moved)) {
        if (!Object.prototype.hasOwnProperty.call(ctx.root, key)) continue;
        ctx.report({
          requirement: 'EB-DM-07',
          pointer: `/${escapeToken(key)}`,
          message: moved[key]!,
          params: { member: key },
        });
      }
    }
  },
});
