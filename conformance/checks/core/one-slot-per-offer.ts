import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { get, isDoc } from '../../lib/context.js';
import { label, schedulesOf } from '../../lib/offers.js';
import { intervalMs } from '../../lib/time.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-OFF-14'],
  title: 'Each offer covers exactly one time slot',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1, {
      start: `${new Date(ctx.now() + 10 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z')}/PT6H`,
      duration: 'PT10M',
    });
    let seen = 0;
    // The slot may be stated on the session or on its components: the model allows both (spec/03 §3.6).
    offers.forEach((offer, i) => {
      let slots = 0;
      for (const { where, schedule } of schedulesOf(offer)) {
        const available = get(schedule, 'available');
        if (available === undefined) continue;
        ctx.ensure(
          isDoc(available),
          `${label(offer, i)}: ${where}.available is ${Array.isArray(available) ? 'a list of slots' : 'not a single slot'}`,
        );
        const start = available['start'];
        ctx.ensure(
          typeof start === 'string' && intervalMs(start) !== undefined,
          `${label(offer, i)}: ${where}.available.start ${JSON.stringify(start)} is not one instant or interval`,
        );
        slots++;
      }
      if (slots > 0) seen++;
    });
    if (seen === 0)
      ctx.na(
        'not applicable: no offer states an available slot, on the session or on any component (schedules are optional)',
      );
    return { outcome: 'pass', message: `${seen} offer(s), one slot each` };
  },
});
