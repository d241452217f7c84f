import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { offersOf, uuidOf } from '../../lib/offers.js';

export default defineCheck({
  level: 'MAY',
  requirements: ['EB-HTTP-05'],
  title: 'Repeating a request makes a new offer set with new offers',
  async run(ctx: CheckContext) {
    const a = await ctx.submit();
    const b = await ctx.submit();
    const ua = uuidOf(a.offerset);
    const ub = uuidOf(b.offerset);
    ctx.ensure(ua && ub, 'an offer set has no meta.uuid');
    ctx.ensure(ua !== ub, `both requests gave the same offer set ${ua}`);
    const first = new Set(offersOf(a.offerset).map(uuidOf));
    const shared = offersOf(b.offerset)
      .map(uuidOf)
      .filter((u) => u && first.has(u));
    ctx.ensure(shared.length === 0, `the second offer set reuses offer(s) ${shared.join(', ')}`);
    return { outcome: 'pass', message: `two offer sets (${ua}, ${ub}) with distinct offers` };
  },
});
