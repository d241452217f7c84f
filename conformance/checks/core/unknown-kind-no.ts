import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { asArray, get } from '../../lib/context.js';
import { offersOf } from '../../lib/offers.js';
import { UNKNOWN_EXECUTABLE_KIND } from '../../lib/fixtures.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-KIND-02'],
  title: 'A request for an executable kind the service does not know is answered NO with a message',
  async run(ctx: CheckContext) {
    const request = ctx.request({ executableKind: UNKNOWN_EXECUTABLE_KIND });
    const first = await ctx.post(ctx.url('/requests'), request, 'request', {
      format: 'json',
      accept: 'json',
      expect: 'offerset',
    });
    // A refusal is what EB-KIND-02 forbids; any other way of handing out the offer set is EB-HTTP-06's to judge.
    ctx.ensure(
      first.status < 400,
      `an unknown executable kind was answered ${first.status}, expected an offer set with result NO (303 or 200)`,
    );
    const { offerset } = await ctx.offersetAfter(first);
    for (const offer of offersOf(offerset)) ctx.track(offer);
    ctx.ensure(get(offerset, 'result') === 'NO', `result is ${String(get(offerset, 'result'))}, expected NO`);
    ctx.ensure(asArray(get(offerset, 'meta', 'messages')).length > 0, 'NO without a message naming the unknown kind');
    return { outcome: 'pass', message: 'answered NO with a message' };
  },
});
