import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { asArray, get } from '../../lib/context.js';
import { offersOf } from '../../lib/offers.js';

export default defineCheck({
  level: 'SHOULD',
  requirements: ['EB-OFF-09'],
  title: 'A YES offer set holds offers; a NO offer set holds none and says why',
  async run(ctx: CheckContext) {
    const { offerset } = await ctx.submit();
    const result = offerset['result'];
    ctx.ensure(result === 'YES' || result === 'NO', `result is ${String(result)}, expected YES or NO`);
    if (result === 'YES') ctx.ensure(offersOf(offerset).length > 0, 'result YES with no offers');
    else {
      ctx.ensure(offersOf(offerset).length === 0, 'result NO but offers present');
      ctx.ensure(asArray(get(offerset, 'meta', 'messages')).length > 0, 'result NO without any message saying why');
    }
    return { outcome: 'pass', message: `result ${result} with ${offersOf(offerset).length} offer(s)` };
  },
});
