import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { label, offered } from '../../lib/offers.js';
import { MINIMUM_PROBE, offeredDuration } from '../../lib/resources.js';
import { durationMs } from '../../lib/time.js';

const REQUESTED = MINIMUM_PROBE;

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-OFF-01'],
  title: 'Every offer provides at least the requested minimum cores, memory and run time',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1, REQUESTED);
    const minMs = durationMs(REQUESTED.duration) as number;
    let durations = 0;
    offers.forEach((offer, i) => {
      for (const q of ['cores', 'memory'] as const) {
        const got = offered(offer, q);
        const value = got?.min ?? got?.max;
        ctx.ensure(value !== undefined, `${label(offer, i)} states no offered ${q}`);
        ctx.ensure(
          value >= REQUESTED[q].min,
          `${label(offer, i)} offers ${value} ${q}, below the requested minimum ${REQUESTED[q].min} (requested cores ${REQUESTED.cores.min}–${REQUESTED.cores.max}, memory ${REQUESTED.memory.min}–${REQUESTED.memory.max})`,
        );
      }
      // The requested duration is a minimum run time (EB-SCH-04); an offer that states none cannot be judged on it.
      const d = offeredDuration(offer);
      if (!d) return;
      durations++;
      ctx.ensure(
        d.ms >= minMs,
        `${label(offer, i)} offers a run time of ${d.text} (${d.where}.available.duration), shorter than the requested minimum ${REQUESTED.duration}`,
      );
    });
    const note =
      durations === offers.length
        ? 'run time'
        : `run time (${offers.length - durations} offer(s) state none, not judged)`;
    return {
      outcome: 'pass',
      message: `${offers.length} offer(s), all at or above the minimum cores (${REQUESTED.cores.min}), memory (${REQUESTED.memory.min}) and ${note} (${REQUESTED.duration})`,
    };
  },
});
