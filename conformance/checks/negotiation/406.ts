import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { formatOfContentType } from '../../lib/formats.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-HTTP-12', 'EB-ERR-01'],
  title: 'An Accept the service cannot satisfy is answered 406 with the error document in YAML',
  async run(ctx: CheckContext) {
    let ex = await ctx.post(ctx.url('/requests'), ctx.request(), 'request', { format: 'json', accept: 'text/html' });
    // A broker that judges the body first and will not read JSON (EB-HTTP-01, not this check's) is asked in YAML.
    if (ex.status === 415) {
      ctx.note(
        'the JSON body was refused with 415 (EB-HTTP-01, judged by the checks that cite it); sent again as YAML',
      );
      ex = await ctx.post(ctx.url('/requests'), ctx.request(), 'request', { format: 'yaml', accept: 'text/html' });
      ctx.ensure(
        ex.status !== 415,
        `POST /requests with Accept: text/html answered 415 to both a JSON and a YAML body, which every broker must read`,
        'EB-HTTP-01',
      );
    }
    ctx.expectRefusal(ex, [406], 'POST /requests with Accept: text/html', ['NO_ACCEPTABLE_FORMAT']);
    ctx.ensure(
      formatOfContentType(ex.headers['content-type']) === 'yaml',
      `the 406 error document is ${ex.headers['content-type'] ?? 'untyped'}, expected YAML (nothing was negotiated)`,
    );
    return { outcome: 'pass', message: '406 NO_ACCEPTABLE_FORMAT with a YAML error document' };
  },
});
