import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { asArray, get } from '../../lib/context.js';
import { ENUM_OPTION, STRING_UPDATE } from '../../lib/fixtures.js';
import { expectRefusalUnchanged } from '../../lib/refusal.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-UPD-06', 'EB-ERR-04'],
  title: 'A string-value update of the phase is refused when the session offers the phase only as an enum option',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1);
    const url = ctx.sessionUrl(offers[0]);
    const before = await ctx.session(url);
    // An offer already past OFFERED (expired when made, say) offers no phase update: its options say nothing here.
    if (before['phase'] !== 'OFFERED')
      ctx.skip(
        `precondition not met: the offer read ${String(before['phase'])}, not OFFERED, so its phase options were not compared`,
      );
    const phaseKinds = asArray(get(before, 'meta', 'options'))
      .filter((o) => ['phase', '/phase'].includes(String(get(o, 'path'))))
      .map((o) => String(get(o, 'kind')));
    if (!phaseKinds.includes(ENUM_OPTION) || phaseKinds.some((k) => k !== ENUM_OPTION)) {
      ctx.skip(
        `precondition not met: the OFFERED session's phase options are of kind(s) [${phaseKinds.join(', ')}], not only ${ENUM_OPTION}`,
      );
    }
    // The value is one the enum option lists: only the update's kind makes it unmatched (EB-UPD-06).
    const ex = await ctx.post(url, { kind: STRING_UPDATE, path: 'phase', value: 'ACCEPTED' }, 'update', {
      format: 'json',
      accept: 'json',
      expect: 'session',
    });
    await expectRefusalUnchanged(ctx, url, before, ex, {
      statuses: [409],
      what: `a ${STRING_UPDATE} of phase to ACCEPTED against an ${ENUM_OPTION}`,
      codes: ['UPDATE_NOT_OFFERED'],
    });
    return {
      outcome: 'pass',
      message: `${STRING_UPDATE} against the enum phase option refused with 409 UPDATE_NOT_OFFERED; the session is unchanged`,
    };
  },
});
