import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { expectFormat } from '../../lib/formats.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-HTTP-01', 'EB-HTTP-04', 'EB-HTTP-14'],
  title: 'A YAML request is read, and YAML is returned when Accept asks for it',
  async run(ctx: CheckContext) {
    const { final, first } = await ctx.submit(ctx.request(), { format: 'yaml', accept: 'yaml' });
    if (first.status === 200) expectFormat(ctx, first, 'yaml', 'POST /requests');
    expectFormat(ctx, final, 'yaml', 'the offer set');
    ctx.ensure(ctx.errors(final).length === 0, `the YAML offer set breaks the schema: ${ctx.describeErrors(final)}`);
    return { outcome: 'pass', message: 'YAML in, YAML out, Content-Type matches the body' };
  },
});
