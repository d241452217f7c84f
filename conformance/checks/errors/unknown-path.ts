import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-09', 'EB-ERR-01'],
  title: 'An unknown path is 404 UNKNOWN_PATH',
  async run(ctx: CheckContext) {
    const ex = await ctx.get(ctx.url('/no-such-endpoint'), { accept: 'json' });
    ctx.expectRefusal(ex, [404], 'GET /no-such-endpoint', ['UNKNOWN_PATH']);
    return { outcome: 'pass', message: '404 UNKNOWN_PATH' };
  },
});
