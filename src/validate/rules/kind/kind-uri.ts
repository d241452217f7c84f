import { defineRule } from '../../rule.js';
import { olderKind } from '../../generations.js';

const HTTP_URL = /^https?:\/\/[^/\s]+/i;

/**
 * EB-KIND-03: component kinds should be long-lived HTTP(S) URLs. Options and
 * updates use `uri:` names by design, and a kind of an older generation is
 * already named (with its 1.0 URL) by older-generation, so both are exempt.
 */
export default defineRule({
  slug: 'kind-uri',
  requirements: ['EB-KIND-03'],
  appliesTo: ['request', 'offerset', 'session'],
  check(ctx) {
    for (const n of ctx.nodes.components) {
      if (n.kind === undefined || n.known || n.family === 'option' || n.family === 'update') continue;
      if (HTTP_URL.test(n.kind) || olderKind(n.kind)) continue;
      ctx.report({
        requirement: 'EB-KIND-03',
        pointer: `${n.pointer}/kind`,
        message: `the ${n.family} kind "${n.kind}" is not an HTTP(S) URL; kind identifiers should be long-lived, resolvable HTTP(S) URLs`,
        params: { kind: n.kind, family: n.family },
      });
    }
  },
});
