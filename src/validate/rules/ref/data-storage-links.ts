import { defineRule } from '../../rule.js';
import { identifiers } from '../names.js';

/** data[].storage and storage[].data[] must name resources of the same request. */
export default defineRule({
  slug: 'data-storage-links',
  requirements: ['EB-REF-04'],
  appliesTo: ['request'],
  check(ctx) {
    const scope = ctx.nodes.request;
    if (!scope) return;
    const storage = identifiers(scope.storage);
    const data = identifiers(scope.data);
    for (const d of scope.data) {
      const ref = d.value.storage;
      if (typeof ref === 'string' && !storage.has(ref)) {
        ctx.report({
          requirement: 'EB-REF-04',
          pointer: `${d.pointer}/storage`,
          message: `the data resource's storage "${ref}" names no storage resource of this request`,
          params: { storage: ref },
        });
      }
    }
    for (const s of scope.storage) {
      const list = s.value.data;
      if (!Array.isArray(list)) continue;
      list.forEach((ref, i) => {
        if (typeof ref === 'string' && !data.has(ref)) {
          ctx.report({
            requirement: 'EB-REF-04',
            pointer: `${s.pointer}/data/${i}`,
            message: `the storage resource's data "${ref}" names no data resource of this request`,
            params: { data: ref },
          });
        }
      });
    }
  },
});
