import type { CheckContext } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { KINDS } from '../../lib/fixtures.js';
import { asArray, get, isDoc } from '../../lib/context.js';
import { label } from '../../lib/offers.js';

const NAME = 'probe-sized-storage';
const SIZE = { min: 3, max: 6 };

/** EB-OFF-01 for storage: core-offers-meet-minimum asks for cores, memory and run time, never a storage size. */
export default defineCheck({
  level: 'MUST',
  requirements: ['EB-OFF-01'],
  title: 'Every offer provides at least the requested minimum size of each storage resource',
  async run(ctx: CheckContext) {
    const request = {
      ...ctx.request(),
      storage: [{ kind: KINDS.storage, meta: { name: NAME }, size: SIZE }],
    };
    const { offerset } = await ctx.submitForOffers(request);
    const offers = asArray(offerset['offers']).filter(isDoc);
    if (offerset['result'] !== 'YES' || offers.length === 0) {
      // A NO is about storage only if the same request without it gets offers now; else the platform is full (or
      // refuses this request for another reason), which says nothing of storage: not judged rather than met.
      const plain = await ctx.submit(ctx.request());
      if (plain.offerset['result'] !== 'YES')
        ctx.skip(
          `precondition not met: the request with ${SIZE.min}–${SIZE.max} of storage and the same request without storage were both answered NO, so the NO says nothing of storage`,
        );
      ctx.na(
        `not applicable: a request with ${SIZE.min}–${SIZE.max} of storage is answered NO while the same request without it gets offers (this broker may offer no storage)`,
      );
    }
    offers.forEach((offer, i) => {
      const storage = asArray(offer['storage']).filter(isDoc);
      const mine =
        storage.find((s) => get(s, 'meta', 'name') === NAME) ?? (storage.length === 1 ? storage[0] : undefined);
      ctx.ensure(mine, `${label(offer, i)} has no storage resource "${NAME}", which was requested`);
      const size = get(mine, 'size');
      const value = isDoc(size) ? (typeof size['min'] === 'number' ? size['min'] : size['max']) : undefined;
      ctx.ensure(typeof value === 'number', `${label(offer, i)} states no size for storage "${NAME}"`);
      ctx.ensure(
        value >= SIZE.min,
        `${label(offer, i)} offers ${value} of storage "${NAME}", below the requested minimum ${SIZE.min} (requested ${SIZE.min}–${SIZE.max})`,
      );
    });
    return {
      outcome: 'pass',
      message: `${offers.length} offer(s), each with at least ${SIZE.min} of storage "${NAME}"`,
    };
  },
});
