import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';

/** Above the 10 MiB parse limit of ARCHITECTURE.md, so any conforming limit is exceeded. */
const SIZE = 11 * 1024 * 1024;

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-05', 'EB-ERR-06'],
  title: 'An oversized request body is refused with 413 BODY_TOO_LARGE',
  async run(ctx: CheckContext) {
    const body = `# ${'x'.repeat(SIZE)}\nexecutable: {}\n`;
    const ex = await ctx.send({ method: 'POST', url: ctx.url('/requests'), headers: { 'content-type': 'application/yaml', accept: 'application/json' }, body });
    ctx.expectRefusal(ex, [413], `a ${SIZE}-byte body`, ['BODY_TOO_LARGE']);
    return { outcome: 'pass', message: '413 BODY_TOO_LARGE' };
  },
});
