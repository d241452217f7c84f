import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { label, offeredStart } from '../../lib/offers.js';
import { iso } from '../../lib/time.js';

export default defineCheck({
  id: 'core-start-in-interval',
  class: 'core',
  level: 'MUST',
  requirements: ['EB-OFF-12', 'EB-OFF-11'],
  title: 'Every offered start lies inside the requested start window',
  async run(ctx: CheckContext) {
    const from = ctx.now() + 30 * 60_000;
    const to = from + 2 * 3600_000;
    const window = `${iso(from)}/${iso(to)}`;
    const { offers } = await ctx.offers(1, { start: window, duration: 'PT10M' });
    const starts = offers.map(offeredStart);
    // The start may be stated on the session or on its executable or compute resource (spec/03 §3.6).
    if (starts.every((s) => s === undefined)) ctx.skip('precondition not met: no offer states an available start (schedule.available.start on the session, the executable or the compute resource), so the start cannot be compared');
    offers.forEach((offer, i) => {
      const s = starts[i];
      ctx.ensure(s, `${label(offer, i)} has no readable available start, where its siblings have one`, 'EB-OFF-12');
      ctx.ensure(s.start >= Math.floor(from / 1000) * 1000 && s.end <= to, `${label(offer, i)} starts ${s.text} (${s.where}), outside the requested window ${window}`, 'EB-OFF-12');
    });
    return { outcome: 'pass', message: `${offers.length} offer(s) start inside ${window}` };
  },
});
