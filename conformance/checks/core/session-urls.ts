import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { label, lapsed, uuidOf } from '../../lib/offers.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-UPD-01', 'EB-HTTP-17'],
  title: "Each offer's meta.url serves that session",
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1);
    for (const [i, offer] of offers.entries()) {
      const url = ctx.sessionUrl(offer);
      const session = await ctx.session(url);
      ctx.ensure(
        uuidOf(session) === uuidOf(offer),
        `${label(offer, i)}: ${url} serves session ${uuidOf(session) ?? '(no uuid)'}`,
      );
      // The offer may have lapsed between the two reads (a slow broker, a short lifetime): EXPIRED is then right.
      const expired = offer['phase'] === 'OFFERED' && session['phase'] === 'EXPIRED' && lapsed(offer, ctx.now());
      ctx.ensure(
        session['phase'] === offer['phase'] || expired,
        `${label(offer, i)}: phase ${String(session['phase'])} at its URL, ${String(offer['phase'])} in the offer set`,
      );
    }
    return { outcome: 'pass', message: `${offers.length} session URL(s) serve their sessions` };
  },
});
