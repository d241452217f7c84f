import type { Mutant } from './proxy.js';
import { startSessionEditor } from './proxy.js';

/** Leaves the requested compute resource out of its offers. */
const mutant: Mutant = {
  id: 'drops-components',
  description: 'Leaves the requested compute resource out of its offers',
  requirements: ['EB-OFF-19'],
  catches: ['core-offers-keep-components'],
  start: () => startSessionEditor((s) => void delete s['compute']),
};

export default mutant;
