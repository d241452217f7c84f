import type { CheckContext } from '../../lib/context.js';
import { asArray, get, isDoc } from '../../lib/context.js';
import { defineCheck } from '../../lib/define.js';
import { dataRequest } from '../../lib/fixtures.js';
import { label } from '../../lib/offers.js';

export default defineCheck({
  level: 'SHOULD',
  requirements: ['EB-OFF-24'],
  title: "An input linked to a data resource is mounted and named in the executable's environment",
  async run(ctx: CheckContext) {
    const request = dataRequest('https://data.example.org/ebkit-conformance/input.fits');
    (request['executable'] as Record<string, unknown>)['inputs'] = [
      { name: 'probe', resource: 'probe-input', env: 'EBKIT_PROBE_INPUT' },
    ];
    const { offerset } = await ctx.submitForOffers(request);
    const offers = asArray(offerset['offers']).filter(isDoc);
    if (offerset['result'] !== 'YES' || offers.length === 0)
      ctx.skip('precondition not met: the request with a linked input got no offer');
    offers.forEach((offer, i) => {
      const path = get(offer, 'executable', 'environment', 'EBKIT_PROBE_INPUT');
      ctx.ensure(
        typeof path === 'string',
        `${label(offer, i)} does not set EBKIT_PROBE_INPUT, the variable of the linked input`,
      );
      const mount = asArray(get(offer, 'compute', 'volumes')).find(
        (v) => get(v, 'resource') === 'probe-input' && get(v, 'path') === path,
      );
      ctx.ensure(
        mount !== undefined,
        `${label(offer, i)} sets EBKIT_PROBE_INPUT=${String(path)}, but no volume mounts probe-input there`,
      );
    });
    return { outcome: 'pass', message: `${offers.length} offer(s) mount the input and name it in the environment` };
  },
});
