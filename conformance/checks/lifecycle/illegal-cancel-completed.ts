import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { isFinal } from '../../lib/context.js';
import { accept } from '../../lib/lifecycle.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-LIFE-10', 'EB-ERR-04'],
  title: 'Cancelling a session that has completed is refused with 409',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1);
    const { url } = await accept(ctx, offers[0] as Record<string, unknown>);
    const { last } = await ctx.poll(url, (s) => isFinal(s['phase']));
    if (last['phase'] !== 'COMPLETED') ctx.skip(`precondition not met: the session was ${String(last['phase'])} at the end of the wait budget, not COMPLETED`);
    const ex = await ctx.update(url, 'CANCELLED');
    ctx.expectRefusal(ex, [409], 'CANCELLED on a COMPLETED session');
    const after = await ctx.session(url);
    ctx.ensure(after['phase'] === 'COMPLETED', `after the refused cancel the session is ${String(after['phase'])}`);
    return { outcome: 'pass', message: 'cancel after completion refused with 409' };
  },
});
