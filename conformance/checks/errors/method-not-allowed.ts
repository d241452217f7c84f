import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-09', 'EB-ERR-02'],
  title: 'A method a path does not support is 405 with an Allow header',
  async run(ctx: CheckContext) {
    const ex = await ctx.send({ method: 'DELETE', url: ctx.url('/requests'), headers: { accept: 'application/json' } });
    ctx.expectRefusal(ex, [405], 'DELETE /requests', ['METHOD_NOT_ALLOWED']);
    ctx.ensure(
      /POST/i.test(ex.headers['allow'] ?? ''),
      `the 405 answer has Allow: ${ex.headers['allow'] ?? '(none)'}, expected it to name POST`,
    );
    return { outcome: 'pass', message: `405 with Allow: ${ex.headers['allow']}` };
  },
});
