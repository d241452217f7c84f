import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { accept, manyOffers } from '../../lib/lifecycle.js';
import { lapsed } from '../../lib/offers.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-LIFE-11', 'EB-ERR-02', 'EB-ERR-14'],
  title: 'A sibling of an accepted offer cannot be accepted (409 OFFER_WITHDRAWN)',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(2, manyOffers(ctx));
    await accept(ctx, offers[0] as Record<string, unknown>);
    const sibling = offers[1] as Record<string, unknown>;
    const siblingUrl = ctx.sessionUrl(sibling);
    const before = await ctx.session(siblingUrl);
    // EB-LIFE-11 is about a sibling the service rejected; one it left OFFERED (EB-LIFE-02 is a SHOULD) is not one.
    if (before['phase'] === 'OFFERED')
      ctx.na(
        'not applicable: the broker left the sibling OFFERED after the accept (EB-LIFE-02 is a SHOULD, judged by lifecycle-accept-rejects-siblings), so no withdrawn offer exists to accept',
      );
    if (before['phase'] === 'EXPIRED' && lapsed(sibling, ctx.now()))
      ctx.skip('precondition not met: the sibling expired before it could be tried');
    const ex = await ctx.update(siblingUrl, 'ACCEPTED');
    const after = await ctx.session(siblingUrl);
    ctx.ensure(
      after['phase'] !== 'ACCEPTED',
      `the sibling (${String(before['phase'])}) was accepted (answered ${ex.status}), expected 409 OFFER_WITHDRAWN`,
      'EB-LIFE-11',
    );
    ctx.expectRefusal(
      ex,
      [409],
      `accepting a sibling (${String(before['phase'])}) of the accepted offer`,
      ['OFFER_WITHDRAWN'],
      'EB-LIFE-11',
    );
    return { outcome: 'pass', message: 'sibling accept refused: 409 OFFER_WITHDRAWN' };
  },
});
