import type { CheckContext } from '../../lib/context.js';
import { asArray, isDoc } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { label, offeredStart } from '../../lib/offers.js';
import { iso } from '../../lib/time.js';

const QUARTER_MS = 15 * 60_000;

/**
 * A bare instant asks for a start at that moment (EB-SCH-03): it is a start range of no width, so an offer for it
 * starts then, its start window `<instant>/PT0S`, or the broker answers NO. An offer that starts later, or in a
 * window reaching past it, starts outside the range (EB-OFF-12), as `compare` judges an offer set against its
 * request: it reads the instant as "not before".
 */
export default defineCheck({
  level: 'MUST',
  requirements: ['EB-OFF-12', 'EB-SCH-03'],
  title: 'Offers for a bare instant start at that instant',
  async run(ctx: CheckContext) {
    // On a quarter hour, where a broker planning by whole minutes or by slots of 5 or 15 can start; the next one
    // after core-narrow-window's, so the two do not compete for one slot.
    const at = Math.ceil((ctx.now() + 30 * 60_000) / QUARTER_MS) * QUARTER_MS + QUARTER_MS;
    const instant = iso(at);
    const { offerset } = await ctx.submitForOffers(ctx.request({ start: instant, duration: 'PT10M' }));
    const offers = asArray(offerset['offers']).filter(isDoc);
    if (offerset['result'] !== 'YES' || offers.length === 0)
      ctx.skip(
        `precondition not met: the request for a start at ${instant} was answered ${String(offerset['result'])} with no offer (a NO is the broker's right when it cannot start then)`,
      );
    const starts = offers.map(offeredStart);
    if (starts.every((s) => s === undefined))
      ctx.skip('precondition not met: no offer states an available start, so the start cannot be compared');
    offers.forEach((offer, i) => {
      const s = starts[i];
      if (!s) return;
      ctx.ensure(
        s.start === at && s.end === at,
        `${label(offer, i)} starts ${s.text} (${s.where}), where the request asked for a start at ${instant}: a bare instant is a start range of no width (EB-SCH-03)`,
        'EB-OFF-12',
      );
    });
    return { outcome: 'pass', message: `${offers.length} offer(s) for ${instant}, each starting at it` };
  },
});
