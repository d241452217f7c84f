import { defineRule } from '../../rule.js';
import { nameOf, scopeComponents } from '../names.js';

/** Names are how components refer to each other, so one name may mean one component only. */
export default defineRule({
  slug: 'unique-names',
  requirements: ['EB-REF-01', 'EB-REF-02', 'EB-REF-05'],
  appliesTo: ['request'],
  check(ctx) {
    const scope = ctx.nodes.request;
    if (!scope) return;
    const first = new Map<string, string>();
    for (const n of scopeComponents(scope)) {
      const name = nameOf(n);
      if (name === undefined) continue;
      const earlier = first.get(name);
      if (earlier === undefined) {
        first.set(name, n.pointer);
        continue;
      }
      const earlierIsVolume = earlier.includes('/volumes/');
      const requirement =
        n.family === 'volume' && earlierIsVolume
          ? 'EB-REF-02'
          : n.family === 'compute' && earlier.endsWith('/compute')
            ? 'EB-REF-01'
            : 'EB-REF-05';
      ctx.report({
        requirement,
        pointer: `${n.pointer}/meta/name`,
        message: `the name "${name}" is already used by ${earlier}; names must be unique within a request`,
        params: { name, first: earlier },
      });
    }
  },
});
