import type { CheckContext, Doc } from './context.js';
import { instantMs } from './time.js';

/** Margin after `expires` before the suite expects the offer to read EXPIRED. */
export const EXPIRY_GRACE_MS = 1_200;

/** Gets one offer and waits until it should have expired; skips when that is beyond the wait budget. */
export async function waitForExpiry(ctx: CheckContext, budgetMs: number): Promise<{ url: string; offer: Doc }> {
  const { offers } = await ctx.offers(1);
  const offer = offers[0] as Doc;
  const expires = instantMs(offer['expires']);
  ctx.ensure(expires !== undefined, `the offer has no readable expires (${JSON.stringify(offer['expires'])})`);
  const wait = expires - Date.now() + EXPIRY_GRACE_MS;
  if (wait > budgetMs) ctx.skip(`precondition not met: the offer expires in ${Math.round(wait / 1000)} s, beyond this run's wait budget of ${Math.round(budgetMs / 1000)} s (raise --deadline)`);
  await ctx.sleep(Math.max(0, wait));
  return { url: ctx.sessionUrl(offer), offer };
}
