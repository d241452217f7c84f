import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { isDoc } from '../../lib/context.js';
import { optionsProblem } from '../../lib/lifecycle.js';
import { lapsed } from '../../lib/offers.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-UPD-08', 'EB-LIFE-07'],
  title: 'Rejecting an offer answers 200 with a REJECTED session offering nothing',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1);
    const url = ctx.sessionUrl(offers[0]);
    const ex = await ctx.update(url, 'REJECTED');
    if (ex.status === 409 && lapsed(offers[0], ctx.now()))
      ctx.skip('precondition not met: the offer expired before the reject reached the broker');
    // An offer handed out in another phase (already EXPIRED) has nothing to reject: that is no refusal to judge.
    const given = offers[0]?.['phase'];
    if (ex.status === 409 && given !== 'OFFERED')
      ctx.skip(`precondition not met: the offer was ${String(given)}, not OFFERED, when the offer set gave it`);
    ctx.ensure(ex.status === 200 && isDoc(ex.value), `rejecting answered ${ex.status}, expected 200 with the session`);
    ctx.ensure(ex.value['phase'] === 'REJECTED', `after the reject the session is ${String(ex.value['phase'])}`);
    const again = await ctx.session(url);
    ctx.ensure(again['phase'] === 'REJECTED', `reading the session back gives ${String(again['phase'])}, not REJECTED`);
    const problem = optionsProblem(again);
    ctx.ensure(!problem, problem ?? '', 'EB-LIFE-07');
    return { outcome: 'pass', message: 'rejected, and no further options' };
  },
});
