import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { EXPIRY_GRACE_MS, EXPIRY_SETTLE_MS, waitForExpiry } from '../../lib/expiry.js';
import { optionsProblem } from '../../lib/lifecycle.js';
import { instantMs } from '../../lib/time.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-LIFE-01', 'EB-LIFE-07', 'EB-LIFE-10'],
  title: 'An offer left alone is EXPIRED after its expiry time, offers nothing, and takes no update',
  slow: true,
  async run(ctx: CheckContext) {
    const { url, offer } = await waitForExpiry(ctx);
    const expires = instantMs(offer['expires']) as number;
    // A broker that expires offers on a periodic sweep gets a few seconds past the grace before it is blamed.
    const settled = expires + EXPIRY_GRACE_MS + EXPIRY_SETTLE_MS;
    const { last, at } = await ctx.poll(url, (x) => x['phase'] !== 'OFFERED', settled);
    let s = last;
    let sent = at.at(-1)?.sent ?? ctx.now();
    // Slow answers can end the poll on a read sent before the settle time: that read does not show the broker
    // had its few seconds, so one more read is made after it, when the run's deadline leaves room.
    if (s['phase'] === 'OFFERED' && sent < settled) {
      if (ctx.waitUntil() <= settled)
        ctx.skip(
          `precondition not met: the offer still read OFFERED ${Math.round(sent - expires)} ms after its expiry, and the run's deadline leaves no read ${(EXPIRY_GRACE_MS + EXPIRY_SETTLE_MS) / 1000} s after it; a longer --deadline judges it`,
        );
      await ctx.sleep(Math.max(0, settled - ctx.now()));
      sent = ctx.now();
      s = await ctx.session(url);
    }
    ctx.ensure(
      s['phase'] === 'EXPIRED',
      `read ${Math.round(sent - expires)} ms after its expiry time (${String(offer['expires'])}), the offer is ${String(s['phase'])}, expected EXPIRED`,
    );
    const problem = optionsProblem(s);
    ctx.ensure(!problem, problem ?? '', 'EB-LIFE-07');
    // EXPIRED is terminal: a late REJECTED (a client tidying up its offers) is refused and changes nothing. The
    // late ACCEPTED is expiry-accept-expired-refused's.
    const ex = await ctx.update(url, 'REJECTED');
    const after = await ctx.session(url);
    ctx.ensure(
      after['phase'] === 'EXPIRED',
      `REJECTED sent to the EXPIRED offer (answered ${ex.status}) left it ${String(after['phase'])}; a terminal phase takes no update`,
      'EB-LIFE-10',
    );
    ctx.expectRefusal(ex, [409], 'REJECTED on an EXPIRED offer', ['OFFER_EXPIRED', 'UPDATE_NOT_OFFERED'], 'EB-LIFE-10');
    return { outcome: 'pass', message: `EXPIRED on time, no options; a late REJECTED refused with 409` };
  },
});
