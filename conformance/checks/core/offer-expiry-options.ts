import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { get, phaseOptions } from '../../lib/context.js';
import { label, lapsed } from '../../lib/offers.js';
import { instantAfter, instantMs } from '../../lib/time.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-LIFE-12', 'EB-UPD-03', 'EB-LIFE-07'],
  title: 'Every offer is OFFERED, expires after its offer set was created, and offers exactly ACCEPTED and REJECTED',
  async run(ctx: CheckContext) {
    const before = ctx.now();
    const { offerset, offers } = await ctx.offers(1);
    const createdText = get(offerset, 'meta', 'created');
    const created = instantMs(createdText) ?? before - 1000;
    offers.forEach((offer, i) => {
      // An offer that lapsed between the answer and its reading (a 303 to a slow broker) is EXPIRED by right.
      if (offer['phase'] === 'EXPIRED' && lapsed(offer, ctx.now())) return;
      ctx.ensure(
        offer['phase'] === 'OFFERED',
        `${label(offer, i)} is in phase ${String(offer['phase'])}, expected OFFERED`,
        'EB-UPD-03',
      );
      const expires = instantMs(offer['expires']);
      ctx.ensure(
        expires !== undefined,
        `${label(offer, i)} has no readable expires (${JSON.stringify(offer['expires'])})`,
        'EB-LIFE-12',
      );
      ctx.ensure(
        instantAfter(offer['expires'], createdText) ?? expires > created,
        `${label(offer, i)} expires ${String(offer['expires'])}, not after the offer set's creation`,
        'EB-LIFE-12',
      );
      const values = phaseOptions(offer);
      ctx.ensure(
        values,
        `${label(offer, i)} advertises no meta.options (expected a phase option with ACCEPTED and REJECTED)`,
        'EB-UPD-03',
      );
      const sorted = [...values].sort().join(',');
      ctx.ensure(
        sorted === 'ACCEPTED,REJECTED',
        `${label(offer, i)} offers phase values [${values.join(', ')}], expected exactly ACCEPTED and REJECTED`,
        'EB-LIFE-07',
      );
    });
    return { outcome: 'pass', message: `${offers.length} offer(s) with expiry and the OFFERED options` };
  },
});
