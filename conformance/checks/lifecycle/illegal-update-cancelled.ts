import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { isFinal } from '../../lib/context.js';
import { accept, expectFinalRefusesAll, optionsProblem, startingLater } from '../../lib/lifecycle.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-LIFE-10', 'EB-LIFE-07', 'EB-ERR-04'],
  title: 'A cancelled session offers no option, refuses every further update with 409 and stays CANCELLED',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1, startingLater(ctx));
    const { url } = await accept(ctx, offers[0] as Record<string, unknown>);
    const cancel = await ctx.update(url, 'CANCELLED');
    const cancelled = await ctx.session(url);
    if (cancel.status !== 200 || cancelled['phase'] !== 'CANCELLED')
      ctx.skip(
        `precondition not met: cancelling the accepted session answered ${cancel.status} and left it ${String(cancelled['phase'])}${isFinal(cancelled['phase']) ? '' : ' (lifecycle-cancel-after-accept judges that)'}`,
      );
    const options = optionsProblem(cancelled);
    ctx.ensure(options === undefined, `once cancelled, ${options ?? ''}: a terminal phase offers none`, 'EB-LIFE-07');
    await expectFinalRefusesAll(ctx, url, 'CANCELLED');
    return {
      outcome: 'pass',
      message: 'no option once CANCELLED; ACCEPTED, CANCELLED and REJECTED all refused with 409',
    };
  },
});
