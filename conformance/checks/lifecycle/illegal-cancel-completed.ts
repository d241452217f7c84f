import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { isFinal } from '../../lib/context.js';
import { SHORTEST_RUN, accept, expectNotOffered, lateStartAdvice } from '../../lib/lifecycle.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-LIFE-10', 'EB-ERR-04'],
  title: 'Cancelling a session that has completed is refused with 409',
  async run(ctx: CheckContext) {
    // The shortest run the standard lets a request ask for, and as long a wait as the run's deadline leaves.
    const started = ctx.now();
    const { offers } = await ctx.offers(1, SHORTEST_RUN);
    const { url } = await accept(ctx, offers[0] as Record<string, unknown>);
    const { last } = await ctx.poll(url, (s) => isFinal(s['phase']));
    if (last['phase'] !== 'COMPLETED') {
      const waited = Math.round((ctx.now() - started) / 1000);
      if (isFinal(last['phase']))
        ctx.skip(`precondition not met: the session ended ${String(last['phase'])}, not COMPLETED`);
      ctx.skip(
        `precondition not met: the session was still ${String(last['phase'])} after ${waited} s, when the run's deadline came; ${lateStartAdvice(ctx, last, 'lets it complete')}`,
      );
    }
    const ex = await ctx.update(url, 'CANCELLED');
    const after = await ctx.session(url);
    ctx.ensure(
      after['phase'] === 'COMPLETED',
      `after the refused cancel the session is ${String(after['phase'])}, expected COMPLETED`,
      'EB-ERR-04',
    );
    expectNotOffered(ctx, ex, 'CANCELLED on a COMPLETED session', 'EB-LIFE-10', true);
    return { outcome: 'pass', message: 'cancel after completion refused with 409' };
  },
});
