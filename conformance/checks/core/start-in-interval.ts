import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { label, offeredStart } from '../../lib/offers.js';
import { iso } from '../../lib/time.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-OFF-12', 'EB-OFF-11'],
  title: 'Every offered start lies inside the requested start window',
  async run(ctx: CheckContext) {
    const from = Date.now() + 30 * 60_000;
    const to = from + 2 * 3600_000;
    const window = `${iso(from)}/${iso(to)}`;
    const { offers } = await ctx.offers(1, { start: window, duration: 'PT10M' });
    const starts = offers.map(offeredStart);
    if (starts.every((s) => s === undefined)) ctx.skip('precondition not met: no offer states schedule.available.start, so the start cannot be compared');
    offers.forEach((offer, i) => {
      const s = starts[i];
      ctx.ensure(s, `${label(offer, i)} has no readable schedule.available.start`);
      ctx.ensure(s.start >= Math.floor(from / 1000) * 1000 && s.end <= to, `${label(offer, i)} starts ${s.text}, outside the requested window ${window}`);
    });
    return { outcome: 'pass', message: `${offers.length} offer(s) start inside ${window}` };
  },
});
