import type { Variant } from './variant.js';
import { startOverridden } from '../mutants/proxy.js';

/** Keeps offers for an hour, as a production broker may: the expiry class cannot wait that long. */
const variant: Variant = {
  id: 'long-lifetime',
  description: 'Offers live one hour',
  // Runs as long as the offers live: an offer never lives longer than the run it offers.
  start: () => startOverridden({ offerLifetime: 3600 }, { config: { defaultDuration: 'PT2H' } }),
};

export default variant;
