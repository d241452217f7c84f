import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { accept, expectNotOffered } from '../../lib/lifecycle.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-LIFE-10', 'EB-ERR-04', 'EB-ERR-02'],
  title: 'Accepting an already accepted session is refused with 409 and the error document',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1);
    const { url, session } = await accept(ctx, offers[0] as Record<string, unknown>);
    const again = await ctx.update(url, 'ACCEPTED');
    const after = await ctx.session(url);
    const first = String(session['phase']);
    if (again.status >= 400)
      ctx.ensure(
        after['phase'] !== 'OFFERED',
        `the refused second accept moved the session back to OFFERED (the first accept's answer showed ${first})`,
        'EB-ERR-04',
      );
    else if (after['phase'] === 'OFFERED' && first === 'OFFERED')
      // Never accepted, so a second accept is no accept of an accepted session: a broken accept, not EB-LIFE-10.
      ctx.skip(
        `after two accepts, the second answered HTTP ${again.status}, the session still reads OFFERED: neither was carried out, so there is no accepted session to accept again (the first accept's answer showed OFFERED too; EB-UPD-08, judged by lifecycle-accept)`,
      );
    else
      ctx.ensure(
        after['phase'] !== 'OFFERED',
        `a second accept, answered HTTP ${again.status}, left the session OFFERED (the first accept's answer showed ${first})`,
        'EB-LIFE-10',
      );
    expectNotOffered(ctx, again, `a second accept (in phase ${String(session['phase'])})`, 'EB-LIFE-10', true);
    return {
      outcome: 'pass',
      message: `second accept refused: 409 ${String((again.value as Record<string, unknown>)['code'])}`,
    };
  },
});
