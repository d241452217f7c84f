import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { isDoc, isFinal } from '../../lib/context.js';
import { accept, startingLater } from '../../lib/lifecycle.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-LIFE-03', 'EB-UPD-04', 'EB-UPD-08'],
  title: 'An accepted session can be cancelled and ends CANCELLED',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1, startingLater(ctx));
    const { url } = await accept(ctx, offers[0] as Record<string, unknown>);
    const ex = await ctx.update(url, 'CANCELLED');
    if (ex.status === 409) {
      const now = await ctx.session(url);
      if (isFinal(now['phase']))
        ctx.skip(`precondition not met: the session reached ${String(now['phase'])} before it could be cancelled`);
    }
    ctx.ensure(
      ex.status === 200 && isDoc(ex.value),
      `cancelling an accepted session answered ${ex.status}, expected 200`,
    );
    const after = await ctx.session(url);
    ctx.ensure(after['phase'] === 'CANCELLED', `after cancelling, the session is ${String(after['phase'])}`);
    return { outcome: 'pass', message: 'accepted, then CANCELLED' };
  },
});
