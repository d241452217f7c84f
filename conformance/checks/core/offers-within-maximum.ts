import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { label, offered } from '../../lib/offers.js';
import { MAXIMUM_PROBE } from '../../lib/resources.js';

const REQUESTED = MAXIMUM_PROBE;

export default defineCheck({
  level: 'SHOULD',
  requirements: ['EB-OFF-05'],
  title: 'No offer provides more than the requested maximum cores or memory',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1, REQUESTED);
    offers.forEach((offer, i) => {
      for (const q of ['cores', 'memory'] as const) {
        const got = offered(offer, q);
        const value = got?.max ?? got?.min;
        if (value === undefined) continue;
        ctx.ensure(
          value <= REQUESTED[q].max,
          `${label(offer, i)} offers up to ${value} ${q}, above the requested maximum ${REQUESTED[q].max} (requested cores ${REQUESTED.cores.min}–${REQUESTED.cores.max}, memory ${REQUESTED.memory.min}–${REQUESTED.memory.max})`,
        );
      }
    });
    return {
      outcome: 'pass',
      message: `${offers.length} offer(s), none above the maximum cores (${REQUESTED.cores.max}) or memory (${REQUESTED.memory.max})`,
    };
  },
});
