import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import type { RequirementId } from '../../verdict.js';

const REQUIREMENTS: RequirementId[] = ['EB-DM-09', 'EB-DM-02', 'EB-KIND-01'];

export default defineCheck({
  level: 'MUST',
  requirements: REQUIREMENTS,
  title:
    'The offer set is valid against the schema and its kinds (findings of rules other checks judge are notes here)',
  async run(ctx: CheckContext) {
    const { final } = await ctx.submit();
    ctx.ensure(final.validation, 'the offer set was not validated (unreadable body)');
    // Only findings under this check's requirements (schema, kinds); a rule another check judges is a note here.
    const errors = ctx.judgedErrors(final);
    ctx.noteErrors(final, 'the offer set', errors);
    // Filed under the requirement the first error breaks (a missing kind is EB-KIND-01's, not the schema's).
    const broken = REQUIREMENTS.find((r) => r === errors[0]?.ruleId);
    ctx.ensure(errors.length === 0, `${errors.length} validation error(s): ${ctx.describeErrors(final)}`, broken);
    const warnings = final.findings.filter((f) => f.level === 'warning' && REQUIREMENTS.some((r) => r === f.ruleId));
    if (warnings.length > 0)
      ctx.warn(
        `valid, with ${warnings.length} warning(s): ${warnings
          .slice(0, 2)
          .map((w) => `${w.ruleId}: ${w.message}`)
          .join('; ')}`,
      );
    return { outcome: 'pass', message: 'no validation errors' };
  },
});
