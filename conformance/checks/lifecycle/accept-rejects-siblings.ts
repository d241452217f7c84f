import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { accept, manyOffers } from '../../lib/lifecycle.js';
import { label, lapsed } from '../../lib/offers.js';

export default defineCheck({
  level: 'SHOULD',
  requirements: ['EB-LIFE-02'],
  title: 'Accepting one offer makes its siblings REJECTED',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(2, manyOffers(ctx));
    await accept(ctx, offers[0] as Record<string, unknown>);
    for (const [i, sibling] of offers.slice(1).entries()) {
      const s = await ctx.session(ctx.sessionUrl(sibling));
      // A sibling whose own expiry came first may rightly read EXPIRED instead.
      ctx.ensure(
        s['phase'] === 'REJECTED' || (s['phase'] === 'EXPIRED' && lapsed(sibling, ctx.now())),
        `${label(sibling, i + 1)} is ${String(s['phase'])} after its sibling was accepted, expected REJECTED`,
      );
    }
    return { outcome: 'pass', message: `${offers.length - 1} sibling(s) REJECTED` };
  },
});
