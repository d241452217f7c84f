import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { UNKNOWN_EXECUTABLE_KIND } from '../../lib/fixtures.js';
import { expectSemanticRefusal } from '../../lib/semantic-refusal.js';

/**
 * A kind the service does not know is something it does not provide: spec §6.4 lets it answer NO with a message
 * naming the problem, or refuse with a 4xx error document (EB-ERR-12, which names an unknown kind among its
 * cases), as it does a privileged container or an accelerator it lacks. What EB-KIND-02 rules out is failing: a
 * 5xx, or a YES for something it cannot run.
 */
export default defineCheck({
  level: 'MUST',
  requirements: ['EB-KIND-02'],
  title: 'A request for an executable kind the service does not know is answered NO with a message, or refused',
  async run(ctx: CheckContext) {
    const request = ctx.request({ executableKind: UNKNOWN_EXECUTABLE_KIND });
    // A NO needs a message (EB-KIND-02); whether it names the kind is EB-ERR-12's, noted here, as before.
    const r = await expectSemanticRefusal(
      ctx,
      request,
      'a request for an unknown executable kind',
      [UNKNOWN_EXECUTABLE_KIND, /kind/i],
      undefined,
      'EB-ERR-12',
    );
    ctx.ensure(r.how !== 'no' || r.messages > 0, 'answered NO without a message saying why');
    return {
      outcome: 'pass',
      message: r.how === 'error' ? `refused with ${r.status} and the error document` : 'answered NO with a message',
    };
  },
});
