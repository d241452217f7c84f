import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { isDoc, isFinal } from '../../lib/context.js';
import { accept, lateStartAdvice, statedStartMs } from '../../lib/lifecycle.js';

const ACTIVE = new Set(['PREPARING', 'AVAILABLE', 'RUNNING']);
const RUNNING = new Set(['AVAILABLE', 'RUNNING']);
/** How long the check waits for AVAILABLE or RUNNING before it cancels what it has (PREPARING). */
const RUNNING_WAIT_MS = 20_000;

/**
 * Cancelling a session that is already preparing or running ends it CANCELLED (PREPARING, AVAILABLE, RUNNING →
 * CANCELLED in the transition table), not RELEASING and then COMPLETED as if it had run its course. The check
 * cancel-after-accept cancels before anything started; this one waits for the session to start first.
 */
export default defineCheck({
  level: 'MUST',
  requirements: ['EB-LIFE-08'],
  title: 'A session cancelled while PREPARING, AVAILABLE or RUNNING ends CANCELLED, not COMPLETED',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1, { duration: 'PT30M' });
    const { url, session } = await accept(ctx, offers[0] as Record<string, unknown>);
    // A session stated to start after the run's deadline cannot be seen running in it: said at once, rather than
    // waited for until the deadline, which left the checks after this one and the final sweep no time.
    const startsAt = statedStartMs(session);
    if (startsAt !== undefined && startsAt > ctx.waitUntil() && !ACTIVE.has(String(session['phase'])))
      ctx.skip(`precondition not met: ${lateStartAdvice(ctx, session, 'lets it start', 'start')}`);
    // Running is where a broker is most tempted to wind down instead (RELEASING → COMPLETED): once the session has
    // started, wait a while for it to run, and cancel in PREPARING when preparing takes longer.
    const active = (s: Record<string, unknown>) => ACTIVE.has(String(s['phase'])) || isFinal(s['phase']);
    const running = (s: Record<string, unknown>) => RUNNING.has(String(s['phase'])) || isFinal(s['phase']);
    let started = active(session) ? session : (await ctx.poll(url, active)).last;
    if (!running(started) && ACTIVE.has(String(started['phase'])))
      started = (await ctx.poll(url, running, ctx.now() + RUNNING_WAIT_MS)).last;
    const phase = String(started['phase']);
    if (isFinal(phase)) ctx.na(`not applicable: the session went to ${phase} before it was seen preparing or running`);
    if (!ACTIVE.has(phase))
      ctx.skip(
        `precondition not met: the session was still ${phase} when the run's deadline came; ${lateStartAdvice(ctx, started, 'lets it start', 'start')}`,
      );
    const ex = await ctx.update(url, 'CANCELLED');
    if (ex.status === 409 && isFinal((await ctx.session(url))['phase']))
      ctx.na('not applicable: the session ended between the read and the cancel');
    ctx.ensure(
      ex.status === 200 && isDoc(ex.value),
      `cancelling a ${phase} session answered ${ex.status}, expected 200 (${phase} offers CANCELLED)`,
    );
    const { last, phases } = await ctx.poll(url, (s) => isFinal(s['phase']));
    ctx.ensure(
      last['phase'] === 'CANCELLED' || !isFinal(last['phase']),
      `cancelled while ${phase}, the session went ${[phase, ...phases].join(' → ')}: ${phase} → CANCELLED is the transition a cancel makes`,
    );
    return {
      outcome: 'pass',
      message: isFinal(last['phase'])
        ? `cancelled while ${phase}, then CANCELLED`
        : `cancelled while ${phase}, and not ended otherwise (${String(last['phase'])} when the check's time ran out)`,
    };
  },
});
