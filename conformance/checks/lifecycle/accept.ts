import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { isActive } from '../../lib/context.js';
import { accept, optionsProblem } from '../../lib/lifecycle.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-UPD-08', 'EB-UPD-04', 'EB-LIFE-07'],
  title: 'Accepting an offer answers 200 with the accepted session, which then offers only CANCELLED',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1);
    const { session } = await accept(ctx, offers[0] as Record<string, unknown>);
    ctx.ensure(
      isActive(session['phase']),
      `after the accept the session is ${String(session['phase'])}, expected ACCEPTED or a later active phase`,
    );
    const problem = optionsProblem(session);
    ctx.ensure(!problem, problem ?? '', 'EB-LIFE-07');
    return { outcome: 'pass', message: `accepted: phase ${String(session['phase'])}, options [CANCELLED]` };
  },
});
