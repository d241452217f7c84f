import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { KINDS, UNREACHABLE_STORAGE as LOCATION } from '../../lib/fixtures.js';
import { expectSemanticRefusal, probeRequest } from '../../lib/semantic-refusal.js';

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-OFF-17', 'EB-DM-12'],
  title: 'Unmanaged storage at a location no service can reach is answered NO (or refused), not offered',
  async run(ctx: CheckContext) {
    const request = probeRequest(ctx, {
      storage: [{ kind: KINDS.storage, meta: { name: 'probe-vospace' }, lifecycle: 'unmanaged', location: LOCATION }],
    });
    // EB-OFF-17 asks for NO; a message naming the storage is EB-ERR-12's (a note here, judged where it is cited).
    const r = await expectSemanticRefusal(
      ctx,
      request,
      `unmanaged storage at ${LOCATION}`,
      ['probe-vospace', LOCATION, 'unreachable.invalid'],
      undefined,
      'EB-ERR-12',
    );
    return {
      outcome: 'pass',
      message:
        r.how === 'no' ? 'answered NO for the unreachable storage' : `refused with ${'status' in r ? r.status : '?'}`,
    };
  },
});
