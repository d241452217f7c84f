import type { Variant } from './variant.js';
import { startOverridden } from '../mutants/proxy.js';
import { planOffers } from '../../src/broker/index.js';

/**
 * Looks at no data location when it plans: data is fetched when the session prepares, and a fetch that fails puts
 * the session in FAILED (EB-LIFE-06, spec/examples/valid/session-failed.yaml). EB-OFF-17 asks for NO only for
 * external storage it cannot reach, i.e. unmanaged storage (spec §3.4), which this broker still refuses.
 */
const variant: Variant = {
  id: 'data-staged-later',
  description: 'Offers whatever the data location, and stages the data only once the session prepares',
  start: () =>
    startOverridden({ planner: (input) => planOffers({ ...input, request: { ...input.request, data: [] } }) }),
};

export default variant;
