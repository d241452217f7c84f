import type { CheckContext } from '../../lib/context.js';
import { get } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { expectSemanticRefusal, probeRequest } from '../../lib/semantic-refusal.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-OFF-21'],
  title: 'A privileged container is either offered privileged or refused naming privileged',
  async run(ctx: CheckContext) {
    const request = probeRequest(ctx, { executable: { privileged: true } });
    const r = await expectSemanticRefusal(
      ctx,
      request,
      'a request with privileged: true',
      ['privileged'],
      (o) => get(o, 'executable', 'privileged') === true,
    );
    return {
      outcome: 'pass',
      message:
        r.how === 'honoured'
          ? `offered privileged in ${r.offers} offer(s)`
          : r.how === 'no'
            ? 'answered NO naming privileged'
            : `refused with ${r.status}`,
    };
  },
});
