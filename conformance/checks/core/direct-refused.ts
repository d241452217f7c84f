import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { get, isDoc } from '../../lib/context.js';
import { UNKNOWN_EXECUTABLE_KIND } from '../../lib/fixtures.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-HTTP-07', 'EB-KIND-02'],
  title: 'POST /direct of a request nothing here can run answers 400 with a FAILED session, never 5xx',
  async run(ctx: CheckContext) {
    const request = ctx.request({ executableKind: UNKNOWN_EXECUTABLE_KIND });
    const ex = await ctx.post(ctx.url('/direct'), request, 'request', {
      format: 'json',
      accept: 'json',
      expect: 'session',
    });
    ctx.ensure(
      ex.status < 500,
      `POST /direct of an unknown executable kind answered ${ex.status}; a request the broker cannot run is answered 400 with a FAILED session`,
      'EB-HTTP-07',
    );
    if (ex.status === 400 && get(ex.value, 'phase') === 'FAILED')
      return { outcome: 'pass', message: '400 with a FAILED session' };
    if (ex.status === 400 || ex.status === 422) {
      // EB-ERR-01 asks an error document of every 4xx, and EB-ERR-12 lets a request for what the service does not
      // provide be refused with one (422 INVALID_DOCUMENT); EB-HTTP-07 asks this FAILED session of /direct. A
      // broker that follows the general rule is told, not failed.
      ctx.warn(
        `${ex.status} with ${isDoc(ex.value) && typeof ex.value['code'] === 'string' ? `the error document ${String(ex.value['code'])}` : 'no session'} instead of 400 with a FAILED session with messages saying why`,
        'EB-HTTP-07',
      );
    }
    let session: unknown;
    if (ex.status === 303) {
      const url = ctx.followable(ex.headers['location'], 'the Location of the 303', ex.url);
      ctx.track({ meta: { url } });
      session = await ctx.session(url);
    } else {
      ctx.ensure(
        ex.status === 200,
        `POST /direct answered ${ex.status}, expected 400 with a FAILED session`,
        'EB-HTTP-07',
      );
      session = ctx.sessionOf(ex, 'POST /direct (200)', 'EB-HTTP-07');
      ctx.track(session);
    }
    ctx.ensure(
      get(session, 'phase') === 'FAILED',
      `POST /direct of an unknown executable kind gave a session in phase ${String(get(session, 'phase'))}; nothing can run it, so it is FAILED (400)`,
      'EB-KIND-02',
    );
    return { outcome: 'pass', message: `${ex.status} to a FAILED session` };
  },
});
