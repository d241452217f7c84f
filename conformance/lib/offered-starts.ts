import type { CheckContext } from './context.js';
import { label, offeredStart, offersOf } from './offers.js';

/** Why a start check cannot judge offers that state no start. */
export const NO_STATED_START =
  'precondition not met: no offer states an available start (schedule.available.start on the session, the executable or the compute resource), so the start cannot be compared';

const QUARTER_MS = 15 * 60_000;

/**
 * The `n`th quarter hour from 30 minutes ahead on: a start a broker planning by whole minutes or by slots of 5 or
 * 15 can meet, far enough ahead for its preparation. The start checks each take their own, so as not to compete
 * for one slot.
 */
export const quarterHourAhead = (ctx: CheckContext, n = 0): number =>
  Math.ceil((ctx.now() + 30 * 60_000) / QUARTER_MS) * QUARTER_MS + n * QUARTER_MS;

export interface StatedStart {
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
    return start ? [{ name: label(offer, i), start }] : [];
  });
  if (stated.length === 0) ctx.skip(NO_STATED_START);
  return stated;
}
