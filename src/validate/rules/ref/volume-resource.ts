import { defineRule } from '../../rule.js';
import { identifiers } from '../names.js';

/** A volume mounts exactly one storage or data resource of the same request. */
export default defineRule({
  slug: 'volume-resource',
  requirements: ['EB-REF-03'],
  appliesTo: ['request'],
  check(ctx) {
    const scope = ctx.nodes.request;
    if (!scope || scope.volumes.length === 0) return;
    const storage = identifiers(scope.storage);
    const data = identifiers(scope.data);
    for (const vol of scope.volumes) {
      const ref = vol.value.resource;
      if (typeof ref !== 'string') continue;
      const pointer = `${vol.pointer}/resource`;
      const s = storage.get(ref)?.length ?? 0;
      const d = data.get(ref)?.length ?? 0;
      if (s + d === 0) {
        ctx.report({
          requirement: 'EB-REF-03',
          pointer,
          message: `the volume's resource "${ref}" names no storage or data resource of this request`,
          params: { resource: ref },
        });
      } else if (s > 0 && d > 0) {
        ctx.report({
          requirement: 'EB-REF-03',
          pointer,
          message: `the volume's resource "${ref}" names both a storage and a data resource; it must name exactly one`,
          params: { resource: ref },
        });
      }
    }
  },
});
