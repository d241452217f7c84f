import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { waitForExpiry } from '../../lib/expiry.js';
import { optionsProblem } from '../../lib/lifecycle.js';

export default defineCheck({
  id: 'expiry-offers-expire',
  class: 'expiry',
  level: 'MUST',
  requirements: ['EB-LIFE-01', 'EB-LIFE-07'],
  title: 'An offer left alone is EXPIRED after its expiry time and offers nothing',
  slow: true,
  async run(ctx: CheckContext) {
    const { url } = await waitForExpiry(ctx, 30_000);
    const s = await ctx.session(url);
    ctx.ensure(s['phase'] === 'EXPIRED', `after its expiry time the offer is ${String(s['phase'])}, expected EXPIRED`);
    const problem = optionsProblem(s);
    ctx.ensure(!problem, problem ?? '');
    return { outcome: 'pass', message: 'EXPIRED on time, no options' };
  },
});
