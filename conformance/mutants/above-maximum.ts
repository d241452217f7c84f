import type { Mutant, Doc } from './proxy.js';
import { startSessionEditor } from './proxy.js';

/** Offers more cores than the requested maximum. */
const mutant: Mutant = {
  id: 'above-maximum',
  description: 'Offers more cores than the requested maximum',
  requirements: ['EB-OFF-05'],
  catches: ['core-offers-within-maximum'],
  start: () =>
    startSessionEditor((s) => {
      const c = s['compute'] as Doc | undefined;
      if (c) c['cores'] = { min: 64, max: 64 };
    }),
};

export default mutant;
