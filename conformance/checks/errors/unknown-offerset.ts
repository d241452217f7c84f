import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-03', 'EB-ERR-01', 'EB-ERR-02'],
  title: 'An unknown offer-set uuid is 404 UNKNOWN_OFFERSET with the error document',
  async run(ctx: CheckContext) {
    const ex = await ctx.get(ctx.url(`/offersets/${crypto.randomUUID()}`), { accept: 'json' });
    ctx.expectRefusal(ex, [404], 'GET of an unknown offer set', ['UNKNOWN_OFFERSET']);
    return { outcome: 'pass', message: '404 UNKNOWN_OFFERSET' };
  },
});
