import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { expectSemanticRefusal, probeRequest } from '../../lib/semantic-refusal.js';
import { KINDS } from '../../lib/fixtures.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-12'],
  title: 'A schema-valid request whose cores minimum is above its maximum is refused, never offered',
  async run(ctx: CheckContext) {
    // Valid against the schema (each bound is a positive integer); only the rule between them (EB-DM-01) breaks.
    const request = probeRequest(ctx, { compute: { kind: KINDS.compute, cores: { min: 4, max: 2 } } });
    // Named by the rule, or by a message that speaks of the minimum and the maximum together: "cores" or "min"
    // alone is also what a broker full up, or one refusing everything, says.
    const r = await expectSemanticRefusal(ctx, request, 'cores with min 4 above max 2 (EB-DM-01)', [
      'EB-DM-01',
      /\bmin(imum)?\b.*\bmax(imum)?\b|\bmax(imum)?\b.*\bmin(imum)?\b/is,
    ]);
    return {
      outcome: 'pass',
      message:
        r.how === 'error'
          ? `refused with ${r.status} and an error document`
          : 'answered NO, a message naming the minimum above the maximum',
    };
  },
});
