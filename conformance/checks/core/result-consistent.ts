import type { CheckContext, Doc } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { asArray, get } from '../../lib/context.js';
import { UNREACHABLE_STORAGE, unreachableStorageRequest } from '../../lib/fixtures.js';
import { offersOf } from '../../lib/offers.js';

/** Judges one offer set's result against its offers and messages; returns what it saw. */
function judgeResult(ctx: CheckContext, offerset: Doc, what: string): string {
  const result = offerset['result'];
  const offers = offersOf(offerset).length;
  ctx.ensure(result === 'YES' || result === 'NO', `${what}: result is ${String(result)}, expected YES or NO`);
  if (result === 'YES') {
    ctx.ensure(offers > 0, `${what}: result YES with no offers`);
    return `result YES with ${offers} offer(s)`;
  }
  ctx.ensure(offers === 0, `${what}: result NO but offers present`);
  const messages = asArray(get(offerset, 'meta', 'messages')).length;
  ctx.ensure(messages > 0, `${what}: result NO without any message saying why`);
  return `result NO with ${messages} message(s)`;
}

export default defineCheck({
  level: 'SHOULD',
  requirements: ['EB-OFF-09'],
  title: 'A YES offer set holds offers; a NO offer set holds none and says why',
  async run(ctx: CheckContext) {
    const { offerset } = await ctx.submit();
    const seen = [judgeResult(ctx, offerset, 'the probe request')];
    // The NO side needs a NO: unmanaged storage on a host that can never resolve must be answered NO (EB-OFF-17), or
    // refused (EB-ERR-12).
    const what = `unmanaged storage at ${UNREACHABLE_STORAGE}`;
    const first = await ctx.post(ctx.url('/requests'), unreachableStorageRequest(), 'request', {
      format: 'json',
      accept: 'json',
      expect: 'offerset',
    });
    if (first.status >= 400) seen.push(`${what} was refused with ${first.status}, not answered NO`);
    else {
      const { offerset: unreachable } = await ctx.offersetAfter(first);
      if (unreachable['result'] === 'NO') seen.push(judgeResult(ctx, unreachable, what));
      else
        seen.push(
          `${what} was answered ${String(unreachable['result'])} (EB-OFF-17 is core-unmanaged-storage-no's to judge), so no NO was seen`,
        );
    }
    return { outcome: 'pass', message: seen.join('; ') };
  },
});
