import type { CheckContext } from '../../lib/context.js';
import { asArray, get, isDoc } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { dataRequest, executableOnlyRequest } from '../../lib/fixtures.js';
import { label } from '../../lib/offers.js';
import { KINDS as MODEL_KINDS } from '../../../src/model/kinds.js';

export default defineCheck({
  level: 'SHOULD',
  requirements: ['EB-DEF-01', 'EB-DEF-03', 'EB-DEF-04'],
  title: 'Offers state the defaults the broker applied: run length, compute, volume mode and path',
  async run(ctx: CheckContext) {
    // No duration and no compute (EB-DEF-01, EB-DEF-03).
    const bare = await ctx.submitForOffers(executableOnlyRequest());
    const bareOffers = asArray(bare.offerset['offers']).filter(isDoc);
    if (bare.offerset['result'] !== 'YES' || bareOffers.length === 0)
      ctx.skip('precondition not met: the executable-only request got no offer to read defaults from');
    bareOffers.forEach((offer, i) => {
      ctx.ensure(
        typeof get(offer, 'schedule', 'available', 'duration') === 'string',
        `${label(offer, i)} of a request with no duration does not state schedule.available.duration`,
      );
      ctx.ensure(
        isDoc(get(offer, 'compute', 'cores')) && isDoc(get(offer, 'compute', 'memory')),
        `${label(offer, i)} of a request with no compute does not state the compute's cores and memory`,
      );
    });
    // A volume with neither mode nor path (EB-DEF-04).
    const request = dataRequest('https://data.example.org/ebkit-conformance/input.fits');
    (request['compute'] as Record<string, unknown>)['volumes'] = [
      { kind: MODEL_KINDS.SimpleVolumeMount, meta: { name: 'probe-volume' }, resource: 'probe-input' },
    ];
    const withVolume = await ctx.submit(request);
    const offers = asArray(withVolume.offerset['offers']).filter(isDoc);
    offers.forEach((offer, i) => {
      const vol = asArray(get(offer, 'compute', 'volumes')).find((v) => get(v, 'meta', 'name') === 'probe-volume');
      ctx.ensure(vol !== undefined, `${label(offer, i)} does not repeat the volume probe-volume`);
      ctx.ensure(
        typeof get(vol, 'mode') === 'string' && typeof get(vol, 'path') === 'string',
        `${label(offer, i)} does not state the mode and path it mounts probe-volume with`,
      );
    });
    return {
      outcome: 'pass',
      message: `${bareOffers.length + offers.length} offer(s) state the duration, compute and volume defaults`,
    };
  },
});
