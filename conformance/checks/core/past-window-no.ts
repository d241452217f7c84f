import type { CheckContext } from '../../lib/context.js';
import { asArray, get } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { iso } from '../../lib/time.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-15', 'EB-OFF-12'],
  title: 'A request whose start window is already past is answered NO, not refused with an error',
  async run(ctx: CheckContext) {
    // A whole window in the past (two days ago, for a day): valid, but no start inside it can still be offered.
    const to = ctx.now() - 24 * 3600_000;
    const window = `${iso(to - 24 * 3600_000)}/${iso(to)}`;
    const request = ctx.request({ start: window, duration: 'PT10M' });
    const first = await ctx.post(ctx.url('/requests'), request, 'request', {
      format: 'json',
      accept: 'json',
      expect: 'offerset',
    });
    // A valid request is no client mistake (EB-ERR-06 is about those): a 5xx here is a refusal EB-ERR-15 forbids.
    ctx.ensure(
      first.status < 400,
      `a request for the past window ${window} was refused with ${first.status}; a valid request that cannot be met is answered with an offer set whose result is NO`,
      'EB-ERR-15',
    );
    const { offerset } = await ctx.offersetAfter(first);
    const result = get(offerset, 'result');
    const offers = asArray(offerset['offers']);
    ctx.ensure(
      result !== 'YES',
      `a request for the past window ${window} was answered YES with ${offers.length} offer(s), none of which can start inside it`,
      'EB-OFF-12',
    );
    ctx.ensure(result === 'NO', `the offer set's result is ${String(result)}, expected NO`, 'EB-ERR-15');
    return { outcome: 'pass', message: `answered NO for the past window ${window}` };
  },
});
