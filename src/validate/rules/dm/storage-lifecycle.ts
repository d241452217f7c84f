import { defineRule } from '../../rule.js';

/** EB-DM-12: unmanaged storage names where it is and has no lifetime; managed storage names no location. */
export default defineRule({
  slug: 'storage-lifecycle',
  requirements: ['EB-DM-12'],
  appliesTo: ['request', 'offerset', 'session'],
  check(ctx) {
    for (const s of ctx.nodes.byFamily('storage')) {
      const v = s.value;
      const unmanaged = v.lifecycle === 'unmanaged';
      if (unmanaged && v.location === undefined) {
        ctx.report({
          requirement: 'EB-DM-12',
          pointer: s.pointer,
          message: 'unmanaged storage must name its location (the existing storage to mount)',
          params: { member: 'location' },
        });
      }
      if (unmanaged && v.lifetime !== undefined) {
        ctx.report({
          requirement: 'EB-DM-12',
          pointer: `${s.pointer}/lifetime`,
          message: 'unmanaged storage has no lifetime: the platform never releases it',
          params: { lifecycle: 'unmanaged' },
        });
      }
      if (!unmanaged && v.location !== undefined) {
        ctx.report({
          requirement: 'EB-DM-12',
          pointer: `${s.pointer}/location`,
          message:
            'only unmanaged storage names a location; managed storage is allocated by the platform (set lifecycle: unmanaged)',
          params: { lifecycle: v.lifecycle ?? 'managed' },
        });
      }
    }
  },
});
