import type { CheckContext, Doc } from './context.js';
import { get, isDoc, phaseOptions } from './context.js';
import { startWindow } from './fixtures.js';
import { lapsed, uuidOf } from './offers.js';

/** Request shape likely to give several offers: a wide start window. */
export const MANY_OFFERS = { start: startWindow(1, 6), duration: 'PT1M' };

/** What is wrong with the options a session in `phase` advertises (EB-LIFE-07), if anything. */
export function optionsProblem(session: unknown): string | undefined {
  const phase = String(get(session, 'phase'));
  const values = (phaseOptions(session) ?? []).slice().sort().join(',');
  const expected =
    phase === 'OFFERED' ? 'ACCEPTED,REJECTED' : ['ACCEPTED', 'WAITING', 'PREPARING', 'AVAILABLE', 'RUNNING'].includes(phase) ? 'CANCELLED' : '';
  return values === expected ? undefined : `in phase ${phase} the session offers [${values}], expected [${expected}]`;
}

/** Accepts `offer`; fails the check unless the answer is 200 with the session accepted. */
export async function accept(ctx: CheckContext, offer: Doc): Promise<{ url: string; session: Doc }> {
  const url = ctx.sessionUrl(offer);
  const ex = await ctx.update(url, 'ACCEPTED');
  if (ex.status === 409) {
    // A slow broker or a short offer lifetime can let the offer lapse between reading it and accepting it:
    // that is the broker keeping its word on `expires`, not a refusal to accept.
    const now = await ctx.session(url);
    if (now['phase'] === 'EXPIRED' || lapsed(offer)) {
      ctx.skip(`precondition not met: the offer expired (expires ${String(offer['expires'])}) before the accept reached the broker`);
    }
  }
  ctx.ensure(ex.status === 200, `accepting ${uuidOf(offer) ?? url} answered ${ex.status}, expected 200`);
  ctx.ensure(isDoc(ex.value), 'the answer to the accept is not a session document');
  return { url, session: ex.value };
}
