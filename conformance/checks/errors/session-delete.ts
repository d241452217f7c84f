import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { expectRefusalUnchanged } from '../../lib/refusal.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-09'],
  title: 'DELETE on a session is answered 405 with an Allow header, and the session is left as it was',
  async run(ctx: CheckContext) {
    const { offers } = await ctx.offers(1);
    const url = ctx.sessionUrl(offers[0]);
    const before = await ctx.session(url);
    // Sessions are changed by POSTing an update (spec/02 §2.4), never deleted: DELETE is a method the path lacks.
    const ex = await ctx.send({ method: 'DELETE', url, headers: { accept: 'application/json' } });
    await expectRefusalUnchanged(ctx, url, before, ex, {
      statuses: [405],
      what: `DELETE ${url}`,
      codes: ['METHOD_NOT_ALLOWED'],
    });
    const allow = ex.headers['allow'] ?? '';
    ctx.ensure(
      /\bGET\b/i.test(allow) && /\bPOST\b/i.test(allow) && !/\bDELETE\b/i.test(allow),
      `the 405 answer has Allow: ${allow || '(none)'}, expected it to name GET and POST and not DELETE`,
    );
    return { outcome: 'pass', message: `405 with Allow: ${allow}; the session is unchanged` };
  },
});
