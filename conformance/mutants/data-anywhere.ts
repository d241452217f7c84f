import type { Mutant } from './proxy.js';
import { startOverridden } from './proxy.js';
import { planOffers } from '../../src/broker/index.js';

/** Plans as if every data resource were reachable: the data list never reaches the planner. */
const mutant: Mutant = {
  id: 'data-anywhere',
  description: 'Offers whatever the data location, even a host that cannot resolve',
  requirements: ['EB-OFF-17'],
  catches: ['core-unreachable-data-no'],
  start: () =>
    startOverridden({ planner: (input) => planOffers({ ...input, request: { ...input.request, data: [] } }) }),
};

export default mutant;
