import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { expectFormat } from '../../lib/formats.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-HTTP-01', 'EB-HTTP-04', 'EB-HTTP-14'],
  title: 'A JSON request is read, and JSON is returned when Accept asks for it',
  async run(ctx: CheckContext) {
    const { final, first } = await ctx.submit(ctx.request(), { format: 'json', accept: 'json' });
    if (first.status === 200) expectFormat(ctx, first, 'json', 'POST /requests');
    expectFormat(ctx, final, 'json', 'the offer set');
    ctx.ensure(ctx.errors(final).length === 0, `the JSON offer set breaks the schema: ${ctx.describeErrors(final)}`);
    return { outcome: 'pass', message: 'JSON in, JSON out, Content-Type matches the body' };
  },
});
