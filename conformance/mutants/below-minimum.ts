import type { Mutant, Doc } from './proxy.js';
import { startSessionEditor } from './proxy.js';

/** Offers fewer cores and less memory than the requested minimum. */
const mutant: Mutant = {
  id: 'below-minimum',
  description: 'Offers fewer cores and less memory than the requested minimum',
  requirements: ['EB-OFF-01'],
  catches: ['core-offers-meet-minimum'],
  start: () =>
    startSessionEditor((s) => {
      const c = s['compute'] as Doc | undefined;
      if (c) Object.assign(c, { cores: { min: 1, max: 1 }, memory: { min: 1, max: 1 } });
    }),
};

export default mutant;
