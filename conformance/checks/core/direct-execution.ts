import { get, isActive, isDoc, verdict, type CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { relativeLocation } from '../../lib/location.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-HTTP-07'],
  title: 'POST /direct answers 303 to an accepted session, 200 with it, or 400 with a FAILED session',
  async run(ctx: CheckContext) {
    const ex = await ctx.post(ctx.url('/direct'), ctx.request(), 'request', {
      format: 'json',
      accept: 'json',
      expect: 'session',
    });
    if (ex.status === 400) {
      ctx.ensure(get(ex.value, 'phase') === 'FAILED' || isDoc(ex.value), `400 without a FAILED session`);
      return { outcome: 'pass', message: '400 (nothing offerable)' };
    }
    let session: unknown;
    let relative: string | undefined;
    if (ex.status === 303) {
      relative = relativeLocation(ex.headers['location']);
      const url = ctx.followable(ex.headers['location'], 'the Location of the 303', ex.url);
      ctx.track({ meta: { url } });
      session = await ctx.session(url);
    } else {
      ctx.ensure(ex.status === 200, `POST /direct answered ${ex.status}, expected 303, 200 or 400`);
      session = ctx.sessionOf(ex, 'POST /direct (200)', 'EB-HTTP-07');
      ctx.track(session);
    }
    const phase = get(session, 'phase');
    ctx.ensure(
      isActive(phase) || phase === 'RELEASING' || phase === 'COMPLETED',
      `the direct session is in phase ${String(phase)}, expected ACCEPTED or later`,
    );
    const message = `direct session in phase ${String(phase)}`;
    // Advice, not a requirement broken: EB-HTTP-07 is met by a Location that resolves to the session.
    return relative ? verdict.warn(`${message}; but ${relative}`) : verdict.pass(message);
  },
});
