import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';

export default defineCheck({
  level: 'SHOULD',
  requirements: ['EB-HTTP-15'],
  title: 'Answers chosen by Accept carry Vary: Accept',
  async run(ctx: CheckContext) {
    const { final } = await ctx.submit(ctx.request(), { format: 'json', accept: 'json' });
    const vary = final.headers['vary'] ?? '';
    ctx.ensure(
      /(^|,)\s*(accept|\*)\s*(,|$)/i.test(vary),
      `the offer set answer has Vary: ${vary || '(none)'}, expected it to include Accept`,
    );
    return { outcome: 'pass', message: `Vary: ${vary}` };
  },
});
