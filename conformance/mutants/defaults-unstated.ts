import type { Mutant, Doc } from './proxy.js';
import { startSessionEditor } from './proxy.js';

/** Leaves out of its offers the defaults it applied: the run length and a volume's mode and path. */
const mutant: Mutant = {
  id: 'defaults-unstated',
  description: 'Offers do not state the default run length, volume mode or path they apply',
  catches: ['core-defaults-stated'],
  requirements: ['EB-DEF-01', 'EB-DEF-03', 'EB-DEF-04'],
  start: () =>
    startSessionEditor((s) => {
      const available = (s['schedule'] as Doc | undefined)?.['available'] as Doc | undefined;
      if (available) delete available['duration'];
      const volumes = (s['compute'] as Doc | undefined)?.['volumes'];
      if (Array.isArray(volumes)) {
        for (const v of volumes as Doc[]) {
          delete v['mode'];
          delete v['path'];
        }
      }
    }),
};

export default mutant;
