import type { Mutant, Doc } from './proxy.js';
import { startSessionEditor } from './proxy.js';

/** Reports the offered memory equal to the offered cores (what the upstream Java broker does). */
const mutant: Mutant = {
  id: 'memory-equals-cores',
  description: 'Reports the offered memory equal to the offered cores',
  requirements: ['EB-OFF-01', 'EB-OFF-05'],
  catches: ['core-offers-meet-minimum', 'core-offers-within-maximum'],
  start: () =>
    startSessionEditor((s) => {
      const c = s['compute'] as Doc | undefined;
      if (c && c['cores'] !== undefined) c['memory'] = structuredClone(c['cores']);
    }),
};

export default mutant;
