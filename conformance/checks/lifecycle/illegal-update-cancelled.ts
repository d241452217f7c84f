import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { isFinal } from '../../lib/context.js';
import { accept, expectNotOffered, optionsProblem } from '../../lib/lifecycle.js';
import { iso } from '../../lib/time.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-LIFE-10', 'EB-LIFE-07', 'EB-ERR-04'],
  title: 'A cancelled session offers no option, refuses every further update with 409 and stays CANCELLED',
  async run(ctx: CheckContext) {
    // Starting in half an hour, the session is still waiting when it is cancelled: nothing else can end it first.
    const { offers } = await ctx.offers(1, { start: `${iso(ctx.now() + 30 * 60_000)}/PT2H`, duration: 'PT10M' });
    const { url } = await accept(ctx, offers[0] as Record<string, unknown>);
    const cancel = await ctx.update(url, 'CANCELLED');
    const cancelled = await ctx.session(url);
    if (cancel.status !== 200 || cancelled['phase'] !== 'CANCELLED')
      ctx.skip(
        `precondition not met: cancelling the accepted session answered ${cancel.status} and left it ${String(cancelled['phase'])}${isFinal(cancelled['phase']) ? '' : ' (lifecycle-cancel-after-accept judges that)'}`,
      );
    const options = optionsProblem(cancelled);
    ctx.ensure(options === undefined, `once cancelled, ${options ?? ''}: a terminal phase offers none`, 'EB-LIFE-07');
    for (const value of ['ACCEPTED', 'CANCELLED', 'REJECTED']) {
      const ex = await ctx.update(url, value);
      const now = await ctx.session(url);
      ctx.ensure(
        now['phase'] === 'CANCELLED',
        `after ${value} on a CANCELLED session (answered ${ex.status}) it is ${String(now['phase'])}, expected CANCELLED`,
        'EB-ERR-04',
      );
      expectNotOffered(ctx, ex, `${value} on a CANCELLED session`, 'EB-LIFE-10', true);
    }
    return {
      outcome: 'pass',
      message: 'no option once CANCELLED; ACCEPTED, CANCELLED and REJECTED all refused with 409',
    };
  },
});
