import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { formatOfContentType } from '../../lib/formats.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-HTTP-12', 'EB-ERR-01'],
  title: 'An Accept the service cannot satisfy is answered 406 with the error document in YAML',
  async run(ctx: CheckContext) {
    const ex = await ctx.post(ctx.url('/requests'), ctx.request(), 'request', { format: 'json', accept: 'text/html' });
    ctx.expectRefusal(ex, [406], 'POST /requests with Accept: text/html', ['NO_ACCEPTABLE_FORMAT']);
    ctx.ensure(
      formatOfContentType(ex.headers['content-type']) === 'yaml',
      `the 406 error document is ${ex.headers['content-type'] ?? 'untyped'}, expected YAML (nothing was negotiated)`,
    );
    return { outcome: 'pass', message: '406 NO_ACCEPTABLE_FORMAT with a YAML error document' };
  },
});
