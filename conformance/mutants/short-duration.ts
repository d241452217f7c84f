import type { Mutant, Doc } from './proxy.js';
import { startSessionEditor } from './proxy.js';

/** Offers a one-minute run time whatever minimum duration the request asks for. */
const mutant: Mutant = {
  id: 'short-duration',
  description: 'Offers a one-minute run time whatever minimum duration the request asks for',
  requirements: ['EB-OFF-01'],
  catches: ['core-offers-meet-minimum'],
  start: () =>
    startSessionEditor((s) => {
      const available = (s['schedule'] as Doc | undefined)?.['available'] as Doc | undefined;
      if (available) available['duration'] = 'PT1M';
    }),
};

export default mutant;
