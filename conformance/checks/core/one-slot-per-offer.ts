import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { get, isDoc } from '../../lib/context.js';
import { label } from '../../lib/offers.js';
import { intervalMs } from '../../lib/time.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-OFF-14'],
  title: 'Each offer covers exactly one time slot',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1, { start: `${new Date(Date.now() + 10 * 60_000).toISOString().replace(/\.\d+Z$/, 'Z')}/PT6H`, duration: 'PT10M' });
    let seen = 0;
    offers.forEach((offer, i) => {
      const schedule = get(offer, 'schedule');
      if (schedule === undefined) return;
      const available = get(schedule, 'available');
      ctx.ensure(isDoc(available), `${label(offer, i)}: schedule.available is ${Array.isArray(available) ? 'a list of slots' : 'not a single slot'}`);
      const start = available['start'];
      ctx.ensure(typeof start === 'string' && intervalMs(start) !== undefined, `${label(offer, i)}: schedule.available.start ${JSON.stringify(start)} is not one instant or interval`);
      seen++;
    });
    if (seen === 0) ctx.skip('precondition not met: no offer carries a schedule');
    return { outcome: 'pass', message: `${seen} offer(s), one slot each` };
  },
});
