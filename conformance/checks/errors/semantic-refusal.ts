import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { KINDS } from '../../lib/fixtures.js';
import { expectSemanticRefusal, probeRequest } from '../../lib/semantic-refusal.js';
import { KINDS as MODEL_KINDS } from '../../../src/model/kinds.js';

const DANGLING = 'ebkit-no-such-resource';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-12'],
  title: 'A schema-valid request with a dangling reference is refused with a 4xx error document or NO naming it',
  async run(ctx: CheckContext) {
    const request = probeRequest(ctx, {
      compute: {
        kind: KINDS.compute,
        volumes: [
          {
            kind: MODEL_KINDS.SimpleVolumeMount,
            meta: { name: 'probe-volume' },
            path: '/input',
            mode: 'READONLY',
            resource: DANGLING,
          },
        ],
      },
    });
    const r = await expectSemanticRefusal(ctx, request, `a volume naming the missing resource "${DANGLING}"`, [
      DANGLING,
      'EB-REF-03',
    ]);
    return {
      outcome: 'pass',
      message:
        r.how === 'error'
          ? `refused with ${r.status} and an error document`
          : `answered NO naming the missing resource`,
    };
  },
});
