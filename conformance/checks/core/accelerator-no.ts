import type { CheckContext } from '../../lib/context.js';
import { asArray, get } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { expectSemanticRefusal, probeRequest } from '../../lib/semantic-refusal.js';
import { KINDS as MODEL_KINDS } from '../../../src/model/kinds.js';

const MODEL = 'ebkit-conformance-no-such-model';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-OFF-22'],
  title: 'A request for an accelerator the broker lacks is answered NO naming it, not offered without it',
  async run(ctx: CheckContext) {
    const request = probeRequest(ctx, {
      compute: {
        accelerators: [
          {
            kind: MODEL_KINDS.SimpleAccelerator,
            meta: { name: 'probe-gpu' },
            type: 'GPU',
            vendor: 'ebkit',
            model: MODEL,
            count: { min: 1, max: 1 },
            memory: { min: 1 },
          },
        ],
      },
    });
    // A broker may really have such a device: then each offer must still carry the accelerator.
    const honoured = (o: unknown): boolean =>
      asArray(get(o, 'compute', 'accelerators')).some((a) => get(a, 'meta', 'name') === 'probe-gpu');
    const r = await expectSemanticRefusal(
      ctx,
      request,
      `a request for a GPU of model ${MODEL}`,
      ['probe-gpu', MODEL, 'accelerator'],
      honoured,
    );
    return {
      outcome: 'pass',
      message:
        r.how === 'honoured'
          ? `offered with the accelerator in ${r.offers} offer(s)`
          : r.how === 'no'
            ? 'answered NO naming the accelerator'
            : `refused with ${r.status}`,
    };
  },
});
