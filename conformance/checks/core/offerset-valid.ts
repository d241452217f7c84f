import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-DM-09', 'EB-DM-02', 'EB-KIND-01'],
  title: 'The offer set is valid against the schema and the MUST rules',
  async run(ctx: CheckContext) {
    const { final } = await ctx.submit();
    ctx.ensure(final.validation, 'the offer set was not validated (unreadable body)');
    const errors = ctx.errors(final);
    ctx.ensure(errors.length === 0, `${errors.length} validation error(s): ${ctx.describeErrors(final)}`);
    const warnings = (final.validation.findings ?? []).filter((f) => f.level === 'warning');
    if (warnings.length > 0) ctx.warn(`valid, with ${warnings.length} warning(s): ${warnings.slice(0, 2).map((w) => `${w.ruleId}: ${w.message}`).join('; ')}`);
    return { outcome: 'pass', message: 'no validation errors' };
  },
});
