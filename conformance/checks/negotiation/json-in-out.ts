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
    // Schema validity is core-offerset-valid's to judge (one defect, one failing check): a note here.
    ctx.noteErrors(final, 'the JSON offer set');
    return { outcome: 'pass', message: 'JSON in, JSON out, Content-Type matches the body' };
  },
});
