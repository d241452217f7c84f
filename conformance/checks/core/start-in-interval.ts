import type { CheckContext } from '../../lib/context.js';
import { asArray, isDoc } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { label, offeredStart } from '../../lib/offers.js';
import { iso } from '../../lib/time.js';
import { NO_STATED_START } from '../../lib/offered-starts.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-OFF-12', 'EB-OFF-11', 'EB-SCH-12'],
  title: 'Every offered start lies inside the requested start window, or inside one of several',
  async run(ctx: CheckContext) {
    const from = ctx.now() + 30 * 60_000;
    const to = from + 2 * 3600_000;
    const window = `${iso(from)}/${iso(to)}`;
    const { offers } = await ctx.offers(1, { start: window, duration: 'PT10M' });
    const starts = offers.map(offeredStart);
    // The start may be stated on the session or on its executable or compute resource (spec/03 §3.6).
    if (starts.every((s) => s === undefined)) ctx.skip(NO_STATED_START);
    offers.forEach((offer, i) => {
      const s = starts[i];
      ctx.ensure(s, `${label(offer, i)} has no readable available start, where its siblings have one`, 'EB-OFF-12');
      ctx.ensure(
        s.start >= Math.floor(from / 1000) * 1000 && s.end <= to,
        `${label(offer, i)} starts ${s.text} (${s.where}), outside the requested window ${window}`,
        'EB-OFF-12',
      );
    });
    // Two disjoint ranges (EB-SCH-12): every offer starts within at least one of them.
    const ranges = [
      { start: Math.floor((from + 3 * 3600_000) / 1000) * 1000, end: from + 4 * 3600_000 },
      { start: Math.floor((from + 6 * 3600_000) / 1000) * 1000, end: from + 7 * 3600_000 },
    ];
    const texts = ranges.map((r) => `${iso(r.start)}/${iso(r.end)}`);
    const request = ctx.request({ duration: 'PT10M' });
    request['schedule'] = { requested: { start: texts, duration: 'PT10M' } };
    const { offerset } = await ctx.submit(request);
    const listed = asArray(offerset['offers']).filter(isDoc);
    listed.forEach((offer, i) => {
      const s = offeredStart(offer);
      if (!s) return;
      ctx.ensure(
        ranges.some((r) => s.start >= r.start && s.end <= r.end),
        `${label(offer, i)} starts ${s.text}, inside none of the requested ranges ${texts.join(', ')}`,
      );
    });
    return {
      outcome: 'pass',
      message: `${offers.length} offer(s) start inside ${window}; ${listed.length} inside one of ${texts.length} ranges`,
    };
  },
});
