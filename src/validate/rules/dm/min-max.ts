import { defineRule } from '../../rule.js';

/** Neither schema nor upstream broker enforces min ≤ max; this rule does (EB-DM-01). */
export default defineRule({
  slug: 'min-max',
  requirements: ['EB-DM-01'],
  appliesTo: ['request', 'offerset', 'session', 'update'],
  check(ctx) {
    for (const pair of ctx.nodes.minmax) {
      const { min, max } = pair.value;
      const hasMin = typeof min === 'number' && Number.isFinite(min);
      const hasMax = typeof max === 'number' && Number.isFinite(max);
      if (hasMin && hasMax && min > max) {
        ctx.report({
          requirement: 'EB-DM-01',
          pointer: pair.pointer,
          message: `${pair.name}: min ${min} is greater than max ${max}`,
          params: { min, max },
        });
      }
      if (pair.allowNegative) continue;
      for (const [key, v] of [
        ['min', min],
        ['max', max],
      ] as const) {
        if (typeof v === 'number' && v < 0) {
          ctx.report({
            requirement: 'EB-DM-01',
            pointer: `${pair.pointer}/${key}`,
            message: `${pair.name}: ${key} ${v} is negative`,
            params: { [key]: v },
          });
        }
      }
    }
  },
});
