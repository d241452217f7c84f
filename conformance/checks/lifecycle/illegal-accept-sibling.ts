import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { MANY_OFFERS, accept } from '../../lib/lifecycle.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-LIFE-11', 'EB-ERR-02'],
  title: 'A sibling of an accepted offer cannot be accepted (409 OFFER_WITHDRAWN)',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(2, MANY_OFFERS);
    await accept(ctx, offers[0] as Record<string, unknown>);
    const siblingUrl = ctx.sessionUrl(offers[1]);
    const ex = await ctx.update(siblingUrl, 'ACCEPTED');
    ctx.expectRefusal(ex, [409], 'accepting a sibling of the accepted offer');
    const after = await ctx.session(siblingUrl);
    ctx.ensure(after['phase'] !== 'ACCEPTED', 'the refused sibling is ACCEPTED all the same');
    const code = String((ex.value as Record<string, unknown>)['code']);
    if (code !== 'OFFER_WITHDRAWN') ctx.warn(`refused with 409 ${code}; EB-LIFE-11 names OFFER_WITHDRAWN`);
    return { outcome: 'pass', message: 'sibling accept refused: 409 OFFER_WITHDRAWN' };
  },
});
