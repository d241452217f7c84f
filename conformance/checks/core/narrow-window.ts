import type { CheckContext } from '../../lib/context.js';
import { asArray, isDoc } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { label, offeredStart } from '../../lib/offers.js';
import { iso } from '../../lib/time.js';

/** Narrower than the start windows a broker may state by habit; it starts on a quarter hour, where any grid can. */
const WIDTH_MS = 60_000;
const QUARTER_MS = 15 * 60_000;

/**
 * A window narrower than what a broker offers by habit: each offered start window must still fit inside it
 * (EB-OFF-12). The wide windows of `core-start-in-interval` cannot see a broker that states every start as its
 * own fixed-width window: that fits inside two hours, and overflows one minute.
 */
export default defineCheck({
  level: 'MUST',
  requirements: ['EB-OFF-12'],
  title: 'Offers for a start window of one minute start inside it, their own start windows included',
  async run(ctx: CheckContext) {
    // On a quarter hour, so that a broker planning by whole minutes or by slots of 5 or 15 can start at once.
    const from = Math.ceil((ctx.now() + 30 * 60_000) / QUARTER_MS) * QUARTER_MS;
    const to = from + WIDTH_MS;
    const window = `${iso(from)}/${iso(to)}`;
    const { offerset } = await ctx.submitForOffers(ctx.request({ start: window, duration: 'PT10M' }));
    const offers = asArray(offerset['offers']).filter(isDoc);
    // A NO is a broker's right when none of its slots starts inside so short a window.
    if (offerset['result'] !== 'YES' || offers.length === 0)
      ctx.skip(
        `precondition not met: the request for a start inside ${window} was answered ${String(offerset['result'])} with no offer, so no start can be compared`,
      );
    const starts = offers.map(offeredStart);
    if (starts.every((s) => s === undefined))
      ctx.skip(
        'precondition not met: no offer states an available start (schedule.available.start on the session, the executable or the compute resource), so the start cannot be compared',
      );
    offers.forEach((offer, i) => {
      const s = starts[i];
      if (!s) return;
      ctx.ensure(
        s.start >= from && s.end <= to,
        `${label(offer, i)} starts ${s.text} (${s.where}), which is not inside the requested window ${window}${s.start >= from && s.start <= to ? ': its start window runs past the requested end' : ''}`,
        'EB-OFF-12',
      );
    });
    return {
      outcome: 'pass',
      message: `${offers.length} offer(s) for ${window}, each with its start inside it`,
    };
  },
});
