import type { CheckContext, Doc } from './context.js';
import { instantMs } from './time.js';

/** Margin after `expires` before the suite expects the offer to read EXPIRED. */
export const EXPIRY_GRACE_MS = 1_200;
/** How long past the grace the suite keeps reading an offer that still says OFFERED. */
export const EXPIRY_SETTLE_MS = 3_000;
/** Seconds a suggested deadline adds for the rest of the run (the checks before this one, the reports). */
const RUN_MARGIN_S = 30;
/** Time the check still needs after the wait (read back, try to accept). */
const AFTER_WAIT_MS = 5_000;

/**
 * Gets one offer and waits until it should have expired. The wait is bounded by the run's deadline, not by a
 * fixed budget: a broker with long-lived offers is waited for when the deadline allows it, and otherwise the
 * check skips naming the deadline that would let it run (never a fail for a lifetime the standard leaves open).
 */
export async function waitForExpiry(ctx: CheckContext): Promise<{ url: string; offer: Doc }> {
  const { offers } = await ctx.offers(1);
  const offer = offers[0] as Doc;
  const expires = instantMs(offer['expires']);
  ctx.ensure(expires !== undefined, `the offer has no readable expires (${JSON.stringify(offer['expires'])})`);
  const wait = expires - ctx.now() + EXPIRY_GRACE_MS;
  const budget = ctx.remainingMs() - AFTER_WAIT_MS;
  if (wait > budget) {
    // Rounded up to 10 s: both expiry checks, which get their offers a moment apart, name the same deadline. Run one
    // at a time (--concurrency 1), each waits out a lifetime after the other: a deadline for one wait lets only the
    // first run. A check that started late (after others) needs this run's deadline plus what it lacked.
    const rounds = ctx.expiryRounds();
    // Each wait is rounded up to 10 s before it is counted twice or more: two checks' waits a second apart would
    // otherwise name deadlines 10 s apart.
    const fresh = rounds * Math.ceil((wait + AFTER_WAIT_MS) / 10_000) * 10 + RUN_MARGIN_S;
    const late = Math.ceil((ctx.runDeadlineMs() + wait - budget) / 1000) + RUN_MARGIN_S / 3;
    const needed = Math.ceil(Math.max(fresh, late) / 10) * 10;
    const why =
      late > fresh
        ? `this run's deadline, plus the ${Math.ceil((wait - budget) / 1000)} s this check, started after others, lacked`
        : `${rounds > 1 ? `${rounds} waits one after another (the expiry checks at this --concurrency)` : 'the wait'}, ${AFTER_WAIT_MS / 1000} s to read it back and try it, and ${RUN_MARGIN_S} s for the checks that run before it`;
    ctx.skip(
      `precondition not met: the offer expires in ${Math.round(wait / 1000)} s, after this run's deadline (${Math.round(ctx.remainingMs() / 1000)} s left); run with --deadline ${needed} or more to check expiry (${why})`,
    );
  }
  await ctx.sleep(Math.max(0, wait));
  return { url: ctx.sessionUrl(offer), offer };
}
