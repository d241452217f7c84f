import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { phaseOptions } from '../../lib/context.js';
import { accept } from '../../lib/lifecycle.js';
import { expectRefusalUnchanged } from '../../lib/refusal.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-04'],
  title: 'An update the session does not offer is refused with 409 UPDATE_NOT_OFFERED and leaves the session as it was',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1);
    const url = ctx.sessionUrl(offers[0]);
    // CANCELLED and RUNNING are never among the options of an OFFERED session (EB-LIFE-07), whatever else it offers.
    for (const value of ['CANCELLED', 'RUNNING']) {
      const before = await ctx.session(url);
      if (before['phase'] !== 'OFFERED')
        ctx.skip(
          `precondition not met: the offer is ${String(before['phase'])}, not OFFERED, before ${value} could be tried`,
        );
      if ((phaseOptions(before) ?? []).includes(value))
        ctx.skip(`precondition not met: the OFFERED session advertises ${value}, so it is not a refused update here`);
      const ex = await ctx.update(url, value);
      await expectRefusalUnchanged(ctx, url, before, ex, {
        statuses: [409],
        what: `${value} on an OFFERED session`,
        codes: ['UPDATE_NOT_OFFERED'],
      });
    }
    // Once accepted, a second ACCEPTED is not offered either; the broker may move the session on, never back. The
    // session is read back first: the accept's answer is EB-UPD-08's to judge, and only what is not advertised
    // is this check's (a broker advertising ACCEPTED owes the 409 under EB-LIFE-10 and EB-LIFE-07, judged elsewhere).
    await accept(ctx, await ctx.session(url));
    const session = await ctx.session(url);
    const refused = 'CANCELLED and RUNNING on an OFFERED session';
    if ((phaseOptions(session) ?? []).includes('ACCEPTED')) {
      ctx.note(
        `the ${String(session['phase'])} session advertises ACCEPTED, so a second ACCEPTED is not an update it leaves unoffered (EB-LIFE-07, EB-LIFE-10: judged by the checks that cite them)`,
      );
      return {
        outcome: 'pass',
        message: `${refused} were refused with 409, and reading the session back showed no change; the accepted session advertises ACCEPTED, so a second accept was not tried here`,
      };
    }
    const ex = await ctx.update(url, 'ACCEPTED');
    await expectRefusalUnchanged(ctx, url, session, ex, {
      statuses: [409],
      what: `ACCEPTED on a session already ${String(session['phase'])}`,
    });
    return {
      outcome: 'pass',
      message: `${refused} and a second ACCEPTED were refused with 409, and reading the session back showed no change`,
    };
  },
});
