import type { Mutant, Doc } from './proxy.js';
import { startSessionEditor } from './proxy.js';

/** Gives the offered compute resource a name of its own instead of the requested one. */
const mutant: Mutant = {
  id: 'renames-components',
  description: 'Gives the offered compute resource a name of its own instead of the requested one',
  requirements: ['EB-OFF-19'],
  catches: ['core-offers-keep-components'],
  start: () =>
    startSessionEditor((s) => {
      const meta = (s['compute'] as Doc | undefined)?.['meta'] as Doc | undefined;
      if (meta) meta['name'] = 'compute-0';
    }),
};

export default mutant;
