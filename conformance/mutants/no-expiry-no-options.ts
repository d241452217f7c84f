import type { Mutant } from './proxy.js';
import { startSessionEditor } from './proxy.js';

/** Sends offers without expires. */
const mutant: Mutant = {
  id: 'no-expiry-no-options',
  description: 'Sends offers without expires',
  requirements: ['EB-LIFE-12'],
  catches: ['core-offer-expiry-options'],
  start: () => startSessionEditor((s) => void delete s['expires']),
};

export default mutant;
