import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { expectFinalRefusesAll } from '../../lib/lifecycle.js';
import { lapsed } from '../../lib/offers.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-LIFE-10', 'EB-ERR-04'],
  title: 'A rejected session refuses every further update with 409 and stays REJECTED',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1);
    const url = ctx.sessionUrl(offers[0]);
    const r = await ctx.update(url, 'REJECTED');
    if (r.status !== 200)
      ctx.skip(
        `precondition not met: rejecting the offer answered ${r.status}${lapsed(offers[0], ctx.now()) ? ' (it had expired)' : ''}`,
      );
    await expectFinalRefusesAll(ctx, url, 'REJECTED');
    return { outcome: 'pass', message: 'ACCEPTED, CANCELLED and REJECTED all refused with 409' };
  },
});
