import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-HTTP-13', 'EB-ERR-01'],
  title: 'A body of a media type the service does not read is answered 415 with the error document',
  async run(ctx: CheckContext) {
    const ex = await ctx.post(ctx.url('/requests'), ctx.request(), 'request', {
      format: 'json',
      contentType: 'text/plain',
      accept: 'json',
    });
    ctx.expectRefusal(ex, [415], 'POST /requests with Content-Type: text/plain', ['UNSUPPORTED_CONTENT_TYPE']);
    return { outcome: 'pass', message: '415 UNSUPPORTED_CONTENT_TYPE with the error document' };
  },
});
