import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { expectSemanticRefusal } from '../../lib/semantic-refusal.js';
import type { Doc } from '../../lib/doc.js';

const NAME = 'ebkit-same-name';

/** Component names are unique across the whole request (EB-REF-05), not only within one list. */
export default defineCheck({
  level: 'MUST',
  requirements: ['EB-ERR-12'],
  title:
    'A request whose executable and compute share one name is refused with a 4xx or NO naming it (names are unique across the request)',
  async run(ctx: CheckContext) {
    const request = ctx.request();
    ((request['executable'] as Doc)['meta'] as Doc)['name'] = NAME;
    ((request['compute'] as Doc)['meta'] as Doc)['name'] = NAME;
    const r = await expectSemanticRefusal(
      ctx,
      request,
      `an executable and a compute both named "${NAME}" (EB-REF-05)`,
      [NAME, 'EB-REF-05', 'unique', 'duplicate'],
    );
    return {
      outcome: 'pass',
      message: r.how === 'error' ? `refused with ${r.status} and an error document` : `answered NO naming the name`,
    };
  },
});
