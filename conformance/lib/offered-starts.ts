import type { CheckContext, Doc } from './context.js';
import { label, offeredStart, offersOf } from './offers.js';

/** Why a start check cannot judge offers that state no start. */
export const NO_STATED_START =
  'precondition not met: no offer states an available start (schedule.available.start on the session, the executable or the compute resource), so the start cannot be compared';

export interface StatedStart {
  offer: Doc;
  /** The offer as a verdict names it. */
  name: string;
  start: NonNullable<ReturnType<typeof offeredStart>>;
}

/**
 * The offers for a request to start in `range`, each with the start it states (those stating none left out). Skips
 * when the answer holds no offer — a NO is a broker's right when it cannot start there — or none states a start.
 */
export async function statedStartsFor(ctx: CheckContext, range: string): Promise<StatedStart[]> {
  const { offerset } = await ctx.submitForOffers(ctx.request({ start: range, duration: 'PT10M' }));
  const offers = offersOf(offerset);
  if (offerset['result'] !== 'YES' || offers.length === 0)
    ctx.skip(
      `precondition not met: the request to start in ${range} was answered ${String(offerset['result'])} with no offer, so no start can be compared (a NO is the broker's right when it cannot start there)`,
    );
  const stated = offers.flatMap((offer, i) => {
    const start = offeredStart(offer);
    return start ? [{ offer, name: label(offer, i), start }] : [];
  });
  if (stated.length === 0) ctx.skip(NO_STATED_START);
  return stated;
}
