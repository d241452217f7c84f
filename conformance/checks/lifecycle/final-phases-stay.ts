import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { isDoc } from '../../lib/context.js';

/** How long after a session was first seen in a final phase it is read again, at least. */
const SETTLE_MS = 1_500;
/** Most sessions read again (the oldest first: they had the longest to change), and how many at once. */
const MAX_REREAD = 64;
const REREAD_AT_ONCE = 8;

/**
 * REJECTED, EXPIRED, COMPLETED, FAILED and CANCELLED are terminal: no transition leaves them (EB-LIFE-08). Each
 * check that ends a session reads it once in its final phase, so a broker that answers a cancel with CANCELLED and
 * runs the session on, or that revives a rejected offer, would pass them all. This check runs after the others: it
 * reads again every session the run saw in a final phase at least SETTLE_MS before, and fails on any other phase
 * it or any check's reads saw after a final one.
 */
export default defineCheck({
  level: 'MUST',
  requirements: ['EB-LIFE-08'],
  afterAll: true,
  title: 'A session seen in a final phase (REJECTED, EXPIRED, COMPLETED, FAILED, CANCELLED) stays in it',
  async run(ctx: CheckContext) {
    const { finals } = ctx.finalPhases();
    if (finals.size === 0) ctx.na('not applicable: no session was seen in a final phase during the run');
    const byAge = [...finals].sort(([, a], [, b]) => a.at - b.at);
    // Those seen final SETTLE_MS ago or more are read again now; only when there is none does the check wait, for
    // the oldest (a run ends soon after its last sessions end: waiting for those would lengthen every run).
    const first = byAge[0]![1].at;
    const wait = Math.min(first + SETTLE_MS - ctx.now(), ctx.waitUntil() - ctx.now());
    if (wait > 0) await ctx.sleep(wait);
    const settled = byAge.filter(([, f]) => ctx.now() - f.at >= SETTLE_MS);
    const oldest = (settled.length > 0 ? settled : byAge.slice(0, 1)).slice(0, MAX_REREAD);
    let read = 0;
    for (let i = 0; i < oldest.length; i += REREAD_AT_ONCE) {
      await Promise.all(
        oldest.slice(i, i + REREAD_AT_ONCE).map(async ([url]) => {
          // A broker may forget a finished session (404, 410): that is no transition, so only a session read counts.
          const ex = await ctx.get(url, { accept: 'json', expect: 'session' });
          if (ex.status === 200 && isDoc(ex.value)) read++;
        }),
      );
    }
    const { revived } = ctx.finalPhases();
    const changed = [...revived];
    if (changed.length > 0) {
      const shown = changed
        .slice(0, 3)
        .map(([url, r]) => `${url} was ${r.from}, then ${r.to} ${(r.afterMs / 1000).toFixed(1)} s later`)
        .join('; ');
      ctx.fail(
        `${changed.length} session(s) left a final phase: ${shown}${changed.length > 3 ? `; and ${changed.length - 3} more` : ''} (a final phase has no transition)`,
        'EB-LIFE-08',
      );
    }
    if (read === 0)
      ctx.skip(
        `precondition not met: none of the ${oldest.length} session(s) seen in a final phase could be read again`,
      );
    return {
      outcome: 'pass',
      message: `${read} session(s) seen in a final phase were read again at least ${SETTLE_MS / 1000} s later, still in it (of ${finals.size} seen final)`,
    };
  },
});
