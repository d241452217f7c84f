import type { Mutant } from './proxy.js';
import { startSessionEditor } from './proxy.js';

/** Keeps offers OFFERED after their expiry time. */
const mutant: Mutant = {
  id: 'never-expires',
  description: 'Keeps offers OFFERED after their expiry time',
  requirements: ['EB-LIFE-01'],
  catches: ['expiry-offers-expire'],
  start: () =>
    startSessionEditor((s) => {
      if (s['phase'] === 'EXPIRED') s['phase'] = 'OFFERED';
    }),
};

export default mutant;
