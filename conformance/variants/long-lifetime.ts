import type { Variant } from './variant.js';
import { startOverridden } from '../mutants/proxy.js';

/** Keeps offers for an hour, as a production broker may: the expiry class cannot wait that long. */
const variant: Variant = {
  id: 'long-lifetime',
  description: 'Offers live one hour',
  start: () => startOverridden({ offerLifetime: 3600 }),
};

export default variant;
