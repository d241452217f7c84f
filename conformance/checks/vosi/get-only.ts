import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-VOSI-05', 'EB-ERR-09'],
  title: 'POST to a VOSI endpoint is answered 405',
  async run(ctx: CheckContext) {
    for (const path of ['/availability', '/capabilities']) {
      const ex = await ctx.send({
        method: 'POST',
        url: ctx.url(path),
        headers: { 'content-type': 'application/yaml', accept: 'application/yaml' },
        body: 'x: 1\n',
      });
      ctx.expectRefusal(ex, [405], `POST ${path}`);
    }
    return { outcome: 'pass', message: 'both VOSI endpoints refuse POST with 405 and the error document' };
  },
});
