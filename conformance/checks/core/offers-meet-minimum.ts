import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { label, offered } from '../../lib/offers.js';

const REQUESTED = { cores: { min: 2, max: 4 }, memory: { min: 2, max: 4 } };

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-OFF-01'],
  title: 'Every offer provides at least the requested minimum cores and memory',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1, REQUESTED);
    offers.forEach((offer, i) => {
      for (const q of ['cores', 'memory'] as const) {
        const got = offered(offer, q);
        ctx.ensure(got && (got.min ?? got.max) !== undefined, `${label(offer, i)} states no offered ${q}`);
        const value = got.min ?? (got.max as number);
        ctx.ensure(value >= REQUESTED[q].min, `${label(offer, i)} offers ${value} ${q}, below the requested minimum ${REQUESTED[q].min}`);
      }
    });
    return { outcome: 'pass', message: `${offers.length} offer(s), all at or above the minimums` };
  },
});
