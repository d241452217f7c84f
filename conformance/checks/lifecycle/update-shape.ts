import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { lapsed } from '../../lib/offers.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-UPD-05', 'EB-ERR-08', 'EB-ERR-06'],
  title: 'An update without a value is refused: 422 INVALID_DOCUMENT, or 400 MALFORMED_BODY (never 5xx)',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1);
    const url = ctx.sessionUrl(offers[0]);
    const ex = await ctx.post(url, { kind: 'uri:enum-value-update', path: 'phase' }, 'update', {
      format: 'json',
      accept: 'json',
    });
    // EB-ERR-08 allows either for any body that breaks the schema: 400 from a service that binds while it parses.
    const bound = ex.status === 400;
    if (bound) ctx.expectRefusal(ex, [400], 'an update without value', ['MALFORMED_BODY']);
    else ctx.expectRefusal(ex, [422, 400], 'an update without value', ['INVALID_DOCUMENT']);
    const s = await ctx.session(url);
    const given = offers[0]?.['phase'];
    // Unchanged is the phase the offer had when given (an offer handed out EXPIRED stays so), or its lapse.
    ctx.ensure(
      s['phase'] === given || (s['phase'] === 'EXPIRED' && lapsed(offers[0], ctx.now())),
      `the refused update changed the phase from ${String(given)} to ${String(s['phase'])}`,
    );
    return { outcome: 'pass', message: bound ? '400 MALFORMED_BODY (allowed)' : '422 INVALID_DOCUMENT' };
  },
});
