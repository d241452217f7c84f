import type { Variant } from './variant.js';
import { startOverridden } from '../mutants/proxy.js';

/**
 * A platform of four cores (spec §4.1: a broker may be very restrictive and still useful). Offers keep their
 * reservations until they lapse (EB-OFF-10), so while other checks hold offers it answers NO for capacity
 * (EB-ERR-15): the suite must ask again when those lapse, not skip half its MUST checks.
 */
const variant: Variant = {
  id: 'small-platform',
  description: 'Has four cores and 8 GiB in all; offers hold them until they lapse',
  start: () => startOverridden({ offerLifetime: 15 }, { config: { cores: 4, memory: 8, lookAhead: 'PT5S' } }),
};

export default variant;
