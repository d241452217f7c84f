import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { waitForExpiry } from '../../lib/expiry.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-LIFE-09', 'EB-ERR-02', 'EB-ERR-14'],
  title: 'Accepting an expired offer is refused with 409 OFFER_EXPIRED',
  slow: true,
  async run(ctx: CheckContext) {
    const { url } = await waitForExpiry(ctx);
    const ex = await ctx.update(url, 'ACCEPTED');
    const s = await ctx.session(url);
    ctx.ensure(
      s['phase'] !== 'ACCEPTED',
      `the expired offer is ACCEPTED after the accept (answered ${ex.status}), expected it refused`,
      'EB-LIFE-09',
    );
    // EB-LIFE-09 names the code: OFFER_EXPIRED, not the generic UPDATE_NOT_OFFERED.
    ctx.expectRefusal(ex, [409], 'accepting an expired offer', ['OFFER_EXPIRED'], 'EB-LIFE-09');
    return { outcome: 'pass', message: `refused: 409 ${String((ex.value as Record<string, unknown>)['code'])}` };
  },
});
