import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { asArray, get } from '../../lib/context.js';
import { UNREACHABLE_DATA, dataRequest } from '../../lib/fixtures.js';
import { offersOf } from '../../lib/offers.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-OFF-17'],
  title: 'A request naming data the service cannot reach is answered NO, not offered',
  async run(ctx: CheckContext) {
    // Reachable data MAY be offered, so only the unreachable side can be held against a broker.
    const { offerset } = await ctx.submit(dataRequest(UNREACHABLE_DATA));
    const result = get(offerset, 'result');
    ctx.ensure(
      result === 'NO',
      `data at ${UNREACHABLE_DATA} (a host that can never resolve) was answered ${String(result)} with ${offersOf(offerset).length} offer(s), expected NO`,
    );
    ctx.ensure(offersOf(offerset).length === 0, 'result NO, yet the offer set lists offers');
    // EB-OFF-17 asks only for NO; the message saying why is EB-OFF-09's (core-result-consistent judges it).
    const messages = asArray(get(offerset, 'meta', 'messages')).length;
    ctx.judgeOrNote(messages > 0, 'NO without a message saying the data cannot be reached', 'EB-OFF-09');
    return {
      outcome: 'pass',
      message: `NO for data at ${UNREACHABLE_DATA}, ${messages > 0 ? 'with a message' : 'without a message (a note)'}`,
    };
  },
});
