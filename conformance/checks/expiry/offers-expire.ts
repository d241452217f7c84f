import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { EXPIRY_SETTLE_MS, waitForExpiry } from '../../lib/expiry.js';
import { optionsProblem } from '../../lib/lifecycle.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-LIFE-01', 'EB-LIFE-07'],
  title: 'An offer left alone is EXPIRED after its expiry time and offers nothing',
  slow: true,
  async run(ctx: CheckContext) {
    const { url } = await waitForExpiry(ctx);
    // A broker that expires offers on a periodic sweep gets a few seconds past the grace before it is blamed.
    const { last: s } = await ctx.poll(url, (x) => x['phase'] !== 'OFFERED', ctx.now() + EXPIRY_SETTLE_MS);
    ctx.ensure(
      s['phase'] === 'EXPIRED',
      `after its expiry time (and ${EXPIRY_SETTLE_MS / 1000} s more) the offer is ${String(s['phase'])}, expected EXPIRED`,
    );
    const problem = optionsProblem(s);
    ctx.ensure(!problem, problem ?? '');
    return { outcome: 'pass', message: 'EXPIRED on time, no options' };
  },
});
