import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { KINDS, UNREACHABLE_DATA } from '../../lib/fixtures.js';
import { expectSemanticRefusal, probeRequest } from '../../lib/semantic-refusal.js';

const LOCATION = UNREACHABLE_DATA.replace('input.fits', 'vospace/');

export default defineCheck({
  level: 'MUST',
  requirements: ['EB-OFF-17', 'EB-DM-12'],
  title: 'Unmanaged storage at a location no service can reach is answered NO naming it',
  async run(ctx: CheckContext) {
    const request = probeRequest(ctx, {
      storage: [{ kind: KINDS.storage, meta: { name: 'probe-vospace' }, lifecycle: 'unmanaged', location: LOCATION }],
    });
    const r = await expectSemanticRefusal(ctx, request, `unmanaged storage at ${LOCATION}`, [
      'probe-vospace',
      LOCATION,
      'unreachable.invalid',
    ]);
    return {
      outcome: 'pass',
      message:
        r.how === 'no'
          ? 'answered NO naming the unreachable storage'
          : `refused with ${'status' in r ? r.status : '?'}`,
    };
  },
});
