import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { expectSemanticRefusal } from '../../lib/semantic-refusal.js';
import { offered } from '../../lib/offers.js';
import { BusyAnswer } from '../../lib/retry.js';
import type { Refusal } from '../../lib/semantic-refusal.js';

/** More cores than any platform has: a valid request the service cannot meet. */
const CORES = 1_000_000;

/**
 * A valid request for more than the platform has is answered NO (EB-ERR-15), or refused with a 4xx as asking for
 * something the service does not provide (EB-ERR-12 allows that); never with a 5xx, which says the service failed,
 * and never with a YES whose offers fall short of it.
 */
export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-15'],
  title: `A valid request for more than any platform has (${CORES.toLocaleString('en')} cores) is answered NO or 4xx, never 5xx`,
  async run(ctx: CheckContext) {
    const request = ctx.request({ cores: { min: CORES, max: CORES } });
    const r = await refusalOrBusy(ctx, () =>
      expectSemanticRefusal(
        ctx,
        request,
        `a request for ${CORES} cores`,
        ['cores', 'compute', 'resource', 'capacity', 'limit', String(CORES)],
        (offer) => (offered(offer, 'cores')?.min ?? offered(offer, 'cores')?.max ?? 0) >= CORES,
        // Naming the shortfall in a NO is EB-ERR-12's (a note here): a NO for lack of room is what is asked.
        'EB-ERR-12',
      ),
    );
    const how =
      r.how === 'error'
        ? `refused with ${r.status} and an error document`
        : r.how === 'no'
          ? 'answered NO'
          : `answered YES with ${r.offers} offer(s) of ${CORES} cores or more`;
    return { outcome: 'pass', message: how };
  },
});

/**
 * A 503 (or 429) to every try is "busy", which alone judges nothing; but when the broker answers the suite's
 * ordinary request at once, the 503 is its answer to this one: a failure it reports for a request it cannot meet.
 */
async function refusalOrBusy(ctx: CheckContext, refusal: () => Promise<Refusal>): Promise<Refusal> {
  try {
    return await refusal();
  } catch (err) {
    if (!(err instanceof BusyAnswer)) throw err;
    const ordinary = await ctx.submit(ctx.request());
    ctx.fail(
      `a request for ${CORES} cores: answered ${err.status} every time it was asked, while the suite's ordinary request is answered ${ordinary.first.status}: a service that cannot meet a valid request answers NO, not ${err.status}`,
    );
  }
}
