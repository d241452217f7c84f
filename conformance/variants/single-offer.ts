import type { Variant } from './variant.js';
import { startOverridden } from '../mutants/proxy.js';

/** Never makes more than one offer per request (alternatives are a MAY). */
const variant: Variant = {
  id: 'single-offer',
  description: 'Makes exactly one offer per request',
  start: () => startOverridden({}, { config: { maxOffers: 1 } }),
};

export default variant;
