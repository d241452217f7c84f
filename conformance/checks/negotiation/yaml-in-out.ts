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
    // Schema validity is core-offerset-valid's to judge (one defect, one failing check): a note here.
    ctx.noteErrors(final, 'the YAML offer set');
    return { outcome: 'pass', message: 'YAML in, YAML out, Content-Type matches the body' };
  },
});
