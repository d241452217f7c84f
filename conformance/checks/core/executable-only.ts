import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { asArray, get } from '../../lib/context.js';
import { resultText } from '../../lib/doc.js';
import { executableOnlyRequest } from '../../lib/fixtures.js';
import { offersOf } from '../../lib/offers.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-OFF-18'],
  title: 'A request holding only an executable is valid: it is answered with an offer set (YES or NO), never an error',
  async run(ctx: CheckContext) {
    // submit() fails on any status but 303/200, so a 4xx refusal of this valid request is caught there.
    const { offerset, final } = await ctx.submit(executableOnlyRequest());
    const result = get(offerset, 'result');
    ctx.ensure(
      result === 'YES' || result === 'NO',
      `the answer to an executable-only request has ${resultText(result)}, expected YES or NO`,
    );
    // Schema validity and the YES/NO consistency are other checks' requirements (EB-DM-09, EB-OFF-09): notes here.
    ctx.noteErrors(final, 'the offer set');
    const n = offersOf(offerset).length;
    if (result === 'YES' && n === 0)
      ctx.note('result YES with no offers (EB-OFF-09, judged by core-result-consistent)');
    if (result === 'NO' && asArray(get(offerset, 'meta', 'messages')).length === 0)
      ctx.note('result NO without a message (EB-OFF-09, judged by core-result-consistent)');
    return { outcome: 'pass', message: `answered ${String(result)} with ${n} offer(s)` };
  },
});
